import Foundation
import ReportModel

/// Reads the numbers in table cells: `668.57万元`, `1,234`, `１２`, `251000元`, with `?`/NBSP noise.
/// Empty, `—`, `/`, `无` are missing values, never 0. Text that is not a number is `unreadable`.
public enum CellReader {
    public enum Kind: Equatable {
        /// A number, or a missing-value mark: a value cell.
        case value(CellValue)
        /// Anything else: a label.
        case label
    }

    /// Made once: creating a Locale per cell was a measurable share of table extraction.
    static let posix = Locale(identifier: "en_US_POSIX")

    static let missingMarks: Set<String> = ["", "—", "——", "-", "--", "－", "/", "／", "无", "\\", "空", "－－", "—-"]

    public static func classify(_ raw: String) -> Kind {
        // An empty cell (padding, a covered span): a missing value, as the marks below read it.
        if raw.isEmpty { return .value(CellValue(value: nil, raw: raw)) }
        // The common cell, plain digits as found: read at once.
        var bytes = raw
        if let n = bytes.withUTF8({ plainNumber($0) }) {
            return .value(CellValue(value: Decimal(n), raw: raw))
        }
        // A label is told by its first character that counts: most label cells end here, without
        // the normalised copy below.
        for s in raw.unicodeScalars {
            if isIgnored(s) { continue }
            if !mayStartValue(s) { return .label }
            break
        }
        // The cell normalised, as UTF-8 bytes: full-width digits, point and comma made ASCII,
        // white space and `?` noise dropped.
        var text: [UInt8] = []
        text.reserveCapacity(raw.utf8.count)
        for s in raw.unicodeScalars {
            switch s {
            case "\u{FF10}"..."\u{FF19}": text.append(UInt8(s.value - 0xFF10 + 0x30))
            case "．": text.append(UInt8(ascii: "."))
            case "，": text.append(UInt8(ascii: ","))
            default:
                if !isIgnored(s) { UTF8.encode(s) { text.append($0) } }
            }
        }
        // The common cell, plain digits, read at once (the same value the general path reads).
        if let n = plainNumber(text[...]) { return .value(CellValue(value: Decimal(n), raw: raw)) }
        if text.count <= 6, missingMarks.contains(String(decoding: text, as: UTF8.self)) {
            return .value(CellValue(value: nil, raw: raw))
        }
        var body = text[...]
        var unit: ValueUnit? = nil
        for (suffix, u) in unitSuffixes where body.count >= suffix.count && body.suffix(suffix.count).elementsEqual(suffix) {
            body = body.dropLast(suffix.count)
            if u != .count { unit = u }
            break
        }
        guard let first = body.first, isDigit(first) || first == UInt8(ascii: "-") || first == UInt8(ascii: "+") else {
            return .label
        }
        if isNumberedLabelOrProse(body) { return .label }
        // Thousands separators only between digit groups of three.
        let parts = body.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        if parts.count > 1 {
            let ok = parts.dropFirst().allSatisfy { $0.prefix(while: isDigit).count == 3 }
            guard ok else { return .value(CellValue(value: nil, raw: raw, unreadable: true)) }
            body = ArraySlice(parts.joined())
        }
        if let n = plainNumber(body) { return .value(CellValue(value: Decimal(n), raw: raw, statedUnit: unit)) }
        if hasLeadingZero(body) { return .value(CellValue(value: nil, raw: raw, unreadable: true)) }
        let unsigned = body.first == UInt8(ascii: "-") || body.first == UInt8(ascii: "+") ? body.dropFirst() : body
        let numeric = unsigned.allSatisfy { isDigit($0) || $0 == UInt8(ascii: ".") }
        guard numeric, unsigned.filter({ $0 == UInt8(ascii: ".") }).count <= 1,
              let value = Decimal(string: String(decoding: body, as: UTF8.self), locale: posix) else {
            // Starts like a number but is not one (`12个月`, `3.5%`): a value cell we cannot read.
            return .value(CellValue(value: nil, raw: raw, unreadable: true))
        }
        return .value(CellValue(value: value, raw: raw, statedUnit: unit))
    }

    /// Units a value may end in, in the order they are tried.
    static let unitSuffixes: [([UInt8], ValueUnit)] = [
        (Array("万元".utf8), .tenThousandYuan), (Array("元".utf8), .yuan), (Array("件".utf8), .count),
        (Array("个".utf8), .count), (Array("项".utf8), .count), (Array("条".utf8), .count), (Array("次".utf8), .count),
    ]

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// Up to 18 ASCII digits and nothing else, as a number; not one with a leading zero.
    static func plainNumber<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> UInt64? {
        guard !bytes.isEmpty, bytes.count <= 18, !hasLeadingZero(bytes) else { return nil }
        var n: UInt64 = 0
        for b in bytes {
            guard isDigit(b) else { return nil }
            n = n * 10 + UInt64(b - 0x30)
        }
        return n
    }

    /// `00`, `012`, `05.5`: no table writes a count so. Two zeros from neighbouring cells run
    /// together, or a wrapped number missing its first piece (`1` lost from `100`): unreadable,
    /// never the number the digits spell.
    static func hasLeadingZero<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        var it = bytes.makeIterator()
        guard it.next() == UInt8(ascii: "0"), let second = it.next() else { return false }
        return isDigit(second)
    }

    /// The characters `classify` drops from a cell: white space and the `?` of broken encodings.
    @inline(__always)
    static func isIgnored(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case " ", "\t", "\u{00A0}", "\u{3000}", "\u{2002}", "\u{2003}", "?", "？": true
        default: false
        }
    }

    /// Whether a cell whose first kept character is `s` can be a value: a digit or sign (ASCII or
    /// full-width) or the first character of a missing-value mark. Anything else is a label.
    @inline(__always)
    static func mayStartValue(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "0"..."9", "\u{FF10}"..."\u{FF19}", "-", "+", "—", "－", "/", "／", "无", "\\", "空": true
        default: false
        }
    }

    /// Text that starts with digits and is still a label: a numbered row label (`1.属于国家秘密`,
    /// `2、重复申请`, `12，其他`) or a line of prose (`2021年，本机关共收到…`). A short cell such as
    /// `12个月` is neither: it is a value that cannot be read.
    static func isNumberedLabelOrProse(_ text: ArraySlice<UInt8>) -> Bool {
        let digits = text.prefix(while: isDigit).count
        let rest = text.dropFirst(digits)
        if digits > 0, let mark = rest.first {
            if rest.starts(with: "、".utf8) { return true }
            let afterMark: ArraySlice<UInt8>?
            switch mark {
            case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ")"): afterMark = rest.dropFirst()
            default: afterMark = rest.starts(with: "）".utf8) ? rest.dropFirst(3) : nil
            }
            if let next = afterMark?.first, !isDigit(next) { return true }
            // The numbering alone (`4.`, `4）`: the rest of a damaged label lost) is no value.
            if let afterMark, afterMark.isEmpty { return true }
        }
        // Four or more letters of a non-Latin script (CJK): prose.
        var letters = 0
        for s in String(decoding: text, as: UTF8.self).unicodeScalars where !s.isASCII && s.properties.isAlphabetic {
            letters += 1
            if letters >= 4 { return true }
        }
        return false
    }
}
