import ArgumentParser
import Foundation
import Ingest
import Pipeline
import ReportModel
import ScriptNormalization
import TableExtraction

/// `etl inspect FILE`: how one input is read, for answering "why is this report partial?". A
/// presenter over what the stages return (the `ProcessedReport` and each table section's
/// `CellGrid`); it decides nothing of its own.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show how one input file is read: format, encoding, sections, each table's grid and values, flags, checks.",
        discussion: """
            For each table: the grid of cells read from its section, every value found with its row and \
            column (key and template label), its unit and the text it was read from, and the template's \
            cells left missing with the reason the report's flags give. --json prints the same as one \
            JSON object, for scripts.
            """)

    @Argument(help: "The input file (text, HTML, PDF).")
    var file: String

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    @Option(name: .long, help: "OpenCC configuration for traditional → simplified (as opencc_config).")
    var openccConfig = "t2s"

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            FileHandle.standardError.write(Data("etl inspect: cannot read \(file)\n".utf8))
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        let converter: ChineseConverter
        do { converter = try ChineseConverter(config: openccConfig) } catch {
            FileHandle.standardError.write(Data("etl inspect: \(error)\n".utf8))
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        let report = ReportProcessor(normalizer: ScriptNormalizer(converter: converter))
            .process(data: data, sourcePath: file)
        let inspection = Inspection(report, data: data)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(inspection), as: UTF8.self))
        } else {
            print(inspection.text, terminator: "")
        }
    }
}

/// What `inspect` shows, as plain values (the JSON output's shape).
struct Inspection: Encodable {
    struct SectionInfo: Encodable {
        var key: String
        var title: String
        var chars: Int
    }
    struct Value: Encodable {
        var row_key: String
        var row_label: String
        var column_key: String
        var column_label: String
        var value: String?
        var unit: String
        var raw: String
        var unreadable: Bool
    }
    struct Missing: Encodable {
        var row_key: String
        var column_key: String
        var reason: String
    }
    /// A row the reader placed, and how its label was recognised (`LabelMatch`: exact, tolerant,
    /// position); nil where the table's reader records none (table 四's rows are placed by its headers).
    struct Row: Encodable {
        var key: String
        var label: String
        var match: String?
    }
    struct Table: Encodable {
        var name: String
        var section: String
        var found: Bool
        var grid: [[String]]
        var rows: [Row]
        var values: [Value]
        var missing: [Missing]
    }
    struct Check: Encodable {
        var rule: String
        var column_key: String
        var row_key: String
        var lhs: String
        var rhs: String
        var passed: Bool
    }

    var file: String
    var report_id: String
    var bytes: Int
    var format: String
    var encoding: String?
    var script: String?
    var template: String
    var agency: String?
    var report_year: Int?
    var publish_date: String?
    var status: String
    var sections: [SectionInfo]
    var tables: [Table]
    var checks: [Check]
    var flags: [String]
    var errors: [[String]]

