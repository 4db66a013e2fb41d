import Foundation

/// Reads a cache entry's JSON header line without `JSONDecoder` (issue 7: decoding the headers
/// was a fifth of a no-change run). Only what `JSONEncoder` writes for the header is read —
/// an object of strings, integers and arrays of them; anything else gives nil, and the caller
/// falls back to `JSONDecoder`.
enum CacheHeaderReader {
    // (Not `indirect`: arrays and dictionaries hold their elements out of line already, and a
    // boxed string per value showed in a no-change run's profile.)
    enum Value {
        case string(String)
        case int(Int)
        case array([Value])
        case object([String: Value])

        var string: String? { if case .string(let s) = self { s } else { nil } }
        var int: Int? { if case .int(let n) = self { n } else { nil } }
        var strings: [String]? {
            guard case .array(let items) = self else { return nil }
            let out = items.compactMap(\.string)
            return out.count == items.count ? out : nil
        }
        var ints: [Int]? {
            guard case .array(let items) = self else { return nil }
            let out = items.compactMap(\.int)
            return out.count == items.count ? out : nil
        }
        var stringRows: [[String]]? {
            guard case .array(let items) = self else { return nil }
            let out = items.compactMap(\.strings)
            return out.count == items.count ? out : nil
        }
    }

    /// The header object's fields, or nil when the bytes are not such an object.
    static func read(_ bytes: Data) -> [String: Value]? {
        bytes.withUnsafeBytes { raw -> [String: Value]? in
            var parser = Parser(bytes: raw.bindMemory(to: UInt8.self))
            guard case .object(let fields)? = parser.value(), parser.atEnd() else { return nil }
            return fields
        }
    }

    /// An object whose fields come in the order `CacheHeaderWriter` writes them, each read as
    /// the caller asks: no `Value` tree nor dictionary in between. Nil as soon as a field is not
    /// the one asked for (a header of another order is read by `read`).
    struct OrderedFields {
        private var parser: Parser
        private var count = 0

        /// `body`'s result when it reads every field of the object in `bytes`.
        static func read<T>(_ bytes: Data, _ body: (inout OrderedFields) -> T?) -> T? {
            bytes.withUnsafeBytes { raw -> T? in
                var fields = OrderedFields(parser: Parser(bytes: raw.bindMemory(to: UInt8.self)))
                fields.parser.skipSpace()
                guard fields.parser.take(UInt8(ascii: "{")), let value = body(&fields) else { return nil }
                fields.parser.skipSpace()
                guard fields.parser.take(UInt8(ascii: "}")), fields.parser.atEnd() else { return nil }
                return value
            }
        }

        private mutating func key(_ name: StaticString) -> Bool {
            parser.skipSpace()
            if count > 0 {
                guard parser.take(UInt8(ascii: ",")) else { return false }
                parser.skipSpace()
            }
            count += 1
            guard parser.take(UInt8(ascii: "\"")), parser.take(name), parser.take(UInt8(ascii: "\"")) else { return false }
            parser.skipSpace()
            guard parser.take(UInt8(ascii: ":")) else { return false }
            parser.skipSpace()
            return true
        }

        mutating func string(_ name: StaticString) -> String? {
            key(name) ? parser.string() : nil
        }

        mutating func strings(_ name: StaticString) -> [String]? {
            key(name) ? parser.array { $0.string() } : nil
        }

        mutating func stringRows(_ name: StaticString) -> [[String]]? {
            key(name) ? parser.array { $0.array { $0.string() } } : nil
        }

        mutating func ints(_ name: StaticString) -> [Int]? {
            key(name) ? parser.array { parser in
                guard case .int(let n)? = parser.value() else { return nil }
                return n
            } : nil
        }
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        /// Steps over `byte` when it is next.
        mutating func take(_ byte: UInt8) -> Bool {
            guard i < bytes.count, bytes[i] == byte else { return false }
            i += 1
            return true
        }

        /// Steps over `text`'s bytes when they are next.
        mutating func take(_ text: StaticString) -> Bool {
            let n = text.utf8CodeUnitCount
            guard i + n <= bytes.count, memcmp(bytes.baseAddress! + i, text.utf8Start, n) == 0 else { return false }
            i += n
            return true
        }

        /// A JSON array of items each read by `item`.
        mutating func array<T>(_ item: (inout Parser) -> T?) -> [T]? {
            guard take(UInt8(ascii: "[")) else { return nil }
            var items: [T] = []
            skipSpace()
            if take(UInt8(ascii: "]")) { return items }
            while true {
                skipSpace()
                guard let value = item(&self) else { return nil }
                items.append(value)
                skipSpace()
                if take(UInt8(ascii: ",")) { continue }
                return take(UInt8(ascii: "]")) ? items : nil
            }
        }

