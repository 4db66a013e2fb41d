import Foundation

/// JSON written as `JSONSerialization` writes it with `.prettyPrinted`, `.sortedKeys` and
/// `.withoutEscapingSlashes` (two-space indents, `"key" : value`, keys in its order), byte for
/// byte, for the values `datapackage.json` is made of: strings, integers, booleans, arrays and
/// string-keyed dictionaries. Foundation's writer took about 1,300 instructions a byte on Linux
/// for it. (`PrettyJSONTests` holds the two equal for every output setting.)
package enum PrettyJSON {
    package struct Unsupported: Error, CustomStringConvertible {
        package let description: String
    }

    package static func data(_ value: Any) throws -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 17)
        var memo: [[String]: [String]] = [:]
        try write(value, indent: 0, to: &out, memo: &memo)
        return Data(out)
    }

    private static func write(_ value: Any, indent: Int, to out: inout [UInt8], memo: inout [[String]: [String]]) throws {
        switch value {
        case let text as String:
            string(text, to: &out)
        case let flag as Bool:
            out.append(contentsOf: flag ? Array("true".utf8) : Array("false".utf8))
        case let number as Int:
            out.append(contentsOf: String(number).utf8)
        case let items as [Any]:
            out.append(UInt8(ascii: "["))
            out.append(0x0A)
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(contentsOf: [UInt8(ascii: ","), 0x0A]) }
                spaces(indent + 2, to: &out)
                try write(item, indent: indent + 2, to: &out, memo: &memo)
            }
            out.append(0x0A)
            spaces(indent, to: &out)
            out.append(UInt8(ascii: "]"))
        case let fields as [String: Any]:
            out.append(UInt8(ascii: "{"))
            out.append(0x0A)
            for (i, key) in sortedKeys(fields.keys, memo: &memo).enumerated() {
                if i > 0 { out.append(contentsOf: [UInt8(ascii: ","), 0x0A]) }
                spaces(indent + 2, to: &out)
                string(key, to: &out)
                out.append(contentsOf: Array(" : ".utf8))
                try write(fields[key]!, indent: indent + 2, to: &out, memo: &memo)
            }
            out.append(0x0A)
            spaces(indent, to: &out)
            out.append(UInt8(ascii: "}"))
        default:
            throw Unsupported(description: "no JSON writer for \(type(of: value))")
        }
    }

    private static func spaces(_ count: Int, to out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
    }

    /// A string literal: `"` and `\` escaped, control characters as `\n`-style or `\u00XX`
    /// escapes, everything else (`/` and non-ASCII too) as it is.
    private static func string(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// The key order of `.sortedKeys`: Foundation's own comparison (numeric, case-insensitive,
    /// forced ordering, the system locale), asked once per distinct set of keys.
    static func sortedKeys(_ keys: Dictionary<String, Any>.Keys, memo: inout [[String]: [String]]) -> [String] {
        let plain = Array(keys)
        if let known = memo[plain] { return known }
        let sorted = plain.sorted { a, b in
            a.compare(b, options: [.numeric, .caseInsensitive, .forcedOrdering], range: a.startIndex..<a.endIndex,
                      locale: NSLocale.system) == .orderedAscending
        }
        memo[plain] = sorted
        return sorted
    }

}
