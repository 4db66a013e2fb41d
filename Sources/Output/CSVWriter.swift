/// RFC 4180 CSV encoding: comma, `"` quoting where needed, `\n` line ends.
public enum CSVEncoding {
    /// Appends one encoded row (with its line end) to `line`.
    public static func append(_ fields: [String], to line: inout [UInt8]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { line.append(UInt8(ascii: ",")) }
            let utf8 = field.utf8
            if utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) {
                line.append(UInt8(ascii: "\""))
                for byte in utf8 {
                    if byte == UInt8(ascii: "\"") { line.append(byte) }
                    line.append(byte)
                }
                line.append(UInt8(ascii: "\""))
            } else {
                line.append(contentsOf: utf8)
            }
        }
        line.append(10)
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
    private var line: [UInt8] = []
    public private(set) var rowCount = 0

    public init(columns: [String], sink: ByteSink) throws {
        self.columns = columns
        self.sink = sink
        CSVEncoding.append(columns, to: &line)
        try line.withUnsafeBytes { try sink.write($0) }
    }

    public func write(_ row: [String]) throws {
        precondition(row.count == columns.count, "row has \(row.count) fields for \(columns.count) columns")
        line.removeAll(keepingCapacity: true)
        CSVEncoding.append(row, to: &line)
        try line.withUnsafeBytes { try sink.write($0) }
        rowCount += 1
    }

    /// Rows already encoded by `CSVEncoding` (from the cache), `rows` of them.
    public func writeEncoded(_ bytes: [UInt8], rows: Int) throws {
        try bytes.withUnsafeBytes { try sink.write($0) }
        rowCount += rows
    }

    public func finish() throws {
        try sink.finish()
    }
}