    init(_ report: ProcessedReport, data: Data) {
        file = report.sourcePath
        report_id = report.reportID
        bytes = data.count
        switch FileKind.of(data) {
        case .pdf: format = "pdf"
        case .docx: format = "docx"
        case .legacyWord: format = "doc (legacy Word)"
        case .text:
            let head = String(decoding: data.prefix(16 << 10), as: UTF8.self)
            format = InputForm.of(path: report.sourcePath, text: head).rawValue
        }
        encoding = report.sourceEncoding
        script = report.sourceScript?.rawValue
        template = report.template.rawValue
        agency = report.metadata.agency
        report_year = report.metadata.reportYear
        publish_date = report.metadata.publishDate
        status = report.status.rawValue
        sections = report.sections.map { SectionInfo(key: $0.key.rawValue, title: $0.title, chars: $0.text.count) }
        flags = report.flags.sorted().map(\.rawValue)
        errors = report.errors.map { [$0.stage.rawValue, $0.code, $0.message] }

        var texts: [SectionKey: String] = [:]
        for section in report.sections { texts[section.key] = section.text }
        let grids = TableExtractor.Input(sectionTexts: texts, reportYear: report.metadata.reportYear)
        let extracted = report.tables
        let missingTables = Set(extracted?.missingTables ?? [])
        let reason = Self.reason(flags: report.flags)
        tables = []
        checks = (extracted?.checks ?? []).map {
            Check(rule: $0.rule.rawValue, column_key: $0.columnKey, row_key: $0.rowKey, lhs: "\($0.lhs)", rhs: "\($0.rhs)",
                  passed: $0.passed)
        }

        // Table 二
        let template = report.template.table
        var values = (extracted?.activeDisclosure ?? []).map { c in
            Value(row_key: c.itemKey, row_label: ActiveDisclosureTable.item(c.itemKey)?.label ?? "",
                  column_key: c.measureKey,
                  column_label: template?.measures(c.itemKey)?.first { $0.key == c.measureKey }?.label ?? "",
                  value: c.cell.value.map { "\($0)" }, unit: c.unit.rawValue, raw: c.cell.raw, unreadable: c.cell.unreadable)
        }
        var missing = Self.missing((template?.activeDisclosure ?? []).flatMap { entry in
            entry.measures.map { (entry.item.key, $0.key) }
        }, in: values, reason: reason)
        tables.append(Table(name: "active_disclosure", section: "二", found: !missingTables.contains("active_disclosure"),
                            grid: grids.proactiveDisclosure?.rows ?? [], rows: [], values: values, missing: missing))

        // Table 三
        values = (extracted?.applications ?? []).map { c in
            Value(row_key: c.rowKey, row_label: ApplicationsTable.rows[c.row].label, column_key: c.columnKey,
                  column_label: ApplicationsTable.columns[c.column].label, value: c.cell.value.map { "\($0)" },
                  unit: "count", raw: c.cell.raw, unreadable: c.cell.unreadable)
        }
        let variant = (template ?? TableTemplate.fallback()).applicationsRows
        // 其他处理 is one row (`other`) or three (`other_*`) whatever the template: the form the report uses.
        let foundRows = Set(values.map(\.row_key))
        let splitOther = foundRows.contains { $0.hasPrefix("other_") }
        let oneOther = foundRows.contains("other")
        let rowsExpected = ApplicationsTable.rows.filter { row in
            (row.variant == .both || row.variant == variant) && !(row.key == "other" && splitOther)
                && !(row.key.hasPrefix("other_") && oneOther)
        }
        missing = Self.missing(rowsExpected.flatMap { row in ApplicationsTable.columns.map { (row.key, $0.key) } },
                               in: values, reason: reason)
        tables.append(Table(name: "applications", section: "三", found: !missingTables.contains("applications"),
                            grid: grids.applications?.rows ?? [], rows: [], values: values, missing: missing))

        // Table 四
        values = (extracted?.reviewLitigation ?? []).map { c in
            Value(row_key: c.proceedingKey,
                  row_label: ReviewLitigationTable.proceedings.first { $0.key == c.proceedingKey }?.label ?? "",
                  column_key: c.outcomeKey,
                  column_label: ReviewLitigationTable.outcomes.first { $0.key == c.outcomeKey }?.label ?? "",
                  value: c.cell.value.map { "\($0)" }, unit: "count", raw: c.cell.raw, unreadable: c.cell.unreadable)
        }
        missing = Self.missing(ReviewLitigationTable.proceedings.flatMap { proceeding in
            ReviewLitigationTable.outcomes.map { (proceeding.key, $0.key) }
        }, in: values, reason: reason)
        tables.append(Table(name: "review_litigation", section: "四", found: !missingTables.contains("review_litigation"),
                            grid: grids.reviewLitigation?.rows ?? [], rows: [], values: values, missing: missing))
        for i in tables.indices {
            tables[i].rows = Self.rows(tables[i], matches: extracted?.rowMatches ?? [:])
        }
        for i in tables.indices where !tables[i].found {
            tables[i].missing = tables[i].missing.map { Missing(row_key: $0.row_key, column_key: $0.column_key,
                                                                reason: "table not found (missing_tables)") }
        }
    }

