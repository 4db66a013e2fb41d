/// Text noise as scraped and re-saved pages carry it: Windows line ends, zero-width characters,
/// joiners and variation selectors, odd spaces. Each form is a switch drawn from a stream of its
/// own (reports without it keep their bytes), applied to the page's text after it is rendered for
/// its format, and only between tokens: never inside a digit run or a value, so the answers stay
/// what a careful reader reads.
public enum TextNoise: String, Sendable, CaseIterable, Codable {
    /// U+200B, U+FEFF (mid-text) and U+3000 after 。 and 件, at table cells' edges, in empty HTML
    /// cells, and U+200B between the Han characters of labels.
    case zeroWidth = "zero_width"
    /// U+200D, U+200C, U+034F and U+FE0F after 。 and 共 and after row labels.
    case joiners
    /// U+00A0, U+2002, U+2003 and U+3000 after ，, around counts in prose (`共 12 件`), and padding
    /// table cells.
    case nbsp
    /// Full-width pipes `｜` (typed in a full-width input mode) for the separators of some rows
    /// of a text file's pipe tables. (Full-width digits in cells the table style already writes.)
    case fullwidthMix = "fullwidth_mix"
    /// CRLF line ends throughout (text, Markdown and HTML saved on Windows). Last: the others
    /// work on lines.
    case crlf

    /// How often each form is drawn: full-width pipes only land in text files' pipe tables (a
    /// third of the files), so they are drawn more often.
    var rate: Double { self == .fullwidthMix ? 0.1 : 0.04 }

    /// The form's stream: 0 to 2 are the kind's, the page's and the Markdown pages', 8 spam's.
    var stream: UInt64 {
        switch self {
        case .zeroWidth: 3
        case .joiners: 4
        case .nbsp: 5
        case .crlf: 6
        case .fullwidthMix: 7
        }
    }

    /// The characters the form adds (for `crlf`, the carriage return; `fullwidth_mix` replaces
    /// `|` with `｜`).
    package var characters: Set<Unicode.Scalar> {
        switch self {
        case .crlf: ["\r"]
        case .zeroWidth: ["\u{200B}", "\u{FEFF}", "\u{3000}"]
        case .joiners: ["\u{200D}", "\u{200C}", "\u{034F}", "\u{FE0F}"]
        case .nbsp: ["\u{00A0}", "\u{2002}", "\u{2003}", "\u{3000}"]
        case .fullwidthMix: ["｜"]
        }
    }

    /// Whether a page in `encoding` can carry the form: Big5 has none of its characters but the
    /// line ends and `｜` (and the generator's Big5 pages lose their NBSPs as `?`).
    func fits(_ encoding: ReportKind.Encoding) -> Bool {
        self == .crlf || self == .fullwidthMix || encoding != .big5
    }