        mutating func atEnd() -> Bool {
            skipSpace()
            return i == bytes.count
        }

        mutating func value() -> Value? {
            skipSpace()
            guard i < bytes.count else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "\""): return string().map(Value.string)
            case UInt8(ascii: "["):
                i += 1
                var items: [Value] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                while true {
                    guard let item = value() else { return nil }
                    items.append(item)
                    skipSpace()
                    guard i < bytes.count else { return nil }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                    return nil
                }
            case UInt8(ascii: "{"):
                i += 1
                var fields: [String: Value] = [:]
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(fields) }
                while true {
                    skipSpace()
                    guard let key = string() else { return nil }
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
                    i += 1
                    guard let item = value() else { return nil }
                    fields[key] = item
                    skipSpace()
                    guard i < bytes.count else { return nil }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(fields) }
                    return nil
                }
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let negative = bytes[i] == UInt8(ascii: "-")
                if negative { i += 1 }
                let start = i
                var n = 0
                while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) {
                    let (times10, o1) = n.multipliedReportingOverflow(by: 10)
                    let (sum, o2) = times10.addingReportingOverflow(Int(bytes[i] - UInt8(ascii: "0")))
                    guard !o1, !o2 else { return nil }
                    n = sum
                    i += 1
                }
                guard i > start else { return nil }
                return .int(negative ? -n : n)
            default:
                return nil  // true, false, null, fractions: not in a header
            }
        }

        /// A string literal at `i`, with JSON's escapes.
        mutating func string() -> String? {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
            i += 1
            // Most strings have no escape: made straight from the bytes between the quotes.
            var end = i
            while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\") { end += 1 }
            if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
                defer { i = end + 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<end]), as: UTF8.self)
            }
            var out: [UInt8] = []
            while i < bytes.count {
                let b = bytes[i]
                i += 1
                if b == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
                guard b == UInt8(ascii: "\\") else { out.append(b); continue }
                guard i < bytes.count else { return nil }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    guard var unit = hex4() else { return nil }
                    var scalar: Unicode.Scalar?
                    if (0xD800...0xDBFF).contains(unit) {
                        // A surrogate pair: \uD83D\uDE00.
                        guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else { return nil }
                        i += 2
                        guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
                        unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    }
                    scalar = Unicode.Scalar(unit)
                    guard let scalar else { return nil }
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: return nil
                }
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard i + 4 <= bytes.count else { return nil }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<(i + 4)]), as: UTF8.self)
            i += 4
            return UInt32(text, radix: 16)
        }
    }
}

/// Writes a cache entry's JSON header line in a fixed key order, so that an entry made again
/// from the same input has the same bytes (`JSONEncoder`'s key order differs between runs) and a
/// `--full` run can leave an unchanged entry alone.
struct CacheHeaderWriter {
    private(set) var bytes: [UInt8] = [UInt8(ascii: "{")]
    private var fields = 0

    mutating func field(_ key: String, _ value: String) {
        self.key(key)
        string(value)
    }

    mutating func field(_ key: String, _ values: [String]) {
        self.key(key)
        array(values) { $0.string($1) }
    }

    mutating func field(_ key: String, _ rows: [[String]]) {
        self.key(key)
        array(rows) { writer, row in writer.array(row) { $0.string($1) } }
    }

    mutating func field(_ key: String, _ numbers: [Int]) {
        self.key(key)
        array(numbers) { $0.bytes.append(contentsOf: String($1).utf8) }
    }

    /// The object closed; the line end is the caller's.
    mutating func finish() -> [UInt8] {
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    private mutating func key(_ key: String) {
        if fields > 0 { bytes.append(UInt8(ascii: ",")) }
        fields += 1
        string(key)
        bytes.append(UInt8(ascii: ":"))
    }

    private mutating func array<T>(_ items: [T], _ write: (inout CacheHeaderWriter, T) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (i, item) in items.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            write(&self, item)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        // Most strings need no escape: copied whole.
        let copied = value.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
            for b in utf8 where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { return false }
            bytes.append(contentsOf: utf8)
            bytes.append(UInt8(ascii: "\""))
            return true
        }
        if copied == true { return }
        for b in value.utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: Array("\\u00".utf8) + [hex[Int(b >> 4)], hex[Int(b & 0x0F)]])
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
