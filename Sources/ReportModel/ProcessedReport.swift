/// Everything the pipeline learned about one input file: what the output stage writes.
public struct ProcessedReport: Sendable {
    public var reportID: String
    public var sourcePath: String
    public var sourceSHA256: String
    public var metadata = ReportMetadata()
    public var template: TemplateKind = .unknown
    public var sourceScript: SourceScript?
    public var sourceEncoding: String?
    public var sections: [Section] = []
    public var tables: ExtractedTables?
    public var flags: Set<ReportFlag> = []
    /// Injected spam tokens cut out of the text (flag `spam_injected` when any).
    public var spamTokensRemoved = 0
    public var status: ReportStatus = .failed
    public var errors: [StageError] = []
    /// Same bytes as an earlier input (by path): its sections and tables are written once, under
    /// the first copy; this copy keeps its `reports` row.
    public var isDuplicate = false
    /// The body and its region (`agency_key` … `level`).
    public var region = AgencyRegion()
    /// The figures its prose states, against its tables.
    public var textComparisons: [TextComparison] = []

    public init(reportID: String, sourcePath: String, sourceSHA256: String) {
        self.reportID = reportID
        self.sourcePath = sourcePath
        self.sourceSHA256 = sourceSHA256
    }

    /// Sections 1-6 found (the preamble does not count).
    public var sectionsFound: Int { sections.filter { $0.key != .preamble }.count }
}

/// Why an input could not be processed in full: one `errors` row.
public struct StageError: Error, Sendable, Equatable {
    public enum Stage: String, Sendable {
        case ingest, normalize, segment, tables, output
    }

    public let stage: Stage
    /// Stable, snake_case: users filter on it.
    public let code: String
    public let message: String

    public init(stage: Stage, code: String, message: String) {
        self.stage = stage
        self.code = code
        self.message = message
    }
}
