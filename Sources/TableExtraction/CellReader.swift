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
    static let unitEnds: Set<Unicode.Scalar> = ["元", "件", "个", "项", "条", "次"]

    static let missingMarks: Set<String> = ["", "—", "——", "-", "--", "－", "/", "／", "无", "\\", "空", "－－", "—-"]

    public static func classify(_ raw: String) -> Kind {
        // The common cell, plain digits as found: read at once.
        if !raw.isEmpty, raw.utf8.count <= 18, raw.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let n = UInt64(raw) {
            return .value(CellValue(value: Decimal(n), raw: raw))
        }
        // A label is told by its first character that counts: most label cells end here, without
        // the normalised copy below.
        for s in raw.unicodeScalars {
            if isIgnored(s) { continue }
            if !mayStartValue(s) { return .label }
            break
        }
        var text = ""
        for s in raw.unicodeScalars {
            switch s {
            // Full-width digits, point and comma.
            case "\u{FF10}"..."\u{FF19}": text.unicodeScalars.append(Unicode.Scalar(s.value - 0xFF10 + 0x30)!)
            case "．": text.append(".")
            case "，": text.append(",")
            case " ", "\t", "\u{00A0}", "\u{3000}", "\u{2002}", "\u{2003}", "?", "？": continue
            default: text.unicodeScalars.append(s)
            }
        }
        // The common cell, plain digits, read at once (the same value the general path reads).
        if !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let n = UInt64(text) {
            return .value(CellValue(value: Decimal(n), raw: raw))
        }
        if missingMarks.contains(text) {
            return .value(CellValue(value: nil, raw: raw))
        }
        var unit: ValueUnit? = nil
        // (Only a cell ending in one of the units' last characters can carry one: most cells don't.)
        let mayHaveUnit = text.unicodeScalars.last.map(unitEnds.contains) ?? false
        for (suffix, u) in [("万元", ValueUnit.tenThousandYuan), ("元", .yuan), ("件", .count), ("个", .count),
                            ("项", .count), ("条", .count), ("次", .count)] where mayHaveUnit && text.hasSuffix(suffix) {
            text.removeLast(suffix.count)
            if u != .count { unit = u }
            break
        }
        guard let first = text.first, first.isASCII, first.isNumber || first == "-" || first == "+" else {
            return .label
        }
        if isNumberedLabelOrProse(text) { return .label }
        // Thousands separators only between digit groups of three.
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        if parts.count > 1 {
            let ok = parts.dropFirst().allSatisfy { $0.prefix(while: { $0.isNumber }).count == 3 }
            guard ok else { return .value(CellValue(value: nil, raw: raw, unreadable: true)) }
            text = parts.joined()
        }
        let numeric = text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
            || ((text.first == "-" || text.first == "+") && text.dropFirst().allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") })
        guard numeric, text.filter({ $0 == "." }).count <= 1, let value = Decimal(string: text, locale: posix) else {
            // Starts like a number but is not one (`12个月`, `3.5%`): a value cell we cannot read.
            return .value(CellValue(value: nil, raw: raw, unreadable: true))
        }
        return .value(CellValue(value: value, raw: raw, statedUnit: unit))
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
    static func isNumberedLabelOrProse(_ text: String) -> Bool {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        let rest = text.dropFirst(digits.count)
        if !digits.isEmpty, let mark = rest.first, ".、,)）".contains(mark) {
            if mark == "、" { return true }
            if let next = rest.dropFirst().first, !(next.isASCII && next.isNumber) { return true }
        }
        return text.filter { $0.isLetter && !$0.isASCII }.count >= 4
    }
}