    /// `text` with the form's noise; the text unchanged when it has no place for it.
    package func apply(to text: String, format: ReportKind.Format, rng: inout SplitMix64) -> String {
        if self == .crlf { return text.replacingOccurrences(of: "\n", with: "\r\n") }
        if self == .fullwidthMix { return format == .text ? Self.fullWidthPipes(text, rng: &rng) : text }
        return text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var scalars = Array(line)
            let insertions: [(at: Int, add: [Unicode.Scalar])]
            switch PageLine(scalars, format: format) {
            case .blank, .other: return String(String.UnicodeScalarView(line))
            case .prose: insertions = prose(scalars, rng: &rng)
            case .cells(let cells):
                // A table row: cells beside a value (not a title, a date line or a lone label).
                let row = cells.count > 1 && cells.contains { !$0.range.isEmpty && CellLook.isValue(String(String.UnicodeScalarView(scalars[$0.range]))) }
                insertions = cells.flatMap { self.cell($0, in: scalars, row: row, rng: &rng) }
            }
            // From the back, so that the positions before stay where they were.
            for insertion in insertions.sorted(by: { $0.at > $1.at }) {
                scalars.insert(contentsOf: insertion.add, at: insertion.at)
            }
            return String(String.UnicodeScalarView(scalars))
        }.joined(separator: "\n")
    }

    /// A third of the pipe rows (`a | b |`, `| a | b |`) written with `｜` for every separator
    /// (a row typed in a full-width input mode); never a Markdown delimiter row.
    static func fullWidthPipes(_ text: String, rng: inout SplitMix64) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let row = line.contains(" | ") || line.hasSuffix(" |") || line.hasPrefix("| ")
            guard row, !line.contains("---"), rng.chance(0.35) else { return String(line) }
            return line.replacingOccurrences(of: "|", with: "｜")
        }.joined(separator: "\n")
    }

    /// Noise in a paragraph: after sentence ends, counters and commas, around counts.
    private func prose(_ s: [Unicode.Scalar], rng: inout SplitMix64) -> [(at: Int, add: [Unicode.Scalar])] {
        var out: [(at: Int, add: [Unicode.Scalar])] = []
        for (i, c) in s.enumerated() {
            switch self {
            case .crlf, .fullwidthMix: break
            case .zeroWidth:
                if c == "。" || c == "件", rng.chance(0.5) { out.append((i + 1, [rng.pick(Self.zeroWidths)])) }
            case .joiners:
                if c == "。" && rng.chance(0.4) || c == "共" && rng.chance(0.7) { out.append((i + 1, [rng.pick(Self.joinerMarks)])) }
            case .nbsp:
                if c == "，", rng.chance(0.4) { out.append((i + 1, [rng.pick(Self.spaces)])) }
                // A count between a Han character and its counter: `共 12 件`, `信息 300 条`.
                if c.isASCIIDigit, i > 0, !s[i - 1].isASCIIDigit, s[i - 1].isHan {
                    var end = i
                    while end < s.count, s[end].isASCIIDigit { end += 1 }
                    guard end < s.count, "条件次篇人项个".unicodeScalars.contains(s[end]), rng.chance(0.6) else { continue }
                    let space = rng.pick(Self.spaces)
                    switch rng.int(0...2) {
                    case 0: out.append((i, [space]))
                    case 1: out.append((end, [space]))
                    default: out += [(i, [space]), (end, [space])]
                    }
                }
            }
        }
        return out
    }

    /// Noise at a table cell's edges (an HTML cell's also outside its `<p>`), after its label,
    /// between its number and its unit, inside its label.
    private func cell(_ cell: PageLine.Cell, in s: [Unicode.Scalar], row: Bool, rng: inout SplitMix64) -> [(at: Int, add: [Unicode.Scalar])] {
        var out: [(at: Int, add: [Unicode.Scalar])] = []
        let range = cell.range
        let content = s[range]
        /// The cell's start or end, inside or (HTML) outside its paragraph.
        func edge(_ end: Bool) -> Int {
            let outer = end ? cell.outerEnd : cell.outerStart
            return outer != (end ? range.upperBound : range.lowerBound) && rng.chance(0.3) ? outer : end ? range.upperBound : range.lowerBound
        }
        // Two Han characters of a label side by side, not the first one's right (a lone Han
        // character before a label reads as a letter of a label printed vertically).
        let inside = range.dropFirst(2).filter { s[$0].isHan && s[$0 - 1].isHan }
        switch self {
        case .crlf, .fullwidthMix: break
        case .zeroWidth:
            // An empty HTML cell that holds only a zero-width space.
            if range.isEmpty {
                if rng.chance(0.2) { out.append((edge(false), ["\u{200B}"])) }
                break
            }
            if rng.chance(0.2) { out.append((edge(false), [rng.pick(Self.zeroWidths)])) }
            if rng.chance(0.2) { out.append((edge(true), [rng.pick(Self.zeroWidths)])) }
            if !inside.isEmpty, rng.chance(0.15) { out.append((rng.pick(inside), ["\u{200B}"])) }
        case .joiners:
            if let last = content.last, last.isHan, rng.chance(0.35) { out.append((range.upperBound, [rng.pick(Self.joinerMarks)])) }
        case .nbsp:
            if range.isEmpty {
                if rng.chance(0.2) { out.append((edge(false), [rng.pick(Self.spaces)])) }
                break
            }
            if rng.chance(0.25) { out.append((edge(false), (0..<rng.int(1...2)).map { _ in rng.pick(Self.spaces) })) }
            if rng.chance(0.25) { out.append((edge(true), (0..<rng.int(1...2)).map { _ in rng.pick(Self.spaces) })) }
            // `12 件`, `668.57 万元`: one space between a value and its unit (in a cell of its
            // own: `0 -4 975 件` would be four single-spaced cells).
            if !content.contains(where: \.properties.isWhitespace), let unit = content.indices.first(where: { content[$0].isHan }), unit > range.lowerBound,
               content[unit - 1].isASCIIDigit || ("\u{FF10}"..."\u{FF19}").contains(content[unit - 1]),
               Self.units.contains(String(String.UnicodeScalarView(content[unit...]))), rng.chance(0.5) {
                out.append((unit, [rng.pick(Self.spaces)]))
            }
            // A space inside a row's label: one, between two Han characters (never a run that
            // reads as a gap; not in titles, dates and names, which are not labels).
            if row, !inside.isEmpty, rng.chance(0.1) {
                out.append((rng.pick(inside), [rng.pick(Self.spaces)]))
            }
        }
        return out
    }

    static let units: Set<String> = ["件", "个", "万元", "元"]
    static let zeroWidths: [Unicode.Scalar] = ["\u{200B}", "\u{200B}", "\u{FEFF}", "\u{3000}"]
    static let joinerMarks: [Unicode.Scalar] = ["\u{200D}", "\u{200C}", "\u{034F}", "\u{FE0F}"]
    static let spaces: [Unicode.Scalar] = ["\u{00A0}", "\u{00A0}", "\u{2002}", "\u{2003}", "\u{3000}"]
}

