import SystemBytes
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

    /// The keywords' UTF-8 bytes, made once: a label is tried against every row of a table.
    private let keywordBytes: [[UInt8]]
    /// The keywords of four or more scalars as scalars, made once: what tolerant matching tries.
    private let tolerantKeywords: [[Unicode.Scalar]]

    public init(keywords: [String] = [], exact: [String] = []) {
        self.keywords = keywords
        self.exact = exact
        keywordBytes = keywords.map { Array($0.utf8) }
        tolerantKeywords = keywords.map { Array($0.unicodeScalars) }.filter { $0.count >= 4 }
    }

    /// A weak matcher only matches a label equal to a short word that also appears elsewhere in
    /// the table (column headers say 其他 and 总计 too), so it is only trusted near its place.
    public var isWeak: Bool { keywords.isEmpty }

    public func matches(folded label: String) -> Bool {
        if exact.contains(label) { return true }
        guard !keywordBytes.isEmpty else { return false }
        return label.utf8.withContiguousStorageIfAvailable { haystack in
            keywordBytes.contains { needle in
                needle.withUnsafeBufferPointer { UTF8Bytes.contains($0, in: haystack) }
            }
        } ?? keywords.contains { label.containsUTF8($0) }
    }
}

/// Folding of label text for matching: the variations real pages show are removed.
public enum LabelText {
    /// Removes white space, quotes and leading numbering (`1.` `1、` `（1）` `(一)` `一、` `第一项`);
    /// full-width brackets, point, comma and colon become ASCII (`（单位：元）` → `(单位:元)`).
    public static func key(_ text: String) -> String {
        // Most labels have nothing to fold: the text itself, told by one pass over its bytes.
        if let plain = text.utf8.withContiguousStorageIfAvailable(isFolded), let mayHaveVariant = plain {
            return mayHaveVariant ? regionalVariantsFolded(text) : text
        }
        // On the UTF-8 bytes, scalar by scalar, into one buffer; the numbering stripped by byte
        // offset. (Building an array of scalars and encoding it again was the cost here.)
        var text = text
        return text.withUTF8 { key(utf8: $0) }
    }

    /// Whether `key` keeps the text as it is (no white space, quote or full-width punctuation, no
    /// leading numbering): then whether it may hold a regional variant; nil when it changes it.
    private static func isFolded(_ p: UnsafeBufferPointer<UInt8>) -> Bool? {
        var mayHaveVariant = false
        var i = 0
        while i < p.count {
            let (s, n) = scalar(p, at: i)
            switch s {
            case " ", "\t", "\n", "\r", "\u{00A0}", "\u{3000}", "\u{2002}", "\u{2003}",
                 "\"", "'", "“", "”", "‘", "’", "「", "」", "『", "』", "（", "）", "．", "，", "：":
                return nil
            default:
                if i == 0, mayStartNumbering(s) { return nil }
                if isRegionalTrigger(s) { mayHaveVariant = true }
            }
            i += n
        }
        return mayHaveVariant
    }

