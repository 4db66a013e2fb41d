@testable import CorpusGenerator

/// The tests render tables with the corpus generator's layouts, styles and text writer.
typealias Layout = TableLayout
typealias RenderStyle = TableStyle
typealias TextLayout = TableText

extension TableStyle {
    static let plain = TableStyle()

    /// Every variation equally likely, from a seed (the generator's own choice favours plain
    /// pages, as the web does; the tests want each variation often).
    static func random(seed: UInt64) -> TableStyle {
        var rng = SplitMix64(seed: seed)
        var style = TableStyle()
        style.header = Header.allCases.randomElement(using: &rng)!
        style.groups = Groups.allCases.randomElement(using: &rng)!
        style.labels = Labels.allCases.randomElement(using: &rng)!
        style.numbering = Numbering.allCases.randomElement(using: &rng)!
        style.brackets = Brackets.allCases.randomElement(using: &rng)!
        style.quotes = Quotes.allCases.randomElement(using: &rng)!
        style.numbers = Numbers.allCases.randomElement(using: &rng)!
        style.missing = Missing.allCases.randomElement(using: &rng)!
        style.junk = Bool.random(using: &rng)
        style.blankLines = Int.random(in: 0...1, using: &rng)
        style.indent = ["", "    ", "\u{3000}"].randomElement(using: &rng)!
        style.seed = rng.next()
        return style
    }
}
