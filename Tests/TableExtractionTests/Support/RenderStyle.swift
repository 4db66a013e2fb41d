@testable import CorpusGenerator
import Foundation

/// How a flattened table's text is laid out: the layouts seen in the wild.
enum Layout: String, CaseIterable, Sendable, CustomStringConvertible {
    /// One cell per line, blank lines between cells, an empty cell is one extra blank line (seeds 000, 003, 004).
    case cellPerLine
    /// `a | b | c |` rows (seeds 001, 002).
    case pipe
    /// Tab-separated rows.
    case tab
    /// Markdown: `| a | b |` with a `|---|` rule after the first row.
    case markdown
    /// Cells separated by runs of two or more spaces.
    case spaces

    var description: String { rawValue }
}

/// The variations real pages show, chosen per rendering.
struct RenderStyle: Sendable, CustomStringConvertible {
    /// Table 三's and 四's column headers.
    enum Header: CaseIterable, Sendable {
        /// As the template has them, one merged cell once.
        case full
        /// No 自然人 and no 总计 header (seed 000).
        case dropped
        /// Multi-line header cells split: `自然 人`, `商业 企业`; one cell per line: `商业` / `企业` (seeds 001, 003).
        case split
        /// A merged header cell repeated over the columns it spans.
        case repeated
        /// Header cells spanning two rows split over them: `自然` above `人`, `总` above `计`.
        case splitRows
    }
    /// The merged group cells 三、本年度办理结果, （三）不予公开 … in front of table 三's rows.
    enum Groups: CaseIterable, Sendable { case once, repeated, dropped, split }
    enum Labels: CaseIterable, Sendable {
        case canonical
        /// `2.他法律行政法规禁止公开`, `2.有现成信息需要另行制作`, `不现处理` (seeds 000, 004).
        case typos
        /// `2.其他法律行政法规 禁止公开` (seed 001).
        case split
    }
    /// Sub-row numbering: `1.` `1、` `（1）`.
    enum Numbering: CaseIterable, Sendable { case dot, comma, paren }
    enum Brackets: CaseIterable, Sendable { case fullWidth, ascii }
    /// Around 三安全一稳定: “curly”, "ASCII", or none (seed 004).
    enum Quotes: CaseIterable, Sendable { case curly, ascii, none }
    enum Numbers: CaseIterable, Sendable {
        case plain
        /// `１２`
        case fullWidth
        /// `1,234`
        case thousands
        /// `668.57万元`, `12件`
        case units
        /// `? ? 0`, NBSP (seed 001, 003)
        case noise
        /// Each cell its own format.
        case mixed
    }
    /// How a missing value is written: empty, `—`, `/`, `无`.
    enum Missing: CaseIterable, Sendable { case empty, dash, slash, none }

    var header = Header.full
    var groups = Groups.once
    var labels = Labels.canonical
    var numbering = Numbering.dot
    var brackets = Brackets.fullWidth
    var quotes = Quotes.curly
    var numbers = Numbers.plain
    var missing = Missing.empty
    /// Pipe rows end in `| ||` junk (seed 001).
    var junk = false
    /// Blank lines between cells, one cell per line (0 or 1).
    var blankLines = 1
    /// Indentation of each line, one cell per line (seed 004).
    var indent = ""
    /// Drives the per-cell choices (mixed numbers, junk widths, space runs).
    var seed: UInt64 = 0

    static let plain = RenderStyle()

    static func random(seed: UInt64) -> RenderStyle {
        var rng = SplitMix(seed: seed)
        var style = RenderStyle()
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

    var description: String {
        "header: \(header), groups: \(groups), labels: \(labels), numbering: \(numbering), brackets: \(brackets), "
            + "quotes: \(quotes), numbers: \(numbers), missing: \(missing), junk: \(junk), blankLines: \(blankLines), "
            + "indent: \(indent.debugDescription)"
    }

    // MARK: Wording

    /// Resolves the `{(}` `{)}` `{,}` `{:}` `{q}` `{/q}` placeholders of `Vocab` texts.
    func words(_ text: String) -> String {
        let full = brackets == .fullWidth
        let (open, close): (String, String) =
            switch quotes {
            case .curly: ("“", "”")
            case .ascii: ("\"", "\"")
            case .none: ("", "")
            }
        return text
            .replacingOccurrences(of: "{(}", with: full ? "（" : "(")
            .replacingOccurrences(of: "{)}", with: full ? "）" : ")")
            .replacingOccurrences(of: "{,}", with: full ? "，" : ",")
            .replacingOccurrences(of: "{:}", with: full ? "：" : ":")
            .replacingOccurrences(of: "{q}", with: open)
            .replacingOccurrences(of: "{/q}", with: close)
    }

    func paren(_ numeral: String) -> String { words("{(}\(numeral){)}") }

    func label(_ row: Vocab.Row) -> String {
        let text: String
        switch labels {
        case .canonical: text = row.text
        case .typos: text = row.typo ?? row.text
        case .split: text = row.split ?? row.text
        }
        let prefix: String
        switch row.numbering {
        case .section(let numeral): prefix = numeral + "、"
        case .paren(let numeral): prefix = paren(numeral)
        case .sub(let n):
            switch numbering {
            case .dot: prefix = "\(n)."
            case .comma: prefix = "\(n)、"
            case .paren: prefix = paren("\(n)")
            }
        }
        return prefix + words(text)
    }
}