    private static func key(utf8 p: UnsafeBufferPointer<UInt8>) -> String {
        // Folding only drops or shortens: the folded bytes fit in the label's length, on the stack.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(p.count, 1)) { out in
            var count = 0
            var mayHaveVariant = false
            var i = 0
            while i < p.count {
                let (s, n) = scalar(p, at: i)
                switch s {
                case " ", "\t", "\n", "\r", "\u{00A0}", "\u{3000}", "\u{2002}", "\u{2003}":
                    break
                case "\"", "'", "“", "”", "‘", "’", "「", "」", "『", "』":
                    break
                case "（": out[count] = UInt8(ascii: "("); count += 1
                case "）": out[count] = UInt8(ascii: ")"); count += 1
                case "．": out[count] = UInt8(ascii: "."); count += 1
                case "，": out[count] = UInt8(ascii: ","); count += 1
                case "：": out[count] = UInt8(ascii: ":"); count += 1
                default:
                    if isRegionalTrigger(s) { mayHaveVariant = true }
                    for k in 0..<n { out[count + k] = p[i + k] }
                    count += n
                }
                i += n
            }
            let bytes = UnsafeBufferPointer(rebasing: out[..<count])
            // Leading numbering, possibly repeated: "(三)不予公开" -> "不予公开", "1.属于…" -> "属于…".
            // (Stripping before folding the regional variants gives the same: no variant holds numbering.)
            var start = 0
            while start < bytes.count, let length = leadingNumberingByteLength(bytes, from: start), length > 0 {
                start += length
            }
            let folded = String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self)
            return mayHaveVariant ? regionalVariantsFolded(folded) : folded
        }
    }

    /// The scalar starting at byte `i` of valid UTF-8, and its length in bytes.
    @inline(__always)
    private static func scalar(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
        let value: UInt32, n: Int
        if b0 < 0xE0 {
            (value, n) = ((b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2)
        } else if b0 < 0xF0 {
            (value, n) = ((b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F), 3)
        } else {
            (value, n) = ((b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6
                          | UInt32(p[i + 3] & 0x3F), 4)
        }
        return (Unicode.Scalar(value).unsafelyUnwrapped, n)
    }

    /// The scalars numbering can hold: more than these are never looked at (`leadingNumberingLength`
    /// reads at most six).
    @inline(__always)
    private static var numberingWindow: Int { 8 }

    /// `leadingNumberingLength` of the folded bytes from `start`, in bytes.
    private static func leadingNumberingByteLength(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let (first, _) = scalar(b, at: start)
        guard mayStartNumbering(first) else { return nil }
        return withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: numberingWindow) { window -> Int? in
            var count = 0
            var i = start
            while i < b.count, count < numberingWindow {
                let (s, n) = scalar(b, at: i)
                window[count] = s
                count += 1
                i += n
            }
            guard let length = leadingNumberingLength(UnsafeBufferPointer(rebasing: window[..<count])) else { return nil }
            // The bytes of the first `length` scalars.
            var end = start
            for _ in 0..<length { end += scalar(b, at: end).1 }
            return end - start
        }
    }

    /// Taiwan and Hong Kong wordings that survive t2s conversion (规范性档案 for 规范性文件,
    /// 资讯 for 信息), folded to the mainland wording the template uses, for matching only.
    public static let regionalVariants: [(variant: String, mainland: String)] = [
        ("资讯", "信息"), ("档案", "文件"), ("入口网站", "门户网站"), ("网路", "网络"), ("行政规则", "规范性文件"),
        ("申请书", "申请"), ("件数量", "数量"),
    ]

    /// The first characters of the variants: a text without any has nothing to fold.
    @inline(__always)
    private static func isRegionalTrigger(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "资", "档", "网", "规", "件": true
        default: false
        }
    }

    public static func regionalVariantsFolded(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isRegionalTrigger) else { return text }
        var out = text
        for (variant, mainland) in regionalVariants where out.containsUTF8(variant) {
            out = out.replacingOccurrences(of: variant, with: mainland)
        }
        return out
    }

    /// Whether a label starts with numbering (`1.` `（三）` `一、`): the start of a row's label,
    /// never the continuation of a label wrapped from the line above.
    public static func hasLeadingNumbering(_ text: String) -> Bool {
        // The first scalars but white space (what numbering can span), full-width brackets and
        // point made ASCII. Most labels are told by their first.
        withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: numberingWindow) { window in
            var count = 0
            for s in text.unicodeScalars where !isWhiteSpace(s) {
                let folded: Unicode.Scalar = switch s {
                case "（": "("
                case "）": ")"
                case "．": "."
                default: s
                }
                if count == 0, !mayStartNumbering(folded) { return false }
                window[count] = folded
                count += 1
                if count == numberingWindow { break }
            }
            return (leadingNumberingLength(UnsafeBufferPointer(rebasing: window[..<count])) ?? 0) > 0
        }
    }

    /// Unicode White_Space (`Unicode.Scalar.Properties.isWhitespace`), without the property lookup.
    @inline(__always)
    private static func isWhiteSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// What `leadingNumberingLength` accepts as a first character.
    @inline(__always)
    private static func mayStartNumbering(_ first: Unicode.Scalar) -> Bool {
        first == "(" || first == "第" || isDigit(first) || isNumeral(first)
    }

    @inline(__always)
    private static func isDigit(_ c: Unicode.Scalar) -> Bool { (0x30...0x39).contains(c.value) }

    @inline(__always)
    private static func isNumeral(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "一", "二", "三", "四", "五", "六", "七", "八", "九", "十": true
        default: false
        }
    }

    /// How many scalars of leading numbering the label starts with (`(1)` `(一)` `第一项` `1.` `一、`);
    /// nil when none. Labels are CJK and ASCII: scalars are characters here.
    private static func leadingNumberingLength<Chars: RandomAccessCollection<Unicode.Scalar>>(_ chars: Chars) -> Int?
    where Chars.Index == Int {
        // Most labels have no numbering left: rejected on their first character.
        guard let first = chars.first, mayStartNumbering(first) else { return nil }
        let base = chars.startIndex
        // (1) (一)
        if first == "(", let close = chars.firstIndex(of: ")"), close - base > 1, close - base <= 4 {
            let inner = chars[(base + 1)..<close]
            if inner.allSatisfy(isDigit) || inner.allSatisfy(isNumeral) { return close - base + 1 }
        }
        // 第一项 第1项 第(一)项 — but not 第二十条第(一)项
        if first == "第", let end = chars.firstIndex(of: "项"), end - base > 1, end - base <= 5 {
            let inner = chars[(base + 1)..<end].filter { $0 != "(" && $0 != ")" }
            if !inner.isEmpty, inner.allSatisfy({ isDigit($0) || isNumeral($0) }) { return end - base + 1 }
        }
        // 1. 1、 12. 一、
        var i = base
        while i < chars.endIndex, i - base < 3, isDigit(chars[i]) || isNumeral(chars[i]) { i += 1 }
        if i > base, i < chars.endIndex, chars[i] == "." || chars[i] == "、" || chars[i] == "," || chars[i] == "，" {
            return i - base + 1
        }
        return nil
    }
}

