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

    public var columns: [String] { specs.map(\.name) }

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

/// The rows a processed report contributes to each file, in the contract's order.
public enum ReportRows {
    public static func rows(_ report: ProcessedReport) -> [OutputFile: [[String]]] {
        var out: [OutputFile: [[String]]] = [:]
        let id = report.reportID
        let tables = report.tables
        out[.reports] = [[
            id, report.sourcePath, report.sourceSHA256,
            report.metadata.agency ?? "", report.metadata.reportYear.map(String.init) ?? "",
            report.metadata.publishDate ?? "", report.template.rawValue,
            report.sourceScript?.rawValue ?? "", report.sourceEncoding ?? "",
            String(report.sectionsFound),
            tables.map { String($0.cellsFound) } ?? "0", tables.map { String($0.cellsExpected) } ?? "0",
            tables.map { String($0.checksFailed) } ?? "0",
            report.flags.sorted().map(\.rawValue).joined(separator: ";"),
            report.status.rawValue,
        ]]
        out[.errors] = report.errors.map { [report.sourcePath, $0.stage.rawValue, $0.code, $0.message] }
        guard !report.isDuplicate else { return out }
        out[.sections] = report.sections.map {
            [id, String($0.key.number), $0.key.rawValue, $0.title, $0.text, String($0.text.unicodeScalars.count)]
        }
        let lead = [id, report.metadata.agency ?? "", report.metadata.reportYear.map(String.init) ?? "",
                    report.template.rawValue, report.status.rawValue]
        guard let tables, report.status != .failed else { return out }

        let template: TemplateKind = report.template == .t2019 ? .t2019 : .t2021
        let items = Dictionary(uniqueKeysWithValues: ActiveDisclosureTable.items.map { ($0.key, $0) })
        out[.activeDisclosure] = tables.activeDisclosure.map { cell in
            let item = items[cell.itemKey]
            let measure = item?.measures[template]?.first { $0.key == cell.measureKey }
            return [id, cell.itemKey, item?.label ?? "", cell.measureKey, measure?.label ?? "",
                    format(cell.cell.value), cell.unit.rawValue, cell.cell.raw]
        }
        let columnLabels = Dictionary(uniqueKeysWithValues: ApplicationsTable.columns.map { ($0.key, $0.label) })
        out[.applications] = tables.applications.map { cell in
            [id, cell.rowKey, ApplicationsTable.row(cell.rowKey)?.label ?? "", cell.columnKey,
             columnLabels[cell.columnKey] ?? "", format(cell.cell.value), cell.cell.raw]
        }
        out[.reviewLitigation] = tables.reviewLitigation.map {
            [id, $0.proceedingKey, $0.outcomeKey, format($0.cell.value), $0.cell.raw]
        }
        out[.checks] = tables.checks.map {
            [id, $0.rule.table, $0.rule.rawValue, $0.columnKey, format($0.lhs), format($0.rhs),
             $0.passed ? "true" : "false", $0.rowKey]
        }

        var applications: [String: Decimal] = [:]
        for cell in tables.applications { if let v = cell.cell.value { applications["\(cell.rowKey)__\(cell.columnKey)"] = v } }
        var active: [String: Decimal] = [:]
        for cell in tables.activeDisclosure { if let v = cell.cell.value { active["\(cell.itemKey)__\(cell.measureKey)"] = v } }
        var review: [String: Decimal] = [:]
        for cell in tables.reviewLitigation { if let v = cell.cell.value { review["\(cell.proceedingKey)__\(cell.outcomeKey)"] = v } }
        if !tables.applications.isEmpty {
            out[.applicationsWide] = [lead + WideLayout.applications.map { format(applications[$0.name]) }]
        }
        if !tables.activeDisclosure.isEmpty {
            out[.activeDisclosureWide] = [lead + WideLayout.activeDisclosure.map { format(active[$0.name]) }]
        }
        if !tables.reviewLitigation.isEmpty {
            out[.reviewLitigationWide] = [lead + WideLayout.reviewLitigation.map { format(review[$0.name]) }]
        }
        return out
    }

    /// Plain decimal notation: `668.57`, `0`, `-3`; empty when missing.
    public static func format(_ value: Decimal?) -> String {
        guard let value else { return "" }
        return NSDecimalNumber(decimal: value).stringValue
    }
}
