import Foundation
import ReportModel

/// The output contract's version, in `manifest.json` and `datapackage.json`; the README lists what
/// each version changed.
package enum OutputContract {
    package static let version = 2
}

/// The files of the output contract. Columns beyond the contract go at the end of a file.
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
    /// One row per input file: the copies of a report, the files that could not be read.
    case inputs
    /// Across reports: the text against the tables, one year against the next; who reported when.
    case consistency, coverage

    /// (Made once per file: rows are shaped by column position, and building the specs per row
    /// showed in profiles.)
    public var columns: [String] { Self.columnsByFile[self]! }

    /// The three longest files (table 三 cell by cell, the sections' text, the checks): nine
    /// tenths of the bytes written, given larger file buffers.
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
        case .inputs: ColumnSpec.inputs
        case .consistency: ColumnSpec.consistency
        case .coverage: ColumnSpec.coverage
        case .applicationsWide: ColumnSpec.wideLead + WideLayout.applications.map(\.spec)
        case .activeDisclosureWide: ColumnSpec.wideLead + WideLayout.activeDisclosure.map(\.spec)
        case .reviewLitigationWide: ColumnSpec.wideLead + WideLayout.reviewLitigation.map(\.spec)
        }
    }

    public var description: (en: String, zh: String) {
        switch self {
        case .reports: ("one row per report (identical files are one report: see inputs)", "每份报告一行（内容相同的文件为同一报告，见inputs）")
        case .sections: ("one row per section found", "每个识别出的章节一行")
        case .activeDisclosure: ("table 二 (proactive disclosure), long format", "表二 主动公开政府信息情况（长表）")
        case .applications: ("table 三 (applications), long format", "表三 收到和处理政府信息公开申请情况（长表）")
        case .reviewLitigation: ("table 四 (review and litigation), long format", "表四 行政复议、行政诉讼情况（长表）")
        case .checks: ("one row per accounting identity evaluated", "每项勾稽关系检查一行")
        case .errors: ("one row per input problem", "每个输入问题一行")
        case .inputs: ("one row per input file", "每个输入文件一行")
        case .consistency: ("one row per figure compared: text against table, one year against the next", "每项一致性比较一行（正文与表格、跨年度）")
        case .coverage: ("one row per agency_key and year from its first to its last report", "每个机关每个年度一行（首份至末份报告之间）")
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

    /// The column of each table 三 position (`ApplicationCell.row`, `.column`), -1 for none: the
    /// index's answer for its keys, looked up once.
    static let applicationsPositions: [[Int]] = ApplicationsTable.rows.map { row in
        ApplicationsTable.columns.map { column in
            applicationsIndex.columns[row.key]?.first { $0.second == column.key }?.column ?? -1
        }
    }

    /// A table 二 cell's column.
    static func activeDisclosureColumn(_ cell: ActiveDisclosureCell) -> Int? {
        activeDisclosureIndex.columns[cell.itemKey]?.first { $0.second == cell.measureKey }?.column
    }

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

    /// Item × measure pairs of every template, in table order, each once.
    public static let activeDisclosure: [Cell] = {
        var cells: [Cell] = []
        var seen = Set<String>()
        for item in ActiveDisclosureTable.items {
            for template in TableTemplate.all {
                for measure in template.measures(item.key) ?? [] where seen.insert("\(item.key)__\(measure.key)").inserted {
                    let name = "\(item.key)__\(measure.key)"
                    cells.append(Cell(name: name, first: item.key, second: measure.key,
                                      spec: ColumnSpec(name, .number, unit: measure.unit.rawValue,
                                                       "table 二: \(item.key) × \(measure.key) (template \(template.key))",
                                                       "表二：\(item.label) × \(measure.label)")))
                }
            }
        }
        return cells
    }()

    /// The unit of each table 二 column (the dictionary's `unit`).
    static let activeDisclosureColumnUnits: [ValueUnit] = activeDisclosure.map { ValueUnit(rawValue: $0.spec.unit)! }

    /// A table 二 cell as its wide column holds it: in the column's unit, converted exactly (元 to
    /// 万元 moves the decimal point four places); no value when the cell's unit does not convert
    /// (an amount in a count column, a count in an amount column) or it has no column.
    static func inColumnUnit(_ cell: ActiveDisclosureCell) -> CellValue {
        inColumnUnit(cell, column: activeDisclosureColumn(cell))
    }

    /// The same, the cell's column (`activeDisclosureColumn`) known. (A column's name is its two
    /// keys joined by `__`, and no key holds `__` or starts or ends with `_`: the column found by
    /// the keys is the one found by the name.)
    static func inColumnUnit(_ cell: ActiveDisclosureCell, column: Int?) -> CellValue {
        guard let value = cell.cell.value, let column else { return cell.cell }
        let unit = activeDisclosureColumnUnits[column]
        if cell.unit == unit { return cell.cell }
        guard let converted = convert(value, from: cell.unit, to: unit) else { return CellValue(value: nil, raw: "") }
        // No raw text: `ReportRows.format` would show the cell's own spelling.
        return CellValue(value: converted, raw: "")
    }

    /// `value` in unit `to`; nil when the units do not convert or the result would not be exact.
    static func convert(_ value: Decimal, from: ValueUnit, to: ValueUnit) -> Decimal? {
        let places: Int16
        switch (from, to) {
        case _ where from == to: return value
        case (.yuan, .tenThousandYuan): places = -4
        case (.tenThousandYuan, .yuan): places = 4
        default: return nil
        }
        var input = value
        var result = Decimal()
        return NSDecimalMultiplyByPowerOf10(&result, &input, places, .plain) == .noError ? result : nil
    }

    public static let reviewLitigation: [Cell] = ReviewLitigationTable.proceedings.flatMap { p in
        ReviewLitigationTable.outcomes.map { o in
            Cell(name: "\(p.key)__\(o.key)", first: p.key, second: o.key,
                 spec: ColumnSpec("\(p.key)__\(o.key)", .number, unit: "count",
                                  "table 四: \(p.key) × \(o.key)", "表四：\(p.label) × \(o.label)"))
        }
    }
}
