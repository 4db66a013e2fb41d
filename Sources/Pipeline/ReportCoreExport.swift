// The per-report core is part of this library's API (`ReportProcessor`).
@_exported import ReportCore
