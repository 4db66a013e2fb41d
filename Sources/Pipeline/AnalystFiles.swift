import Foundation
import Output
import SystemBytes

extension PipelineRunner {
    /// The files written for people rather than programs, into staging, listed in the manifest like
    /// the CSVs: `report.html` always, `gov-disclosure.xlsx` when the format is `xlsx` (made from
    /// the CSV files just written, so that it holds the same values).
    func writeAnalystFiles(into folder: URL, report: RunReport, counts: Manifest.Counts, started: Date,
                           inputBytes: Int) throws -> [OutputSet.FileSummary] {
        var written: [OutputSet.FileSummary] = []
        var notes: [String] = []
        if config.format == .xlsx {
            let url = folder.appendingPathComponent(Workbook.fileName)
            let sheets = try Workbook.write(to: url.path, from: folder, compression: config.compression, layout: config.layout)
            for sheet in sheets where sheet.leftOut > 0 {
                let note = "\(Workbook.fileName), sheet \(sheet.name): \(Workbook.note(sheet))"
                notes.append(note)
                logger.warning("workbook sheet cut at the spreadsheet row limit", metadata: [
                    "sheet": "\(sheet.name)", "rows_left_out": "\(sheet.leftOut)", "note": "\(note)",
                ])
            }
            written.append(try Self.summary(of: url))
        }
        let facts = RunReport.RunFacts(
            files: counts.files, ok: counts.ok, partial: counts.partial, failed: counts.failed,
            errorRows: counts.errorRows, skippedByPatterns: counts.skippedByPatterns, unchanged: counts.unchanged,
            seconds: Date().timeIntervalSince(started), inputBytes: inputBytes,
            startedAt: ISO8601DateFormatter().string(from: started), pipelineVersion: PipelineVersion.current, notes: notes)
        let page = folder.appendingPathComponent(RunReport.fileName)
        try Data(report.html(facts).utf8).write(to: page)
        written.append(try Self.summary(of: page))
        return written
    }

    static func summary(of url: URL) throws -> OutputSet.FileSummary {
        let data = try Data(contentsOf: url)
        return OutputSet.FileSummary(file: url.lastPathComponent, rows: 0, bytes: data.count,
                                     sha256: SHA256.hash(data: data).lowercaseHex)
    }
}

extension RunReport {
    private static let reportColumns = OutputFile.reports.columns
    private static let columns = (status: reportColumns.firstIndex(of: "status")!, year: reportColumns.firstIndex(of: "report_year")!,
                                  template: reportColumns.firstIndex(of: "template")!,
                                  encoding: reportColumns.firstIndex(of: "source_encoding")!,
                                  checks: reportColumns.firstIndex(of: "checks_evaluated")!)

    /// A report as the writer writes it: its `reports` row, its failed identities, the charted
    /// tables' headline values (kept with the report: its rows may not be at hand).
    mutating func add(_ rendered: RenderedReport, path: String, seconds: Double?, layout: OutputLayout) {
        let row = rendered.reportsRow, c = Self.columns
        if row.count == Self.reportColumns.count {
            add(status: row[c.status], year: row[c.year], template: row[c.template], encoding: row[c.encoding],
                flags: rendered.flags, checksEvaluated: row[c.checks], path: path, seconds: seconds)
        } else {
            var fields: [String: String] = [:]
            for (name, value) in zip(Self.reportColumns, row) { fields[name] = value }
            fields["flags"] = rendered.flags.joined(separator: ";")
            add(report: fields, path: path, seconds: seconds)
        }
        for rule in rendered.failedChecks { addFailedCheck(rule: rule, year: rendered.reportYear) }
        for (chart, value) in zip(Self.charted, rendered.chartTotals) where !value.isEmpty {
            addTotal(table: chart.file, year: rendered.reportYear, value: value)
        }
    }

    /// The rule of each failed identity among a report's encoded `checks` rows.
    static func failedRules(checks: (bytes: Data, rows: Int)?, layout: OutputLayout) -> [String] {
        guard let checks, checks.rows > 0, contains(checks.bytes, "false") else { return [] }
        let columns = layout.columns(of: .checks)
        let rule = columns.firstIndex(of: "rule")!, passed = columns.firstIndex(of: "passed")!
        var rules: [String] = []
        for line in checks.bytes.split(separator: 10) {
            let fields = Workbook.fields(Array(line))
            if fields.count > max(rule, passed), fields[passed] == "false" { rules.append(fields[rule]) }
        }
        return rules
    }

    /// Each charted table's headline value in a report's encoded wide rows (`charted` order;
    /// empty when the report has none).
    static func chartTotals(_ blobs: [OutputFile: (bytes: Data, rows: Int)], layout: OutputLayout) -> [String] {
        charted.map { chart in
            guard let blob = blobs[chart.file], blob.rows == 1,
                  let index = layout.columns(of: chart.file).firstIndex(of: chart.column) else { return "" }
            // (One field of a row of a few hundred: read alone, not the whole row.)
            return RecordReader.field(Array(blob.bytes), at: index)
        }
    }

    /// (memchr and memcmp: `Data.range(of:)` was half of this step.)
    private static func contains(_ data: Data, _ needle: StaticString) -> Bool {
        data.withUnsafeBytes { raw in
            UTF8Bytes.contains(UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount),
                               in: raw.bindMemory(to: UInt8.self))
        }
    }
}
