import Foundation

/// How a table label found in a document is recognised as one of the template's rows or items.
///
/// Labels are compared after `LabelText.key(_:)` folding (no spaces, no quotes, no numbering), so
/// `2.其他法律行政法规 禁止公开`, `（2）其他法律行政法规禁止公开` and `2、他法律行政法规禁止公开`
/// all reach the same matcher.
public struct LabelMatcher: Sendable {
    /// The folded label contains one of these.
    public let keywords: [String]
    /// …or equals one of these (for short, ambiguous labels such as `其他` and `总计`).
    public let exact: [String]

    public init(keywords: [String] = [], exact: [String] = []) {
        self.keywords = keywords
        self.exact = exact
    }

    /// A weak matcher only matches a label equal to a short word that also appears elsewhere in
    /// the table (column headers say 其他 and 总计 too), so it is only trusted near its place.
    public var isWeak: Bool { keywords.isEmpty }

    public func matches(folded label: String) -> Bool {
        if exact.contains(label) { return true }
        return keywords.contains { label.containsUTF8($0) }
    }
}

/// Folding of label text for matching: the variations real pages show are removed.
public enum LabelText {
    /// Removes white space, quotes and leading numbering (`1.` `1、` `（1）` `(一)` `一、` `第一项`);
    /// full-width brackets, point, comma and colon become ASCII (`（单位：元）` → `(单位:元)`).
    public static func key(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            switch s {
            case " ", "\t", "\n", "\r", "\u{00A0}", "\u{3000}", "\u{2002}", "\u{2003}":
                continue
            case "\"", "'", "“", "”", "‘", "’", "「", "」", "『", "』":
                continue
            case "（": scalars.append("(")
            case "）": scalars.append(")")
            case "．": scalars.append(".")
            case "，": scalars.append(",")
            case "：": scalars.append(":")
            default: scalars.append(s)
            }
        }
        var folded = regionalVariantsFolded(String(scalars))
        // Leading numbering, possibly repeated: "(三)不予公开" -> "不予公开", "1.属于…" -> "属于…".
        while let stripped = stripLeadingNumbering(folded), stripped != folded {
            folded = stripped
        }
        return folded
    }

    /// Taiwan and Hong Kong wordings that survive t2s conversion (规范性档案 for 规范性文件,
    /// 资讯 for 信息), folded to the mainland wording the template uses, for matching only.
    public static let regionalVariants: [(variant: String, mainland: String)] = [
        ("资讯", "信息"), ("档案", "文件"), ("入口网站", "门户网站"), ("网路", "网络"), ("行政规则", "规范性文件"),
        ("申请书", "申请"), ("件数量", "数量"),
    ]

    /// The first characters of the variants: a text without any has nothing to fold.
    private static let regionalTriggers: Set<Unicode.Scalar> = ["资", "档", "网", "规", "件"]

    public static func regionalVariantsFolded(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: regionalTriggers.contains) else { return text }
        var out = text
        for (variant, mainland) in regionalVariants where out.containsUTF8(variant) {
            out = out.replacingOccurrences(of: variant, with: mainland)
        }
        return out
    }

    /// What numbering can start with: `(`, `第`, an ASCII digit, a Chinese numeral.
    private static let numberingStarts: Set<Unicode.Scalar> = Set("(第0123456789一二三四五六七八九十".unicodeScalars)

    private static let chineseNumeralScalars: Set<Unicode.Scalar> = Set("一二三四五六七八九十".unicodeScalars)

    /// Works on scalars (labels are CJK and ASCII: the same as characters here, without
    /// grapheme breaking).
    private static func stripLeadingNumbering(_ s: String) -> String? {
        // Most labels have no numbering left: rejected on their first character.
        guard let start = s.unicodeScalars.first, numberingStarts.contains(start) else { return nil }
        let chars = Array(s.unicodeScalars)
        func isDigit(_ c: Unicode.Scalar) -> Bool { (0x30...0x39).contains(c.value) }
        func isNumeral(_ c: Unicode.Scalar) -> Bool { chineseNumeralScalars.contains(c) }
        func rest(_ from: Int) -> String { String(String.UnicodeScalarView(chars[from...])) }
        let first = chars[0]
        // (1) (一)
        if first == "(", let close = chars.firstIndex(of: ")"), close > 1, close <= 4 {
            let inner = chars[1..<close]
            if inner.allSatisfy(isDigit) || inner.allSatisfy(isNumeral) { return rest(close + 1) }
        }
        // 第一项 第1项 第(一)项 — but not 第二十条第(一)项
        if first == "第", let end = chars.firstIndex(of: "项"), end > 1, end <= 5 {
            let inner = chars[1..<end].filter { $0 != "(" && $0 != ")" }
            if !inner.isEmpty, inner.allSatisfy({ isDigit($0) || isNumeral($0) }) { return rest(end + 1) }
        }
        // 1. 1、 12. 一、
        var i = 0
        while i < chars.count, i < 3, isDigit(chars[i]) || isNumeral(chars[i]) { i += 1 }
        if i > 0, i < chars.count, chars[i] == "." || chars[i] == "、" || chars[i] == "," || chars[i] == "，" {
            return rest(i + 1)
        }
        return nil
    }
}
