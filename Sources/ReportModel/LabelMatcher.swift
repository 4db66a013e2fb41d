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
        return keywords.contains { label.contains($0) }
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

    public static func regionalVariantsFolded(_ text: String) -> String {
        guard text.contains(where: { "资档网规件".contains($0) }) else { return text }
        var out = text
        for (variant, mainland) in regionalVariants where out.contains(variant) {
            out = out.replacingOccurrences(of: variant, with: mainland)
        }
        return out
    }

    private static let chineseNumerals: Set<Character> = Set("一二三四五六七八九十")

    private static func stripLeadingNumbering(_ s: String) -> String? {
        let chars = Array(s)
        guard let first = chars.first else { return nil }
        // (1) (一)
        if first == "(", let close = chars.firstIndex(of: ")"), close > 1, close <= 4 {
            let inner = chars[1..<close]
            if inner.allSatisfy({ $0.isASCII && $0.isNumber }) || inner.allSatisfy({ chineseNumerals.contains($0) }) {
                return String(chars[(close + 1)...])
            }
        }
        // 第一项 第1项 第(一)项 — but not 第二十条第(一)项
        if first == "第", let end = chars.firstIndex(of: "项"), end > 1, end <= 5 {
            let inner = chars[1..<end].filter { $0 != "(" && $0 != ")" }
            if !inner.isEmpty, inner.allSatisfy({ ($0.isASCII && $0.isNumber) || chineseNumerals.contains($0) }) {
                return String(chars[(end + 1)...])
            }
        }
        // 1. 1、 12. 一、
        var i = 0
        while i < chars.count, i < 3, (chars[i].isASCII && chars[i].isNumber) || chineseNumerals.contains(chars[i]) {
            i += 1
        }
        if i > 0, i < chars.count, chars[i] == "." || chars[i] == "、" || chars[i] == "," || chars[i] == "，" {
            return String(chars[(i + 1)...])
        }
        return nil
    }
}