/// What a line of a rendered page is, for where noise may go.
enum PageLine {
    /// Nothing but white space: left as it is (a blank line is an empty cell, one cell per line).
    case blank
    /// A paragraph of sentences (it holds a `。`).
    case prose
    /// A line of cells (an HTML cell's content, possibly empty; a text line's parts between tabs,
    /// pipes and runs of spaces).
    case cells([Cell])
    /// Markup left alone: Markdown headings, links and delimiter rows, HTML outside the cells.
    case other

    struct Cell {
        /// The cell's text.
        var range: Range<Int>
        /// Where the cell's markup opens and closes (an HTML cell's `<td>` content, around its
        /// `<p>`); the text's ends for a text line.
        var outerStart: Int
        var outerEnd: Int

        init(_ range: Range<Int>, outer: Range<Int>? = nil) {
            self.range = range
            outerStart = outer?.lowerBound ?? range.lowerBound
            outerEnd = outer?.upperBound ?? range.upperBound
        }
    }

    init(_ s: [Unicode.Scalar], format: ReportKind.Format) {
        if s.allSatisfy(\.properties.isWhitespace) {
            self = .blank
        } else if s.contains("。") {
            self = .prose
        } else {
            switch format {
            case .text: self = .cells(Self.parts(s).map { Cell($0) })
            case .markdown:
                let delimiterRow = s.allSatisfy { "|-: ".unicodeScalars.contains($0) }
                self = s.contains("|") && !delimiterRow ? .cells(Self.parts(s).map { Cell($0) }) : .other
            case .html: self = Array(s.prefix(4)) == Array("<tr>".unicodeScalars) ? .cells(Self.htmlCells(s)) : .other
            }
        }
    }

    /// The parts of a text line between separators: tabs, unescaped pipes, runs of two or more
    /// spaces, and the white space at the line's ends. A single space inside a part (`? ? 12`,
    /// `1069 119 28`, `区分处理的， 只计`) belongs to it.
    static func parts(_ s: [Unicode.Scalar]) -> [Range<Int>] {
        func separates(_ i: Int) -> Bool {
            switch s[i] {
            case " ", "\t", "\u{3000}", "\u{00A0}": true
            case "|": i == 0 || s[i - 1] != "\\"
            default: false
            }
        }
        var parts: [Range<Int>] = []
        var start = 0
        var i = 0
        while i < s.count {
            guard separates(i) else { i += 1; continue }
            var end = i
            while end < s.count, separates(end) { end += 1 }
            let run = s[i..<end]
            if i == 0 || end == s.count || run.count >= 2 || run.contains("\t") || run.contains("|") {
                if start < i { parts.append(start..<i) }
                start = end
            }
            i = end
        }
        if start < s.count { parts.append(start..<s.count) }
        return parts
    }

    /// Each `<td>` of a row written as `<tr><td…><p…>text</p></td>…</tr>`: its `<p>`'s content
    /// inside the `<td>`'s.
    static func htmlCells(_ s: [Unicode.Scalar]) -> [Cell] {
        func find(_ pattern: String, from: Int) -> Int? {
            let p = Array(pattern.unicodeScalars)
            guard from + p.count <= s.count else { return nil }
            return (from...(s.count - p.count)).first { Array(s[$0..<($0 + p.count)]) == p }
        }
        var cells: [Cell] = []
        var at = 0
        while let td = find("<td", from: at), let tdOpen = find(">", from: td), let p = find("<p", from: td),
              let open = find(">", from: p), let close = find("</p>", from: open), let tdClose = find("</td>", from: close) {
            cells.append(Cell((open + 1)..<close, outer: (tdOpen + 1)..<tdClose))
            at = tdClose
        }
        return cells
    }
}

extension Unicode.Scalar {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
    /// A CJK unified ideograph (the basic block and extension A).
    var isHan: Bool { (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value) }
}
