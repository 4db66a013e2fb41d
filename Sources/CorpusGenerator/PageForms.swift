/// Forms of a whole page that the table layouts do not write, found by probing the pipeline with
/// pages rewritten by hand: tables drawn with box-drawing characters or as grid tables, rows whose
/// cells are separated by single spaces, section headings numbered otherwise than 一、, and stray
/// blank lines in one-cell-per-line tables. Each form is a switch drawn from a stream of its own
/// (reports without it keep their bytes) and applied to the page's simplified text as rendered;
/// none changes what a careful reader reads, so the answers stay as they are.
public enum PageForm: String, Sendable, CaseIterable, Codable {
    /// Pipe rows drawn with box-drawing verticals (`│`, `┃` or `║`), with rule lines
    /// (`├──┼──┤`) between them and around each table.
    case drawnTables = "drawn_tables"
    /// Pipe rows as a grid table: `| a | b |` between `+----+----+` rules (`+====+` under the
    /// first row).
    case gridTables = "grid_tables"
    /// Pipe rows with their cells separated by single spaces (`规章 17 0 8`): text copied out of a
    /// PDF viewer. Only on pages whose rows have no empty cell inside and no cell with a space.
    case singleSpaceRows = "single_space_rows"
    /// The six headings numbered `第二部分`, `2、`, `Ⅱ、`, `（二）`, or not at all.
    case headingNumbers = "heading_numbers"
    /// One cell per line, with a blank line too many after some of table 三's row labels.
    case strayBlankLines = "stray_blank_lines"
    /// Tab or pipe rows whose filled cells are wrapped in `"` (`"规章"	"17"`), as a spreadsheet
    /// copies them or a TSV export writes them.
    case quotedCells = "quoted_cells"

    var rate: Double { 0.03 }

    /// Whether the form rewrites the pipe rows (a page takes one such form at most).
    var redrawsTables: Bool { [.drawnTables, .gridTables, .singleSpaceRows, .quotedCells].contains(self) }

    /// Streams 0 to 8 are taken (the kind's, the page's, the Markdown pages', the text noises', spam's).
    var stream: UInt64 {
        switch self {
        case .drawnTables: 9
        case .gridTables: 10
        case .singleSpaceRows: 11
        case .headingNumbers: 12
        case .strayBlankLines: 13
        case .quotedCells: 14
        }
    }

    /// The layouts (of text pages) the form applies to; nil: every page.
    var layouts: Set<TableLayout>? {
        switch self {
        case .drawnTables, .gridTables, .singleSpaceRows: [.pipe, .markdown]
        case .strayBlankLines: [.cellPerLine]
        case .quotedCells: [.pipe, .tab]
        case .headingNumbers: nil
        }
    }

    /// Whether the form can be written on a page of this kind.
    func fits(_ kind: ReportKind) -> Bool {
        guard let layouts else { return true }
        return kind.format == .text && layouts.contains(kind.layout)
    }

