import Foundation

/// How a flattened table's text is laid out: the layouts seen in the wild.
public enum TableLayout: String, CaseIterable, Sendable, Codable {
    /// One cell per line, blank lines between cells; an empty cell is one extra blank line (seeds 000, 003, 004).
    case cellPerLine = "cell_per_line"
    /// `a | b | c |` rows with merged-header junk (seeds 001, 002).
    case pipe
    /// Tab-separated rows.
    case tab
    /// Markdown: `| a | b |` with a `|---|` rule after the first row.
    case markdown
    /// Cells separated by runs of two or more spaces.
    case spaces
    /// Tab-separated rows whose label part is padded to three cells with empty ones.
    case tabPadded = "tab_padded"
    /// As `pdftotext -layout` prints a table: wrapped labels, page-number lines, vertical letters.
    case pdf = "pdf_layout"
}

/// The variations real pages show in their tables, chosen per report (after the table-extraction
/// tests' `RenderStyle`).
struct TableStyle: Sendable {
    enum Header: CaseIterable, Sendable { case full, dropped, split, repeated, splitRows }
    enum Groups: CaseIterable, Sendable { case once, repeated, dropped, split }
    enum Labels: CaseIterable, Sendable { case canonical, typos, split }
    enum Numbering: CaseIterable, Sendable { case dot, comma, paren }
    enum Brackets: CaseIterable, Sendable { case fullWidth, ascii }
    enum Quotes: CaseIterable, Sendable { case curly, ascii, none }
    enum Numbers: CaseIterable, Sendable { case plain, fullWidth, thousands, units, noise, mixed }
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
    /// The unseen forms' switches (damaged labels, disagreeing spans, fee in 元) may be drawn
    /// from `seed`: on for the generator's pages, off for styles built by hand.
    var unseenForms = false

    /// Most pages are plain; the rest spread over every variation.
    static func random(using rng: inout SplitMix64) -> TableStyle {
        var style = TableStyle()
        let varied = rng.chance(0.6)
        if varied {
            style.header = rng.pick(Header.allCases)
            style.groups = rng.pick(Groups.allCases)
            style.labels = rng.pick(Labels.allCases)
            style.numbering = rng.pick(Numbering.allCases)
            style.brackets = rng.pick(Brackets.allCases)
            style.quotes = rng.pick(Quotes.allCases)
            style.numbers = rng.pick(Numbers.allCases)
            style.missing = rng.pick(Missing.allCases)
            style.junk = rng.chance(0.5)
        }
        style.blankLines = rng.int(0...1)
        style.indent = rng.pick(["", "", "    ", "\u{3000}"])
        style.seed = rng.next()
        style.unseenForms = true
        return style
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

    func label(_ row: Vocab.Row, damage: LabelDamage? = nil) -> String {
        var text: String
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
        text = words(text)
        if let damage { text = damage.apply(text, seed: seed ^ UInt64(truncatingIfNeeded: row.key.utf8.count)) }
        return prefix + text
    }

    // MARK: Cells

    func cellText(_ value: Decimal?, amount: Bool, index: Int) -> String {
        guard let value else {
            switch missing {
            case .empty: return ""
            case .dash: return "—"
            case .slash: return "/"
            case .none: return "无"
            }
        }
        var format = numbers
        if format == .mixed {
            var rng = SplitMix64(seed: seed &+ UInt64(index) &* 7919)
            format = rng.pick([.plain, .fullWidth, .thousands, .units, .noise])
        }
        let plain = "\(value)"
        switch format {
        case .plain, .mixed: return plain
        case .fullWidth: return Self.fullWidth(plain)
        case .thousands: return Self.grouped(plain)
        case .units: return plain + (amount ? "万元" : (index % 2 == 0 ? "件" : "个"))
        case .noise: return ["? ? ", "?", "\u{00A0}", "\u{2002}"][index % 4] + plain
        }
    }

    static func fullWidth(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { c in
            switch c {
            case "0"..."9": Unicode.Scalar(c.value - 0x30 + 0xFF10)!
            case ".": "．"
            default: c
            }
        }))
    }

    /// `1234567.5` → `1,234,567.5`
    static func grouped(_ s: String) -> String {
        let sign = s.hasPrefix("-") ? "-" : ""
        let body = s.dropFirst(sign.count)
        let integer = Array(body.prefix { $0 != "." })
        let fraction = body.dropFirst(integer.count)
        var out = ""
        for (i, ch) in integer.enumerated() {
            if i > 0, (integer.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return sign + out + fraction
    }
}
