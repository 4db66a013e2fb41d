import Foundation
import ReportModel

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
    /// The rows of the file at hand, and how many.
    private var bytes = ByteBuffer(capacity: 32 << 10)
    private var rows = 0
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
            if let blob = blobs[file] {  // (a file met again: its rows go on)
                bytes.append(blob.bytes)
                rows = blob.rows
            }
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
        if !startsRow { bytes.append(UInt8(ascii: ",")) }
        if !value.utf8.isEmpty { CSVEncoding.appendField(value, to: &bytes) }
    }

    /// Whether the field at hand is the first one written (the layout may drop column 0).
    private var startsRow: Bool { column == 0 || (column == 1 && skippedColumn == 0) }

    public mutating func fields(_ run: FieldRun) {
        // Encoded once, unless the row is kept as fields or drops one of them.
        let range = column..<column + run.values.count
        if isPlain || skippedColumn.map(range.contains) == true {
            for value in run.values { field(value) }
            return
        }
        if !startsRow { bytes.append(UInt8(ascii: ",")) }
        bytes.append(run.encoded)
        column = range.upperBound
    }

    /// (A number needs no quotes: written as it is made.)
    public mutating func number(_ cell: CellValue) {
        guard !isPlain, column != skippedColumn else { return field(ReportRows.format(cell)) }
        if !startsRow { bytes.append(UInt8(ascii: ",")) }
        column += 1
        if ReportRows.isPlainWhole(cell) {
            bytes.append(utf8: cell.raw)
        } else if let value = cell.value {
            DecimalText.append(value, to: &bytes)
        }
    }

    /// (A plain whole number's raw text is its value's: both written at once, unquoted.)
    public mutating func valueAndRaw(_ cell: CellValue) {
        guard !isPlain, column != skippedColumn, column + 1 != skippedColumn, ReportRows.isPlainWhole(cell) else {
            number(cell)
            return field(cell.raw)
        }
        if !startsRow { bytes.append(UInt8(ascii: ",")) }
        column += 2
        let done: Void? = cell.raw.utf8.withContiguousStorageIfAvailable { raw in
            bytes.append(raw)
            bytes.append(UInt8(ascii: ","))
            bytes.append(raw)
        }
        if done == nil {
            bytes.append(utf8: cell.raw)
            bytes.append(UInt8(ascii: ","))
            bytes.append(utf8: cell.raw)
        }
    }

    public mutating func number(_ value: Decimal) {
        guard !isPlain, column != skippedColumn else { return field(ReportRows.format(value)) }
        if !startsRow { bytes.append(UInt8(ascii: ",")) }
        column += 1
        DecimalText.append(value, to: &bytes)
    }

    public mutating func endRow() {
        guard let file else { return }
        if isPlain {
            plain[file, default: []].append(row)
            row = []
        } else {
            bytes.append(10)
            rows += 1
        }
    }

    /// The rows made so far are in `blobs` and `plain`.
    public mutating func finish() { flush() }

    private mutating func flush() {
        if let file, !isPlain {
            var blob = Blob()
            blob.bytes = bytes.array
            blob.rows = rows
            blobs[file] = blob
        }
        bytes.removeAll()
        rows = 0
    }
}
