import SystemBytes
import Foundation
import ReportModel

/// Where `ReportRows` puts the rows it makes, field by field: collected as strings
/// (`ReportRows.rows`) or encoded as CSV as they come (`EncodedRows`), from one definition of
/// what each file's row holds.
public protocol RowEmitter {
    /// A row of `file` starts. The rows of one file come together, in the contract's order.
    mutating func beginRow(_ file: OutputFile)
    mutating func field(_ value: String)
    /// Several fields in a row.
    mutating func fields(_ run: FieldRun)
    /// A cell's value, as `ReportRows.format` spells it.
    mutating func number(_ cell: CellValue)
    /// A value, as `ReportRows.format` spells it.
    mutating func number(_ value: Decimal)
    /// Two fields: a cell's value (`number`) and its raw text.
    mutating func valueAndRaw(_ cell: CellValue)
    mutating func endRow()
}

extension RowEmitter {
    public mutating func number(_ cell: CellValue) { field(ReportRows.format(cell)) }
    public mutating func number(_ value: Decimal) { field(ReportRows.format(value)) }
    public mutating func valueAndRaw(_ cell: CellValue) {
        number(cell)
        field(cell.raw)
    }
}

/// Fields that stand together in many rows, encoded once: a table 三 cell's row key and label and
/// column key and label, the same in every report; the report id, in every row of a report.
/// (Encoding them per cell was a third of the rows' encoding.)
public struct FieldRun: Sendable {
    public let values: [String]
    /// The fields as CSV, separated by commas.
    public let encoded: [UInt8]

    public init(_ values: [String]) {
        self.values = values
        var encoded: [UInt8] = []
        for (i, value) in values.enumerated() {
            if i > 0 { encoded.append(UInt8(ascii: ",")) }
            CSVEncoding.appendField(value, to: &encoded)
        }
        self.encoded = encoded
    }
}

/// The rows a processed report contributes to each file, in the contract's order.
public enum ReportRows {
    public static func rows(_ report: ProcessedReport) -> [OutputFile: [[String]]] {
        var collector = RowCollector()
        emit(report, into: &collector)
        return collector.rows
    }

    /// The rows encoded (see `EncodedRows`). Made here, in this module, so that `emit` is
    /// specialised for the encoder: called generically from another module, every field went
    /// through the protocol's witness table.
    public static func encoded(_ report: ProcessedReport, layout: OutputLayout, plainFiles: Set<OutputFile>) -> EncodedRows {
        var rows = EncodedRows(layout: layout, plainFiles: plainFiles)
        emit(report, into: &rows)
        rows.finish()
        return rows
    }

    public static func emit<E: RowEmitter>(_ report: ProcessedReport, into out: inout E) {
        let id = report.reportID
        let year = report.metadata.reportYear.map(String.init) ?? ""
        let tables = report.tables
        out.row(.reports, [
            id, report.sourcePath, report.sourceSHA256,
            report.metadata.agency ?? "", year,
            report.metadata.publishDate ?? "", report.template.rawValue,
            report.sourceScript?.rawValue ?? "", report.sourceEncoding ?? "",
            String(report.sectionsFound),
            tables.map { String($0.cellsFound) } ?? "0", tables.map { String($0.cellsExpected) } ?? "0",
            tables.map { String($0.checksFailed) } ?? "0",
            flags(report).sorted().map(\.rawValue).joined(separator: ";"),
            report.status.rawValue,
            tables.map { String($0.checks.count) } ?? "0",
        ] + report.region.fields)
        for error in report.errors {
            out.row(.errors, [report.sourcePath, error.stage.rawValue, error.code, error.message])
        }
        guard !report.isDuplicate else { return }
        for section in report.sections {
            out.row(.sections, [id, String(section.key.number), section.key.rawValue, section.title, section.text,
                                String(section.text.unicodeScalarCount)])
        }
        guard let tables, report.status != .failed else { return }
        let lead = [id, report.metadata.agency ?? "", year, report.template.rawValue, report.status.rawValue]

        let template = report.template.table ?? TableTemplate.fallback()
        // (Field by field, without an array per row; the id encoded once for all of them.)
        let idField = FieldRun([id])
        let activeColumns = tables.activeDisclosure.map(WideLayout.activeDisclosureColumn)
        for cell in tables.activeDisclosure {
            let item = ActiveDisclosureTable.item(cell.itemKey)
            let measure = template.measures(cell.itemKey)?.first { $0.key == cell.measureKey }
            out.beginRow(.activeDisclosure)
            out.fields(idField)
            out.field(cell.itemKey)
            out.field(item?.label ?? "")
            out.field(cell.measureKey)
            out.field(measure?.label ?? "")
            out.number(cell.cell)
            out.field(cell.unit.rawValue)
            out.field(cell.cell.raw)
            out.endRow()
        }
        let keysAndLabels = applicationsKeysAndLabels
        for cell in tables.applications {
            out.beginRow(.applications)
            out.fields(idField)
            out.fields(keysAndLabels[cell.row][cell.column])
            out.valueAndRaw(cell.cell)
            out.endRow()
        }
        for cell in tables.reviewLitigation {
            out.beginRow(.reviewLitigation)
            out.fields(idField)
            out.field(cell.proceedingKey)
            out.field(cell.outcomeKey)
            out.valueAndRaw(cell.cell)
            out.endRow()
        }
        for check in tables.checks {
            out.beginRow(.checks)
            out.fields(idField)
            out.fields(Self.checkRules[check.rule]!)
            out.field(check.columnKey)
            out.number(check.lhs)
            out.number(check.rhs)
            out.field(check.passed ? "true" : "false")
            out.field(check.rowKey)
            out.endRow()
        }

        if !tables.applications.isEmpty {
            // Which cell fills each column (the last one found for a cell wins).
            var filledBy = [Int](repeating: -1, count: WideLayout.applicationsIndex.count)
            let positions = WideLayout.applicationsPositions
            for (i, cell) in tables.applications.enumerated() where cell.cell.value != nil {
                let column = positions[cell.row][cell.column]
                if column >= 0 { filledBy[column] = i }
            }
            out.wideRow(.applicationsWide, lead: lead, filledBy) { out, i in out.number(tables.applications[i].cell) }
        }
        if !tables.activeDisclosure.isEmpty {
            var filledBy = [Int](repeating: -1, count: WideLayout.activeDisclosureIndex.count)
            for (i, cell) in tables.activeDisclosure.enumerated() where WideLayout.inColumnUnit(cell, column: activeColumns[i]).value != nil {
                if let column = activeColumns[i] { filledBy[column] = i }
            }
            out.wideRow(.activeDisclosureWide, lead: lead, filledBy) { out, i in
                out.number(WideLayout.inColumnUnit(tables.activeDisclosure[i], column: activeColumns[i]))
            }
        }
        if !tables.reviewLitigation.isEmpty {
            var filledBy = [Int](repeating: -1, count: WideLayout.reviewLitigationIndex.count)
            var row: (key: String, columns: [(second: String, column: Int)]?)? = nil
            for (i, cell) in tables.reviewLitigation.enumerated() where cell.cell.value != nil {
                if row?.key != cell.proceedingKey { row = (cell.proceedingKey, WideLayout.reviewLitigationIndex.columns[cell.proceedingKey]) }
                if let column = row?.columns?.first(where: { $0.second == cell.outcomeKey })?.column { filledBy[column] = i }
            }
            out.wideRow(.reviewLitigationWide, lead: lead, filledBy) { out, i in out.number(tables.reviewLitigation[i].cell) }
        }
    }

