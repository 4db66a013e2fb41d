/// A strict RFC 8259 check of a config file's bytes, with positions: Foundation's parser accepts a
/// trailing comma and reports errors by byte offset only. It finds the first syntax error (line
/// and column, counted in characters from 1) and where each top-level key stands, so that an error
/// about a key can point at it. Decoding itself stays with Foundation.
struct StrictJSON {
    struct Position: Equatable, CustomStringConvertible {
        var line: Int
        var column: Int
        var description: String { "\(line):\(column)" }
    }

    struct SyntaxError: Error, Equatable {
        var position: Position
        var message: String
    }

    /// The top-level object's keys, where each key's name starts.
    private(set) var keyPositions: [String: Position] = [:]

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Checks the whole text: one value, nothing after it but whitespace.
    static func check(_ bytes: [UInt8]) throws(SyntaxError) -> StrictJSON {
        var parser = StrictJSON(bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3; parser.lineStart = 3 }
        parser.skipWhitespace()
        try parser.value(depth: 0)
        parser.skipWhitespace()
        if parser.index < bytes.count { throw parser.error("unexpected \(parser.describeNext()) after the end of the JSON value") }
        return parser
    }

    private var position: Position {
        // Columns count characters, not bytes: UTF-8 continuation bytes are skipped.
        let column = bytes[lineStart..<min(index, bytes.count)].reduce(1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return Position(line: line, column: column)
    }

    private func error(_ message: String) -> SyntaxError { SyntaxError(position: position, message: message) }

    private func describeNext() -> String {
        guard index < bytes.count else { return "end of file" }
        var end = index + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return "\"\(String(decoding: bytes[index..<end], as: UTF8.self))\""
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
            default: return
            }
        }
    }

    private mutating func value(depth: Int) throws(SyntaxError) {
        guard depth < 64 else { throw error("nested more than 64 deep") }
        guard index < bytes.count else { throw error("a value is missing at the end of file") }
        switch bytes[index] {
        case UInt8(ascii: "{"): try object(depth: depth)
        case UInt8(ascii: "["): try array(depth: depth)
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: throw error("expected a value, found \(describeNext())")
        }
    }

    private mutating func object(depth: Int) throws(SyntaxError) {
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return }
        var seen = Set<String>()
        while true {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                let after = seen.isEmpty ? "" : " (a comma before \"}\" is not allowed)"
                throw error("expected a key in double quotes, found \(describeNext())\(after)")
            }
            let at = position
            let key = try string()
            if !seen.insert(key).inserted {
                throw SyntaxError(position: at, message: "key \"\(key)\" appears twice")
            }
            if depth == 0 { keyPositions[key] = at }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error("expected \":\" after key \"\(key)\", found \(describeNext())")
            }
            index += 1
            skipWhitespace()
            try value(depth: depth + 1)
            skipWhitespace()
            guard index < bytes.count else { throw error("the object is not closed (\"}\" missing)") }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return }
            guard bytes[index] == UInt8(ascii: ",") else {
                throw error("expected \",\" or \"}\" after the value of \"\(key)\", found \(describeNext())")
            }
            index += 1
            skipWhitespace()
        }
    }

    private mutating func array(depth: Int) throws(SyntaxError) {
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return }
        while true {
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                throw error("a comma before \"]\" is not allowed")
            }
            try value(depth: depth + 1)
            skipWhitespace()
            guard index < bytes.count else { throw error("the list is not closed (\"]\" missing)") }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return }
            guard bytes[index] == UInt8(ascii: ",") else { throw error("expected \",\" or \"]\", found \(describeNext())") }
            index += 1
            skipWhitespace()
        }
    }

    /// A string's raw text between the quotes (escapes are checked, not decoded: config keys have none).
    private mutating func string() throws(SyntaxError) -> String {
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: bytes[start..<index], as: UTF8.self)
                index += 1
                return text
            }
            if byte < 0x20 { throw error("a control character (a line break?) inside a string") }
            if byte == UInt8(ascii: "\\") {
                index += 1
                guard index < bytes.count else { break }
                switch bytes[index] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 1
                case UInt8(ascii: "u"):
                    let hex = bytes[(index + 1)..<min(index + 5, bytes.count)]
                    guard hex.count == 4, hex.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }) else {
                        throw error("\\u must be followed by 4 hex digits")
                    }
                    index += 5
                default: throw error("unknown escape \\\(describeNext())")
                }
                continue
            }
            index += 1
        }
        throw error("the string is not closed (\" missing)")
    }

    private mutating func number() throws(SyntaxError) {
        func digits() -> Int {
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            return index - start
        }
        let first = index
        let at = position
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        let start = index
        let integer = digits()
        if integer == 0 { throw error("a number needs digits, found \(describeNext())") }
        if integer > 1, bytes[start] == UInt8(ascii: "0") { throw error("a number may not start with 0") }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            if digits() == 0 { throw error("digits must follow the decimal point") }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            if digits() == 0 { throw error("digits must follow the exponent") }
        }
        // Foundation's parser rejects these without saying where.
        if Double(String(decoding: bytes[first..<index], as: UTF8.self))?.isFinite != true {
            throw SyntaxError(position: at, message: "the number \(String(decoding: bytes[first..<index], as: UTF8.self)) is too large")
        }
    }

    private mutating func literal(_ word: String) throws(SyntaxError) {
        let utf8 = Array(word.utf8)
        guard bytes.count >= index + utf8.count, Array(bytes[index..<(index + utf8.count)]) == utf8 else {
            throw error("expected a value, found \(describeNext())")
        }
        index += utf8.count
    }
}
