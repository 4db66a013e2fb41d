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
    /// Several fields in a row, never the first of it.
    mutating func fields(_ run: FieldRun)
    mutating func endRow()
}

/// Fields that stand together in many rows, encoded once: a table 三 cell's row key and label and
/// column key and label, the same in every report. (Encoding them per cell was a third of the
/// rows' encoding.)
public struct FieldRun: Sendable {
    public let values: [String]
    /// The fields as CSV, each after a comma.
    public let encoded: [UInt8]

    public init(_ values: [String]) {
        self.values = values
        var encoded: [UInt8] = []
        for value in values {
            encoded.append(UInt8(ascii: ","))
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
        for cell in tables.activeDisclosure {
            let item = ActiveDisclosureTable.item(cell.itemKey)
            let measure = template.measures(cell.itemKey)?.first { $0.key == cell.measureKey }
            out.row(.activeDisclosure, [id, cell.itemKey, item?.label ?? "", cell.measureKey, measure?.label ?? "",
                                        format(cell.cell), cell.unit.rawValue, cell.cell.raw])
        }
        // (Field by field: the most rows of any file, without an array per row.)
        let keysAndLabels = applicationsKeysAndLabels
        for cell in tables.applications {
            out.beginRow(.applications)
            out.field(id)
            out.fields(keysAndLabels[cell.row][cell.column])
            out.field(format(cell.cell))
            out.field(cell.cell.raw)
            out.endRow()
        }
        for cell in tables.reviewLitigation {
            out.row(.reviewLitigation, [id, cell.proceedingKey, cell.outcomeKey, format(cell.cell), cell.cell.raw])
        }
        for check in tables.checks {
            out.row(.checks, [id, check.rule.table, check.rule.rawValue, check.columnKey, format(check.lhs),
                              format(check.rhs), check.passed ? "true" : "false", check.rowKey])
        }

        if !tables.applications.isEmpty {
            out.wideRow(.applicationsWide, lead: lead, WideLayout.applicationsIndex, tables.applications) {
                ($0.rowKey, $0.columnKey, $0.cell)
            }
        }
        if !tables.activeDisclosure.isEmpty {
            out.wideRow(.activeDisclosureWide, lead: lead, WideLayout.activeDisclosureIndex, tables.activeDisclosure) {
                ($0.itemKey, $0.measureKey, WideLayout.inColumnUnit($0))
            }
        }
        if !tables.reviewLitigation.isEmpty {
            out.wideRow(.reviewLitigationWide, lead: lead, WideLayout.reviewLitigationIndex, tables.reviewLitigation) {
                ($0.proceedingKey, $0.outcomeKey, $0.cell)
            }
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

    /// row_key, row_label, column_key, column_label of every table 三 position, by row and column.
    static let applicationsKeysAndLabels: [[FieldRun]] = ApplicationsTable.rows.map { row in
        ApplicationsTable.columns.map { FieldRun([row.key, row.label, $0.key, $0.label]) }
    }

    /// A cell's value in plain decimal notation. A cell written as the number's plain spelling
    /// (`38540`: most cells) was read from exactly that text, which is then the answer.
    public static func format(_ cell: CellValue) -> String {
        let raw = cell.raw.utf8
        if cell.value != nil, !raw.isEmpty, raw.count <= 15, raw.count == 1 || raw.first != UInt8(ascii: "0"),
           raw.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return cell.raw
        }
        return format(cell.value)
    }

    /// Plain decimal notation: `668.57`, `0`, `-3`; empty when missing.
    public static func format(_ value: Decimal?) -> String {
        guard let value else { return "" }
        // Nearly every cell is a whole number: `Decimal`'s own formatting cost ~2.5 µs a cell,
        // a tenth of a report's time. A whole number below 2^53 is exact as a Double, and the
        // round trip back to `Decimal` confirms it.
        if value.exponent >= 0, value.exponent < 16, value.isFinite {
            let double = NSDecimalNumber(decimal: value).doubleValue
            if abs(double) < 9.0e15, let whole = Int64(exactly: double), Decimal(whole) == value { return String(whole) }
        }
        return NSDecimalNumber(decimal: value).stringValue
    }
}

extension RowEmitter {
    @inline(__always)
    mutating func row(_ file: OutputFile, _ fields: [String]) {
        beginRow(file)
        for field in fields { self.field(field) }
        endRow()
    }

    /// A wide row: the lead columns, then a value per cell column (the last one found for a cell
    /// wins; a cell the layout has no column for is left out).
    mutating func wideRow<Cell>(_ file: OutputFile, lead: [String], _ index: WideLayout.Index, _ cells: [Cell],
                                _ parts: (Cell) -> (first: String, second: String, cell: CellValue)) {
        // Which cell fills each column (the cells come row by row: a row's columns are looked up once).
        var filledBy = [Int](repeating: -1, count: index.count)
        var row: (key: String, columns: [(second: String, column: Int)]?)? = nil
        for (i, cell) in cells.enumerated() {
            let (first, second, value) = parts(cell)
            guard value.value != nil else { continue }
            if row?.key != first { row = (first, index.columns[first]) }
            if let column = row?.columns?.first(where: { $0.second == second })?.column { filledBy[column] = i }
        }
        beginRow(file)
        for field in lead { self.field(field) }
        for i in filledBy { field(i < 0 ? "" : ReportRows.format(parts(cells[i]).cell)) }
        endRow()
    }
}

/// Rows as arrays of fields.
struct RowCollector: RowEmitter {
    var rows: [OutputFile: [[String]]] = [:]
    private var file = OutputFile.reports
    private var row: [String] = []

    mutating func beginRow(_ file: OutputFile) {
        self.file = file
        row = []
    }

    mutating func field(_ value: String) { row.append(value) }

    mutating func fields(_ run: FieldRun) { row += run.values }

    mutating func endRow() { rows[file, default: []].append(row) }
}

/// Rows encoded as CSV (`CSVEncoding`) as they are made, shaped for the layout; the rows of
/// `plainFiles` are kept as fields instead (the driver completes them at assembly).
public struct EncodedRows: RowEmitter {
    public struct Blob: Sendable {
        public var bytes: [UInt8] = []
        public var rows = 0
        public init() {}
    }

    public let layout: OutputLayout
    public let plainFiles: Set<OutputFile>
    public private(set) var blobs: [OutputFile: Blob] = [:]
    public private(set) var plain: [OutputFile: [[String]]] = [:]

    private var file: OutputFile?
    private var isPlain = false
    private var blob = Blob()
    private var row: [String] = []
    /// The column dropped by the layout (the dataset's partition column), and the column at hand.
    private var skippedColumn: Int?
    private var column = 0

    public init(layout: OutputLayout, plainFiles: Set<OutputFile>) {
        self.layout = layout
        self.plainFiles = plainFiles
    }

    public mutating func beginRow(_ file: OutputFile) {
        if file != self.file {
            flush()
            self.file = file
            isPlain = plainFiles.contains(file)
            skippedColumn = layout.droppedColumn(of: file)
            blob = blobs[file] ?? Blob()
        }
        column = 0
    }

    public mutating func field(_ value: String) {
        defer { column += 1 }
        if isPlain {
            row.append(value)
            return
        }
        guard column != skippedColumn else { return }
        if !startsRow { blob.bytes.append(UInt8(ascii: ",")) }
        CSVEncoding.appendField(value, to: &blob.bytes)
    }

    /// Whether the field at hand is the first one written (the layout may drop column 0).
    private var startsRow: Bool { column == 0 || (column == 1 && skippedColumn == 0) }

    public mutating func fields(_ run: FieldRun) {
        // Encoded once, unless the row is kept as fields, starts with them, or drops one of them.
        let range = column..<column + run.values.count
        if isPlain || startsRow || skippedColumn.map(range.contains) == true {
            for value in run.values { field(value) }
            return
        }
        blob.bytes.append(contentsOf: run.encoded)
        column = range.upperBound
    }

    public mutating func endRow() {
        guard let file else { return }
        if isPlain {
            plain[file, default: []].append(row)
            row = []
        } else {
            blob.bytes.append(10)
            blob.rows += 1
        }
    }

    /// The rows made so far are in `blobs` and `plain`.
    public mutating func finish() { flush() }

    private mutating func flush() {
        if let file, !isPlain { blobs[file] = blob }
        blob = Blob()
    }
}
