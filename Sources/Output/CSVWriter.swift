/// RFC 4180 CSV: comma, `"` quoting where needed, `\n` line ends, a header row.
public final class CSVWriter {
    public let columns: [String]
    private let sink: ByteSink
    private var line: [UInt8] = []
    public private(set) var rowCount = 0

    public init(columns: [String], sink: ByteSink) throws {
        self.columns = columns
        self.sink = sink
        try emit(columns)
        rowCount = 0
    }

    public func write(_ row: [String]) throws {
        precondition(row.count == columns.count, "row has \(row.count) fields for \(columns.count) columns")
        try emit(row)
    }

    private func emit(_ fields: [String]) throws {
        line.removeAll(keepingCapacity: true)
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
        try line.withUnsafeBytes { try sink.write($0) }
        rowCount += 1
    }

    public func finish() throws {
        try sink.finish()
    }
}