    /// The cells of `expected` (row key, column key) that `values` holds no value for.
    static func missing(_ expected: [(String, String)], in values: [Value], reason: String) -> [Missing] {
        let read = Set(values.filter { $0.value != nil }.map { [$0.row_key, $0.column_key] })
        return expected.filter { !read.contains([$0.0, $0.1]) }.map { Missing(row_key: $0.0, column_key: $0.1, reason: reason) }
    }

    /// The rows a table's values were read from, in the order read, each with how its label matched.
    static func rows(_ table: Table, matches: [String: LabelMatch]) -> [Row] {
        var seen: Set<String> = []
        return table.values.compactMap { v in
            guard seen.insert(v.row_key).inserted else { return nil }
            return Row(key: v.row_key, label: v.row_label, match: matches[table.name + "/" + v.row_key]?.rawValue)
        }
    }

    static func describe(match: String?) -> String {
        switch match.flatMap(LabelMatch.init(rawValue:)) {
        case .exact: "label matched exactly"
        case .tolerant: "label matched tolerantly (one character off)"
        case .position: "matched by position (label unreadable)"
        case nil: "placed by the table's headers"
        }
    }

    /// What the report's flags say about cells left missing (the stages record why per report).
    static func reason(flags: Set<ReportFlag>) -> String {
        let relevant: [ReportFlag] = [.missingRows, .shortRows, .emptyCells, .unreadableCells, .missingHeaderCells]
        let named = relevant.filter(flags.contains).map(\.rawValue)
        return named.isEmpty ? "not found" : "not found; the report's flags: " + named.joined(separator: ", ")
    }

    var text: String {
        var out = ""
        func line(_ s: String = "") { out += s + "\n" }
        line("file:      \(file) (\(bytes) bytes, \(report_id))")
        line("format:    \(format); encoding \(encoding ?? "—"); script \(script ?? "—")")
        line("template:  \(template); status \(status)")
        line("agency:    \(agency ?? "— (no_agency)"); year \(report_year.map(String.init) ?? "— (no_report_year)"); published \(publish_date ?? "—")")
        line("flags:     \(flags.isEmpty ? "none" : flags.joined(separator: ", "))")
        for e in errors { line("error:     \(e.joined(separator: " / "))") }
        line()
        line("sections (\(sections.filter { $0.key != "preamble" }.count) of 6):")
        for s in sections { line("  \(s.key.padding(toLength: 18, withPad: " ", startingAt: 0)) \(s.chars) chars  \(s.title)") }
        for t in tables {
            line()
            line("table \(t.section) \(t.name): \(t.found ? "found" : "NOT FOUND"), \(t.values.count) values, \(t.missing.count) missing")
            if !t.grid.isEmpty {
                line("  grid read (\(t.grid.count) rows):")
                for row in t.grid { line("    | " + row.joined(separator: " | ") + " |") }
            }
            for r in t.rows {
                line("  row \(r.key) [\(r.label)]: \(Self.describe(match: r.match))")
            }
            for v in t.values {
                let value = v.unreadable ? "unreadable" : (v.value ?? "empty")
                line("  \(v.row_key) [\(v.row_label)] × \(v.column_key) [\(v.column_label)] = \(value) \(v.unit)  (raw \"\(v.raw)\")")
            }
            for m in t.missing { line("  missing \(m.row_key) × \(m.column_key): \(m.reason)") }
        }
        line()
        line("checks: \(checks.count) evaluated, \(checks.filter { !$0.passed }.count) failed")
        for c in checks where !c.passed {
            line("  FAILED \(c.rule) \(c.column_key)\(c.row_key.isEmpty ? "" : " " + c.row_key): \(c.lhs) ≠ \(c.rhs)")
        }
        return out
    }
}