    /// `text` in the form; nil when the page has no place for it (or, for single spaces, rows
    /// that single spaces would make ambiguous).
    package func apply(to text: String, rng: inout SplitMix64) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let out: [String]?
        switch self {
        case .drawnTables: out = Self.drawn(lines, style: rng.int(0...2))
        case .gridTables: out = Self.grid(lines)
        case .singleSpaceRows: out = Self.singleSpaces(lines)
        case .headingNumbers: return Self.renumbered(text, style: rng.pick(HeadingStyle.allCases))
        case .strayBlankLines: out = Self.strayBlanks(lines, rng: &rng)
        case .quotedCells: out = Self.quoted(lines)
        }
        guard let out, out != lines else { return nil }
        return out.joined(separator: "\n")
    }

    // MARK: Pipe rows

    /// A line's cells as the pipe reader splits it (the pipes that open and close a row delimit
    /// nothing), or nil for a line that is no pipe row (or a Markdown rule).
    static func pipeCells(_ line: String) -> [String]? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.contains("|"), !trimmed.allSatisfy({ "|-: ".contains($0) }) else { return nil }
        var parts = trimmed.split(separator: "|", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        if trimmed.first == "|", !parts.isEmpty { parts.removeFirst() }
        if trimmed.last == "|", !parts.isEmpty { parts.removeLast() }
        return parts
    }

    static func isMarkdownRule(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.contains("-") && trimmed.allSatisfy { "|-: ".contains($0) }
    }

    /// Light, heavy and double: the vertical, the horizontal, and the left, middle and right
    /// joints of a rule between rows, above the first and under the last.
    static let boxes: [(bar: String, line: String, between: [String], top: [String], bottom: [String])] = [
        ("│", "─", ["├", "┼", "┤"], ["┌", "┬", "┐"], ["└", "┴", "┘"]),
        ("┃", "━", ["┣", "╋", "┫"], ["┏", "┳", "┓"], ["┗", "┻", "┛"]),
        ("║", "═", ["╠", "╬", "╣"], ["╔", "╦", "╗"], ["╚", "╩", "╝"]),
    ]

    static func drawn(_ lines: [String], style: Int) -> [String] {
        let box = boxes[style]
        func rule(_ joints: [String], _ cells: Int) -> String {
            joints[0] + Array(repeating: String(repeating: box.line, count: 4), count: max(cells, 1)).joined(separator: joints[1]) + joints[2]
        }
        var out: [String] = []
        var previousCells: Int? = nil
        for line in lines {
            if isMarkdownRule(line) { continue }
            guard let cells = pipeCells(line) else {
                if let n = previousCells { out.append(rule(box.bottom, n)) }
                previousCells = nil
                out.append(line)
                continue
            }
            out.append(rule(previousCells == nil ? box.top : box.between, cells.count))
            out.append(box.bar + cells.joined(separator: box.bar) + box.bar)
            previousCells = cells.count
        }
        if let n = previousCells { out.append(rule(box.bottom, n)) }
        return out
    }

    static func grid(_ lines: [String]) -> [String] {
        func rule(_ cells: Int, _ stroke: String) -> String {
            "+" + Array(repeating: String(repeating: stroke, count: 6), count: max(cells, 1)).joined(separator: "+") + "+"
        }
        var out: [String] = []
        var rowsInTable = 0
        for line in lines {
            if isMarkdownRule(line) { continue }
            guard let cells = pipeCells(line) else {
                rowsInTable = 0
                out.append(line)
                continue
            }
            if rowsInTable == 0 { out.append(rule(cells.count, "-")) }
            out.append("| " + cells.joined(separator: " | ") + " |")
            out.append(rule(cells.count, rowsInTable == 0 ? "=" : "-"))
            rowsInTable += 1
        }
        return out
    }

    /// Nil when a row has an empty cell before its last filled one, or a cell with a space: single
    /// spaces would lose where such a cell stands.
    static func singleSpaces(_ lines: [String]) -> [String]? {
        var out: [String] = []
        for line in lines {
            if isMarkdownRule(line) { continue }
            guard var cells = pipeCells(line) else {
                out.append(line)
                continue
            }
            while cells.last == "" { cells.removeLast() }
            guard !cells.isEmpty, !cells.contains(where: { $0.isEmpty || $0.contains(where: \.isWhitespace) }) else { return nil }
            out.append(cells.joined(separator: " "))
        }
        return out
    }

    /// Each filled cell of a tab or pipe row in `"`, a `"` inside doubled.
    static func quoted(_ lines: [String]) -> [String] {
        func quote(_ cell: String) -> String {
            let trimmed = cell.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? cell : "\"" + trimmed.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return lines.map { line in
            if line.contains("\t") { return line.split(separator: "\t", omittingEmptySubsequences: false).map { quote(String($0)) }.joined(separator: "\t") }
            guard !isMarkdownRule(line), let cells = pipeCells(line) else { return line }
            return "| " + cells.map(quote).joined(separator: " | ") + " |"
        }
    }

    // MARK: Headings

    enum HeadingStyle: CaseIterable {
        case part, arabic, roman, parenthesised, none

        func heading(_ number: Int, _ title: String) -> String {
            let chinese = Array("一二三四五六")[number - 1]
            switch self {
            case .part: return "第\(chinese)部分 \(title)"
            case .arabic: return "\(number)、\(title)"
            case .roman: return "\(Character(Unicode.Scalar(0x215F + UInt32(number))!))、\(title)"
            case .parenthesised: return "（\(chinese)）\(title)"
            case .none: return title
            }
        }
    }

    /// Every heading the builder writes, renumbered.
    static func renumbered(_ text: String, style: HeadingStyle) -> String? {
        var text = text
        var changed = false
        for (i, variants) in ReportBuilder.sectionHeadings.enumerated() {
            for (v, heading) in variants.enumerated() where !variants[..<v].contains(heading) && text.contains(heading) {
                text = text.replacingOccurrences(of: heading, with: style.heading(i + 1, String(heading.dropFirst(2))))
                changed = true
            }
        }
        return changed ? text : nil
    }

    // MARK: Blank lines

    /// After the row labels of table 三 that carry the table's identities (new, total, carried
    /// forward), now and then a blank line too many.
    static func strayBlanks(_ lines: [String], rng: inout SplitMix64) -> [String] {
        var out: [String] = []
        for line in lines {
            out.append(line)
            let label = line.trimmingCharacters(in: .whitespaces)
            let anchored = label.contains("本年新收") || label.contains("结转下年度")
                || ((label.hasPrefix("（七）") || label.hasPrefix("(七)")) && label.contains("总计"))
            if anchored, rng.chance(0.7) { out.append("") }
        }
        return out
    }
}
