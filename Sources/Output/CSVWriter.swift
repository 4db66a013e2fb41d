import SystemBytes
import Foundation
import ReportModel

/// RFC 4180 CSV encoding: comma, `"` quoting where needed, `\n` line ends.
public enum CSVEncoding {
    /// Appends one encoded row (with its line end) to `line`.
    public static func append(_ fields: [String], to line: inout [UInt8]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { line.append(UInt8(ascii: ",")) }
            appendField(field, to: &line)
        }
        line.append(10)
    }

    /// Appends one field, quoted when it holds a comma, a quote or a line end.
    public static func appendField(_ field: String, to line: inout [UInt8]) {
        let appended: Void? = field.utf8.withContiguousStorageIfAvailable { appendField(bytes: $0, to: &line) }
        if appended == nil { Array(field.utf8).withUnsafeBufferPointer { appendField(bytes: $0, to: &line) } }
    }

    /// The same, into a `ByteBuffer`.
    @inline(__always)
    package static func appendField(_ field: String, to line: inout ByteBuffer) {
        let appended: Void? = field.utf8.withContiguousStorageIfAvailable { appendField(bytes: $0, to: &line) }
        if appended == nil { Array(field.utf8).withUnsafeBufferPointer { appendField(bytes: $0, to: &line) } }
    }

    static func appendField(bytes: UnsafeBufferPointer<UInt8>, to line: inout ByteBuffer) {
        guard needsQuotes(bytes) else { return line.append(bytes) }
        line.append(UInt8(ascii: "\""))
        let base = bytes.baseAddress!
        var start = 0
        while start < bytes.count, let hit = memchr(base + start, 0x22, bytes.count - start) {
            let i = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
            line.append(base + start, count: i + 1 - start)
            line.append(UInt8(ascii: "\""))
            start = i + 1
        }
        line.append(base + start, count: bytes.count - start)
        line.append(UInt8(ascii: "\""))
    }

    /// (Section texts are most of the bytes: copied in runs between quotes, not byte by byte.)
    static func appendField(bytes: UnsafeBufferPointer<UInt8>, to line: inout [UInt8]) {
        guard needsQuotes(bytes) else {
            line.append(contentsOf: bytes)
            return
        }
        line.append(UInt8(ascii: "\""))
        // Each quote doubled; the runs between quotes (found by memchr) copied whole.
        let base = bytes.baseAddress!
        var start = 0
        while start < bytes.count, let hit = memchr(base + start, 0x22, bytes.count - start) {
            let i = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
            line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...i]))
            line.append(UInt8(ascii: "\""))
            start = i + 1
        }
        line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        line.append(UInt8(ascii: "\""))
    }

    /// Whether the field holds a comma, a quote, LF or CR: eight bytes at a time, the tail byte
    /// by byte.
    @inline(__always)
    static func needsQuotes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var i = 0
        while i + 8 <= bytes.count {
            let word = ByteWord.load(base + i)
            if ByteWord.hasByte(word, equalTo: 0x2C) || ByteWord.hasByte(word, equalTo: 0x22)
                || ByteWord.hasByte(word, equalTo: 0x0A) || ByteWord.hasByte(word, equalTo: 0x0D) {
                return true
            }
            i += 8
        }
        while i < bytes.count {
            let b = base[i]
            if b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D { return true }
            i += 1
        }
        return false
    }

    public static func encode(_ rows: [[String]]) -> [UInt8] {
        var out: [UInt8] = []
        for row in rows { append(row, to: &out) }
        return out
    }
}

/// A CSV file with a header row, streamed into a sink.
public final class CSVWriter {
    public let columns: [String]
    private let sink: ByteSink
    /// Every field goes through `SpreadsheetText` (a file meant for spreadsheets).
    public let spreadsheetSafe: Bool
    private var line: [UInt8] = []
    public private(set) var rowCount = 0

    public init(columns: [String], sink: ByteSink, spreadsheetSafe: Bool = false) throws {
        self.columns = columns
        self.sink = sink
        self.spreadsheetSafe = spreadsheetSafe
        CSVEncoding.append(columns, to: &line)
        try line.withUnsafeBytes { try sink.write($0) }
    }

    public func write(_ row: [String]) throws {
        precondition(row.count == columns.count, "row has \(row.count) fields for \(columns.count) columns")
        line.removeAll(keepingCapacity: true)
        CSVEncoding.append(spreadsheetSafe ? row.map(SpreadsheetText.neutralised) : row, to: &line)
        try line.withUnsafeBytes { try sink.write($0) }
        rowCount += 1
    }

    /// Rows already encoded by `CSVEncoding` (from the cache), `rows` of them.
    public func writeEncoded(_ bytes: some ContiguousBytes, rows: Int) throws {
        try bytes.withUnsafeBytes { raw in
            if spreadsheetSafe, let safe = SpreadsheetText.neutralised(records: raw) {
                try safe.withUnsafeBytes { try sink.write($0) }
            } else {
                try sink.write(raw)
            }
        }
        rowCount += rows
    }

    /// Rows that reached the file without passing through this writer (copied frames).
    func addCopiedRows(_ n: Int) { rowCount += n }

    public func finish() throws {
        try sink.finish()
    }
}
