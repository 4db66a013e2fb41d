import Foundation
import ReportModel

/// The files of output contract version 1 and their columns, exactly as the contract names them.
/// Columns added beyond the contract go at the end of a file.
public enum OutputFile: String, CaseIterable, Sendable {
    case reports, sections
    case activeDisclosure = "active_disclosure"
    case applications
    case reviewLitigation = "review_litigation"
    case checks, errors

    public var columns: [String] {
        switch self {
        case .reports:
            ["report_id", "source_path", "source_sha256", "agency", "report_year", "publish_date", "template",
             "source_script", "source_encoding", "sections_found", "cells_found", "cells_expected", "checks_failed",
             "flags", "status"]
        case .sections: ["report_id", "section_no", "section_key", "title", "text", "char_count"]
        case .activeDisclosure:
            ["report_id", "item_key", "item_label", "measure_key", "measure_label", "value", "unit", "raw"]
        case .applications: ["report_id", "row_key", "row_label", "column_key", "column_label", "value", "raw"]
        case .reviewLitigation: ["report_id", "proceeding_key", "outcome_key", "value", "raw"]
        // row_key is an addition: it names the row (or proceeding) a per-row identity was checked on.
        case .checks: ["report_id", "table", "rule", "column_key", "lhs", "rhs", "passed", "row_key"]
        case .errors: ["source_path", "stage", "code", "message"]
        }
    }
}

/// How the CSV files are compressed.
public enum Compression: String, Codable, Sendable, CaseIterable {
    case zstd, none

    public var fileExtension: String {
        switch self {
        case .zstd: ".csv.zst"
        case .none: ".csv"
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
        out[.sections] = report.sections.map {
            [id, String($0.key.number), $0.key.rawValue, $0.title, $0.text, String($0.text.count)]
        }
        out[.errors] = report.errors.map { [report.sourcePath, $0.stage.rawValue, $0.code, $0.message] }
        if report.isDuplicate { out[.sections] = [] }
        guard let tables, !report.isDuplicate else { return out }

        let items = Dictionary(uniqueKeysWithValues: ActiveDisclosureTable.items.map { ($0.key, $0) })
        out[.activeDisclosure] = tables.activeDisclosure.map { cell in
            let item = items[cell.itemKey]
            let template: TemplateKind = report.template == .t2019 ? .t2019 : .t2021
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
        return out
    }

    /// Plain decimal notation: `668.57`, `0`, `-3`; empty when missing.
    public static func format(_ value: Decimal?) -> String {
        guard let value else { return "" }
        return NSDecimalNumber(decimal: value).stringValue
    }
}
