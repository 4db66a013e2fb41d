import Consistency
import Foundation
import Output
import Regions
import ReportModel

/// One report's contribution to the outputs, rendered: what the cache stores and the writer
/// writes. The table and section rows are kept as encoded CSV bytes, so a nightly run
/// re-assembles unchanged reports without parsing them again; the field that depends on where
/// the file is (its path) is filled in at assembly.
package struct RenderedReport: Sendable {
    var status: ReportStatus
    /// The report year, which picks the partition in the dataset layout.
    var reportYear: String
    /// The `reports` row; `source_path` and `flags` are set at assembly.
    var reportsRow: [String]
    var flags: [String]
    /// `errors` rows without the path: stage, code, message.
    var errors: [[String]]
    /// Encoded rows of the other files, and how many rows each holds.
    /// (`Data`: an entry read from the cache shares one buffer among its blobs, uncopied.)
    package var blobs: [OutputFile: (bytes: Data, rows: Int)]
    /// What the cross-report step keeps of the report (`CrossReportFacts.encoded`), and its
    /// `text_vs_table` comparisons: column_key, lhs, rhs, passed, evidence.
    var facts: [String] = []
    var textRows: [[String]] = []
    /// What the run report takes of the rows: the rule of each failed identity, and the charted
    /// tables' headline values (`RunReport.charted` order).
    var failedChecks: [String] = []
    var chartTotals: [String] = []
    /// Read from a cache entry's header alone (`ResultCache.loadSummary`): everything but the
    /// blobs, for a report whose rows the run copies as frames of the last run's files.
    var isSummary = false
    /// Stopped at `max_file_seconds`: a verdict of the machine, never cached nor copied.
    var timedOut = false
    /// The cache entry's header line this report was read from or stored as (`GroupSummaries`).
    var headerLine: Data?
    /// An ambiguous agency's region as the input's path narrows it (nil: it does not), worked out
    /// on the worker's thread (`CrossReportHook.prepare`) so that the writer only applies it, or
    /// read with the report's summary from its group's file (`GroupSummaries`).
    var regionByPath: AgencyRegion?
    /// Whether `regionByPath` is worked out.
    var regionByPathKnown = false
    /// What the cross-report step keeps of the report, read on the worker's thread
    /// (`CrossReportHook.prepare`).
    var crossReportEntry: CrossReport.Prepared?

    package static let detailFiles: [OutputFile] = OutputFile.allCases.filter { ![.reports, .errors, .inputs, .consistency, .coverage].contains($0) }

    package init(_ report: ProcessedReport, layout: OutputLayout) {
        status = report.status
        reportYear = report.metadata.reportYear.map(String.init) ?? ""
        let rows = ReportRows.encoded(report, layout: layout, plainFiles: [.reports, .errors])
        reportsRow = rows.plain[.reports]?.first ?? []
        // (As the row has them: `ReportRows.flags`, sorted, joined by `;`.)
        flags = reportsRow.isEmpty ? [] : reportsRow[Self.flagsColumn].split(separator: ";").map(String.init)
        errors = (rows.plain[.errors] ?? []).map { Array($0.dropFirst()) }
        blobs = [:]
        facts = CrossReportFacts(report.tables).encoded
        textRows = report.textComparisons.map {
            [$0.columnKey, ReportRows.format($0.stated), ReportRows.format($0.table), $0.passed ? "true" : "false", $0.evidence]
        }
        for file in Self.detailFiles {
            let blob = rows.blobs[file] ?? EncodedRows.Blob()
            blobs[file] = (Data(blob.bytes), blob.rows)
        }
        failedChecks = RunReport.failedRules(checks: blobs[.checks], layout: layout)
        chartTotals = RunReport.chartTotals(blobs, layout: layout)
    }

    private static let pathColumn = OutputFile.reports.columns.firstIndex(of: "source_path")!
    private static let flagsColumn = OutputFile.reports.columns.firstIndex(of: "flags")!

    package var reportID: String { reportsRow[0] }

    /// Writes the report as found at `path`; a duplicate (a later file with the same bytes) writes
    /// nothing, so that `reports` has one row per report. Its `errors` and `inputs` rows are the
    /// caller's (`errorRows(path:)`, `InputRows`): they are written last, sorted by path.
    package func write(to output: OutputSet, path: String, duplicate: Bool) throws {
        guard !duplicate else { return }
        var row = reportsRow
        row[Self.pathColumn] = path
        row[Self.flagsColumn] = flags.joined(separator: ";")
        try output.append([row], to: .reports, reportYear: reportYear)
        for file in Self.detailFiles {
            if let blob = blobs[file] {
                try output.appendEncoded(blob.bytes, rows: blob.rows, to: file, reportYear: reportYear)
            }
        }
    }

    func errorRows(path: String) -> [[String]] { errors.map { [path] + $0 } }

    // MARK: serialisation (the cache's file format)

    /// A JSON header line, then the blobs' bytes in `detailFiles` order.
    struct Header: Codable {
        var status: String
        var reportYear: String
        var reportsRow: [String]
        var flags: [String]
        var errors: [[String]]
        var blobRows: [Int]
        var blobBytes: [Int]
        var facts: [String]
        var textRows: [[String]]
        var failedChecks: [String]
        var chartTotals: [String]

        /// The header read by `CacheHeaderReader` (a no-change run reads thousands); nil when it
        /// cannot, and `JSONDecoder` reads it.
        static func read(fast bytes: Data) -> Header? {
            ordered(bytes) ?? tree(bytes)
        }

        /// The header as `serialized` writes it, read typed and in its order (a tree of values
        /// and a dictionary per header were most of reading a summary).
        static func ordered(_ bytes: Data) -> Header? {
            CacheHeaderReader.OrderedFields.read(bytes) { f -> Header? in
                guard let status = f.string("status"), let reportYear = f.string("reportYear"),
                      let reportsRow = f.strings("reportsRow"), let flags = f.strings("flags"),
                      let errors = f.stringRows("errors"), let blobRows = f.ints("blobRows"),
                      let blobBytes = f.ints("blobBytes"), let facts = f.strings("facts"),
                      let textRows = f.stringRows("textRows"), let failedChecks = f.strings("failedChecks"),
                      let chartTotals = f.strings("chartTotals")
                else { return nil }
                return Header(status: status, reportYear: reportYear, reportsRow: reportsRow, flags: flags, errors: errors,
                              blobRows: blobRows, blobBytes: blobBytes, facts: facts, textRows: textRows,
                              failedChecks: failedChecks, chartTotals: chartTotals)
            }
        }

        /// The header in any key order.
        static func tree(_ bytes: Data) -> Header? {
            guard let f = CacheHeaderReader.read(bytes),
                  let status = f["status"]?.string, let reportYear = f["reportYear"]?.string,
                  let reportsRow = f["reportsRow"]?.strings, let flags = f["flags"]?.strings,
                  let errors = f["errors"]?.stringRows, let blobRows = f["blobRows"]?.ints,
                  let blobBytes = f["blobBytes"]?.ints, let facts = f["facts"]?.strings,
                  let textRows = f["textRows"]?.stringRows, let failedChecks = f["failedChecks"]?.strings,
                  let chartTotals = f["chartTotals"]?.strings, f.count == 11
            else { return nil }
            return Header(status: status, reportYear: reportYear, reportsRow: reportsRow, flags: flags, errors: errors,
                          blobRows: blobRows, blobBytes: blobBytes, facts: facts, textRows: textRows,
                          failedChecks: failedChecks, chartTotals: chartTotals)
        }
    }

    func serialized() throws -> Data {
        var header = CacheHeaderWriter()
        header.field("status", status.rawValue)
        header.field("reportYear", reportYear)
        header.field("reportsRow", reportsRow)
        header.field("flags", flags)
        header.field("errors", errors)
        header.field("blobRows", Self.detailFiles.map { blobs[$0]?.rows ?? 0 })
        header.field("blobBytes", Self.detailFiles.map { blobs[$0]?.bytes.count ?? 0 })
        header.field("facts", facts)
        header.field("textRows", textRows)
        header.field("failedChecks", failedChecks)
        header.field("chartTotals", chartTotals)
        // (Gathered in an array: `Data.append(Data)` cost ~5,000 instructions a blob.)
        var bytes = header.finish()
        bytes.reserveCapacity(bytes.count + 1 + Self.detailFiles.reduce(0) { $0 + (blobs[$1]?.bytes.count ?? 0) })
        bytes.append(10)
        for file in Self.detailFiles {
            if let blob = blobs[file] { blob.bytes.withUnsafeBytes { bytes.append(contentsOf: $0) } }
        }
        return Data(bytes)
    }

    init?(serialized data: Data) {
        guard let newline = Self.headerEnd(data), let header = Self.header(data[data.startIndex..<newline]) else { return nil }
        var offset = newline + 1
        var blobs: [OutputFile: (bytes: Data, rows: Int)] = [:]
        for (i, file) in Self.detailFiles.enumerated() {
            let end = offset + header.blobBytes[i]
            guard end <= data.endIndex else { return nil }
            blobs[file] = (data[offset..<end], header.blobRows[i])
            offset = end
        }
        guard offset == data.endIndex else { return nil }
        self.init(header, blobs: blobs)
        headerLine = data[data.startIndex..<newline]
    }

    /// Where a serialized report's header line ends (its line feed), found by memchr (`Data`'s
    /// own search checked exclusive access at every byte).
    static func headerEnd(_ data: Data) -> Data.Index? {
        data.withUnsafeBytes { raw -> Data.Index? in
            guard let base = raw.baseAddress, let hit = memchr(base, 10, raw.count) else { return nil }
            return data.startIndex + (UnsafeRawPointer(hit) - base)
        }
    }

    /// The header line of a serialized report.
    static func headerLine(_ data: Data) -> Data {
        data[data.startIndex..<(headerEnd(data) ?? data.endIndex)]
    }

    /// A summary: the report without its blobs, from the header line alone.
    init?(summary line: Data) {
        guard let header = Self.header(line) else { return nil }
        self.init(header, blobs: [:])
        isSummary = true
        headerLine = line
    }

    private static func header(_ line: Data) -> Header? {
        guard let header = Header.read(fast: line) ?? (try? JSONDecoder().decode(Header.self, from: line)),
              ReportStatus(rawValue: header.status) != nil,
              header.blobRows.count == Self.detailFiles.count, header.blobBytes.count == Self.detailFiles.count,
              header.reportsRow.count == OutputFile.reports.columns.count
        else { return nil }
        return header
    }

    private init(_ header: Header, blobs: [OutputFile: (bytes: Data, rows: Int)]) {
        self.status = ReportStatus(rawValue: header.status)!
        self.reportYear = header.reportYear
        self.reportsRow = header.reportsRow
        self.flags = header.flags
        self.errors = header.errors
        self.blobs = blobs
        self.facts = header.facts
        self.textRows = header.textRows
        self.failedChecks = header.failedChecks
        self.chartTotals = header.chartTotals
    }
}

