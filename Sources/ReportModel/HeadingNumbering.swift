/// How a report numbers its section headings: the numerals of 一 … 六 as pages write them. Shared
/// by the segmenter (which heading a line is) and the Markdown reader (whether marked-up lines
/// are section headings).
package enum HeadingNumbering: CaseIterable, Sendable {
    /// `二、` `二.` `二．`: nearly every report.
    case chinese
    /// `第二部分`.
    case part
    /// `2、` `2.` (not `2.5`, not `2024`).
    case arabic
    /// `Ⅱ、` `Ⅱ`.
    case roman
    /// `（二）`, the subsections' numbering too.
    case parenthesised
    /// No numeral; lines numbered 一、 count too.
    case unnumbered

    package static let numerals = Array("一二三四五六七八九十")

    /// The heading's number, when `line` opens with a numeral of this numbering and its separator.
    package func number(of line: some StringProtocol) -> Int? {
        let chars = Array(line.prefix(5))
        guard let first = chars.first else { return nil }
        let numerals = Self.numerals
        switch self {
        case .chinese, .unnumbered:
            guard let index = numerals.firstIndex(of: first), chars.count > 1, "、.．,，: ".contains(chars[1]) else { return nil }
            return index + 1
        case .part:
            guard chars.count >= 4, first == "第", let index = numerals.firstIndex(of: chars[1]), chars[2] == "部", chars[3] == "分" else { return nil }
            return index + 1
        case .arabic:
            guard let digit = first.wholeNumberValue, first.isASCII, (1...9).contains(digit), chars.count > 2,
                  "、.．".contains(chars[1]), !chars[2].isNumber else { return nil }
            return digit
        case .roman:
            guard let scalar = first.unicodeScalars.first, (0x2160...0x2169).contains(scalar.value) else { return nil }
            return Int(scalar.value) - 0x215F
        case .parenthesised:
            guard chars.count >= 3, "（(".contains(first), let index = numerals.firstIndex(of: chars[1]), "）)".contains(chars[2]) else { return nil }
            return index + 1
        }
    }

    /// The number of a section heading (1 … 6) in any numbering with a numeral.
    package static func sectionNumber(of line: some StringProtocol) -> Int? {
        for numbering in allCases where numbering != .unnumbered {
            if let n = numbering.number(of: line), (1...6).contains(n) { return n }
        }
        return nil
    }
}
