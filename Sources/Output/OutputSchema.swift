import Foundation
import ReportModel

/// The files of output contract version 1. Columns beyond the contract go at the end of a file.
public enum OutputFile: String, CaseIterable, Sendable {
    case reports, sections
    case activeDisclosure = "active_disclosure"
    case applications
    case reviewLitigation = "review_litigation"
    case checks, errors
    // One row per report, a column per cell: for spreadsheets.
    case applicationsWide = "applications_wide"
    case activeDisclosureWide = "active_disclosure_wide"
    case reviewLitigationWide = "review_litigation_wide"

    /// (Made once per file: rows are shaped by column position, and building the specs per row
    /// showed in profiles.)
    public var columns: [String] { Self.columnsByFile[self]! }

    /// The three longest files (table 三 cell by cell, the sections' text, the checks): nine
    /// tenths of the bytes written, compressed on zstd's own threads.
    public var isLarge: Bool {
        switch self {
        case .sections, .applications, .checks: true
        default: false
        }
    }
    private static let columnsByFile: [OutputFile: [String]] =
        Dictionary(uniqueKeysWithValues: allCases.map { ($0, $0.specs.map(\.name)) })

    /// What each column holds: the data dictionary is written from this.
    public var specs: [ColumnSpec] {
        switch self {
        case .reports: ColumnSpec.reports
        case .sections: ColumnSpec.sections
        case .activeDisclosure: ColumnSpec.activeDisclosure
        case .applications: ColumnSpec.applications
        case .reviewLitigation: ColumnSpec.reviewLitigation
        case .checks: ColumnSpec.checks
        case .errors: ColumnSpec.errors
        case .applicationsWide: ColumnSpec.wideLead + WideLayout.applications.map(\.spec)
        case .activeDisclosureWide: ColumnSpec.wideLead + WideLayout.activeDisclosure.map(\.spec)
        case .reviewLitigationWide: ColumnSpec.wideLead + WideLayout.reviewLitigation.map(\.spec)
        }
    }

    public var description: (en: String, zh: String) {
        switch self {
        case .reports: ("one row per input file", "每个输入文件一行")
        case .sections: ("one row per section found", "每个识别出的章节一行")
        case .activeDisclosure: ("table 二 (proactive disclosure), long format", "表二 主动公开政府信息情况（长表）")
        case .applications: ("table 三 (applications), long format", "表三 收到和处理政府信息公开申请情况（长表）")
        case .reviewLitigation: ("table 四 (review and litigation), long format", "表四 行政复议、行政诉讼情况（长表）")
        case .checks: ("one row per accounting identity evaluated", "每项勾稽关系检查一行")
        case .errors: ("one row per input problem", "每个输入问题一行")
        case .applicationsWide: ("table 三, one row per report", "表三（宽表，每份报告一行）")
        case .activeDisclosureWide: ("table 二, one row per report", "表二（宽表，每份报告一行）")
        case .reviewLitigationWide: ("table 四, one row per report", "表四（宽表，每份报告一行）")
        }
    }
}

/// How the CSV files are compressed.
public enum Compression: String, Codable, Sendable, CaseIterable {
    case zstd, gzip, none

    public var fileExtension: String {
        switch self {
        case .zstd: ".csv.zst"
        case .gzip: ".csv.gz"
        case .none: ".csv"
        }
    }
}

/// The wide files' cell columns, `<row_key>__<column_key>`, from the template vocabulary.
public enum WideLayout {
    /// Column positions by the cell's two keys.
    public struct Index: Sendable {
        public let count: Int
        /// By the first key, the second keys with their positions: a handful each, scanned
        /// rather than hashed (the keys are short strings, compared in place).
        public let columns: [String: [(second: String, column: Int)]]

        init(_ cells: [Cell]) {
            count = cells.count
            var columns: [String: [(second: String, column: Int)]] = [:]
            for (i, cell) in cells.enumerated() { columns[cell.first, default: []].append((cell.second, i)) }
            self.columns = columns
        }
    }

    public static let applicationsIndex = Index(applications)
    public static let activeDisclosureIndex = Index(activeDisclosure)
    public static let reviewLitigationIndex = Index(reviewLitigation)

    public struct Cell: Sendable {
        public let name: String
        public let first: String
        public let second: String
        public let spec: ColumnSpec
    }

    public static let applications: [Cell] = ApplicationsTable.rows.flatMap { row in
        ApplicationsTable.columns.map { column in
            Cell(name: "\(row.key)__\(column.key)", first: row.key, second: column.key,
                 spec: ColumnSpec("\(row.key)__\(column.key)", .number, unit: "count",
                                  "table 三: \(row.key) × \(column.key)", "表三：\(row.label) × \(column.label)"))
        }
    }

    /// Item × measure pairs of both templates, in table order, each once.
    public static let activeDisclosure: [Cell] = {
        var cells: [Cell] = []
        var seen = Set<String>()
        for item in ActiveDisclosureTable.items {
            for template in [TemplateKind.t2021, .t2019] {
                for measure in item.measures[template] ?? [] where seen.insert("\(item.key)__\(measure.key)").inserted {
                    let name = "\(item.key)__\(measure.key)"
                    cells.append(Cell(name: name, first: item.key, second: measure.key,
                                      spec: ColumnSpec(name, .number, unit: measure.unit.rawValue,
                                                       "table 二: \(item.key) × \(measure.key) (template \(template.rawValue))",
                                                       "表二：\(item.label) × \(measure.label)")))
                }
            }
        }
        return cells
    }()

    public static let reviewLitigation: [Cell] = ReviewLitigationTable.proceedings.flatMap { p in
        ReviewLitigationTable.outcomes.map { o in
            Cell(name: "\(p.key)__\(o.key)", first: p.key, second: o.key,
                 spec: ColumnSpec("\(p.key)__\(o.key)", .number, unit: "count",
                                  "table 四: \(p.key) × \(o.key)", "表四：\(p.label) × \(o.label)"))
        }
    }
}