/// How a table row's label was recognised: recorded per row for inspection.
public enum LabelMatch: String, Sendable, CaseIterable {
    /// The label holds one of the row's keywords (after folding).
    case exact
    /// The label is one character off (lost, swapped, garbled or inserted) from a keyword or the
    /// template's wording, with noise (`?`) dropped, and no other row is as close.
    case tolerant
    /// The label could not be read, but the row is the only one the template has between its
    /// recognised neighbours.
    case position
}

extension LabelMatcher {
    /// Whether a damaged label is within one edit (one character lost, inserted, substituted, or
    /// two neighbours swapped) of a keyword of four or more characters or of `canonical`, the
    /// template's own wording folded. Noise characters (`?`, `？`) are dropped first.
    public func tolerantlyMatches(folded label: String, canonical: String) -> Bool {
        tolerantlyMatches(TolerantLabel(folded: label), canonical: Array(canonical.unicodeScalars))
    }

    /// A folded label made ready for tolerant matching once, however many matchers try it.
    public struct TolerantLabel: Sendable {
        /// The label without noise characters (`?`, `？`).
        public let clean: String
        /// Whether noise was dropped.
        let hadNoise: Bool
        let scalars: [Unicode.Scalar]

        public init(folded label: String) {
            let scalars = Array(label.unicodeScalars.lazy.filter { $0 != "?" && $0 != "？" })
            hadNoise = scalars.count != label.unicodeScalarCount
            clean = hadNoise ? String(String.UnicodeScalarView(scalars)) : label
            self.scalars = scalars
        }
    }

    /// `tolerantlyMatches(folded:canonical:)` for a label made ready once and the template's
    /// wording as scalars.
    public func tolerantlyMatches(_ label: TolerantLabel, canonical: [Unicode.Scalar]) -> Bool {
        let text = label.scalars
        guard !text.isEmpty else { return false }
        if label.hadNoise, matches(folded: label.clean) { return true }
        func tried(_ pattern: [Unicode.Scalar]) -> Bool {
            guard pattern.count >= 4, text.count >= pattern.count - 1 else { return false }
            // One edit leaves all but one of the wording's characters in the label.
            var absent = 0
            for s in pattern where !text.contains(s) {
                absent += 1
                if absent > 1 { return false }
            }
            return LabelMatcher.withinOneEdit(pattern, in: text)
        }
        return tolerantKeywords.contains(where: tried) || tried(canonical)
    }

    /// Approximate substring search (Sellers' dynamic programme with adjacent transpositions):
    /// some substring of `text` is at most one edit from `pattern`.
    public static func withinOneEdit(_ pattern: [Unicode.Scalar], in text: [Unicode.Scalar]) -> Bool {
        let m = pattern.count, n = text.count
        guard m > 0, n >= m - 1 else { return false }
        return pattern.withUnsafeBufferPointer { pattern in
            text.withUnsafeBufferPointer { text in
                // Three rows of the table in one buffer, on the stack for labels of usual length.
                withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * (n + 1)) { buffer in
                    withinOneEdit(pattern, in: text, rows: buffer.baseAddress!)
                }
            }
        }
    }

    private static func withinOneEdit(_ pattern: UnsafeBufferPointer<Unicode.Scalar>, in text: UnsafeBufferPointer<Unicode.Scalar>,
                                      rows: UnsafeMutablePointer<Int>) -> Bool {
        let m = pattern.count, n = text.count
        // d[i][j]: fewest edits turning pattern[0..<i] into a substring of text ending at j.
        var previous2 = rows, previous = rows + (n + 1), current = rows + 2 * (n + 1)
        previous2.initialize(repeating: 0, count: n + 1)
        previous.initialize(repeating: 0, count: n + 1)
        current.initialize(repeating: 0, count: n + 1)
        var previousMin = 0
        for i in 1...m {
            current[0] = i
            var rowMin = i
            for j in 1...n {
                let cost = pattern[i - 1] == text[j - 1] ? 0 : 1
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, pattern[i - 1] == text[j - 2], pattern[i - 2] == text[j - 1] {
                    d = min(d, previous2[j - 2] + 1)
                }
                current[j] = d
                rowMin = min(rowMin, d)
            }
            (previous2, previous, current) = (previous, current, previous2)
            // A row all past one edit after a row past none: every later row is past one too.
            if rowMin >= 2, previousMin >= 1 { return false }
            previousMin = rowMin
        }
        for j in 0...n where previous[j] <= 1 { return true }
        return false
    }
}