    /// The report's flags, with those its rows add: `unit_unknown` when a table 二 value cannot be
    /// put in its wide column's unit.
    package static func flags(_ report: ProcessedReport) -> Set<ReportFlag> {
        guard let cells = report.tables?.activeDisclosure,
              cells.contains(where: { $0.cell.value != nil && WideLayout.inColumnUnit($0).value == nil })
        else { return report.flags }
        return report.flags.union([.unitUnknown])
    }

    /// table, rule of every identity.
    static let checkRules: [CheckRule: FieldRun] = Dictionary(uniqueKeysWithValues: CheckRule.allCases.map {
        ($0, FieldRun([$0.table, $0.rawValue]))
    })

    /// row_key, row_label, column_key, column_label of every table 三 position, by row and column.
    static let applicationsKeysAndLabels: [[FieldRun]] = ApplicationsTable.rows.map { row in
        ApplicationsTable.columns.map { FieldRun([row.key, row.label, $0.key, $0.label]) }
    }

    /// A cell's value in plain decimal notation. A cell written as the number's plain spelling
    /// (`38540`: most cells) was read from exactly that text, which is then the answer.
    public static func format(_ cell: CellValue) -> String {
        isPlainWhole(cell) ? cell.raw : format(cell.value)
    }

    /// Plain decimal notation: `668.57`, `0`, `-3`; empty when missing.
    public static func format(_ value: Decimal?) -> String {
        guard let value else { return "" }
        // (`Decimal`'s own formatting cost ~2.5 µs a cell, a tenth of a report's time.)
        return DecimalText.string(value)
    }

    /// Whether `format(cell)` is the cell's raw text: a plain whole number as written.
    @inline(__always)
    static func isPlainWhole(_ cell: CellValue) -> Bool {
        let raw = cell.raw.utf8
        return cell.value != nil && !raw.isEmpty && raw.count <= 15 && (raw.count == 1 || raw.first != UInt8(ascii: "0"))
            && raw.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
    }
}

extension RowEmitter {
    @inline(__always)
    mutating func row(_ file: OutputFile, _ fields: [String]) {
        beginRow(file)
        for field in fields { self.field(field) }
        endRow()
    }

    /// A wide row: the lead columns, then a field per cell column: empty, or the value of the
    /// cell `filledBy` names (an index into the report's cells, -1 for none).
    mutating func wideRow(_ file: OutputFile, lead: [String], _ filledBy: [Int], _ value: (inout Self, Int) -> Void) {
        beginRow(file)
        for field in lead { self.field(field) }
        for i in filledBy {
            if i < 0 { field("") } else { value(&self, i) }
        }
        endRow()
    }
}
