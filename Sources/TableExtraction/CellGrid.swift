/// A table as a reader sees it: rows of cells. Text layouts are turned into this shape by
/// `CellGrid.init(text:)`; a document's table blocks (HTML, Markdown) by `CellGrid.init(tables:)`.
public struct CellGrid: Sendable, Equatable {
    public var rows: [[String]]
    /// For grids from table blocks, whether each cell is a position covered by a merged cell (a
    /// repeated label, or an empty cell under a spanned number) rather than a cell of its own;
    /// nil for grids read from text.
    public var covered: [[Bool]]?

    public init(rows: [[String]]) {
        self.rows = rows
    }

    /// A section's table blocks one after the other: merged cells expanded (a spanned label
    /// repeats in each covered cell, a spanned number does not; see `TableGrid.expandedRows`),
    /// every row as wide as its table, cells trimmed of spaces.
    public init(tables: [TableGrid]) {
        var rows: [[String]] = []
        var covered: [[Bool]] = []
        for table in tables {
            let expanded = table.expanded()
            rows += expanded.rows.map { $0.map { $0.trimmingSpaceScalars() } }
            covered += expanded.covered
        }
        self.rows = rows
        self.covered = covered
    }

    /// Reads a flattened table out of plain text, whatever the layout:
    /// - `a | b | c |` rows (also markdown, whose `|---|` rule lines are dropped);
    /// - tab-separated rows;
    /// - rows whose cells are separated by runs of two or more spaces;
    /// - one cell per line, where an empty cell shows only as an extra blank line.
    /// Tables drawn with box-drawing characters or full-width bars (`│规章│17│`, `┃`, `║`, `｜`)
    /// read as pipe rows, and their rule lines (`├──┼──┤`, `+----+----+`, `====`) are dropped.
    public init(text: String) {
        let rawLines = Self.foldingDrawnBars(text).linesSplitAtLF()
        // Each line trimmed, its delimiter found and the line split, once, for the vote and for
        // the rows. (`whitespacesForCells` adds nothing to `.whitespaces`: NBSP and U+3000,
        // U+2002, U+2003 are Zs.)
        var lines: [String] = []
        var splits: [[String]] = []
        // The delimiters of the lines that split into cells. Prose around the table may hold a
        // stray double space; the layout is decided by the majority of lines, not by one of them.
        var delimiters: [Delimiter] = []
        var nonEmpty = 0
        lines.reserveCapacity(rawLines.count)
        splits.reserveCapacity(rawLines.count)
        for raw in rawLines {
            let line = raw.trimmingSpaceScalars()
            lines.append(line)
            // (A drawn rule is no line of the table's: it neither splits nor counts against those that do.)
            guard !line.isEmpty, !(Self.isDrawnRule(line) && !line.holdsByte(UInt8(ascii: "|"))) else {
                splits.append([])
                continue
            }
            nonEmpty += 1
            let delimiter = Self.delimiter(of: line)
            let parts = Self.split(line, delimiter: delimiter)
            splits.append(parts)
            if parts.count > 1, let delimiter { delimiters.append(delimiter) }
        }
        let delimited = delimiters.count
        let multiCell = delimited >= 3 && delimited * 4 >= nonEmpty
        if multiCell {
            // A tab delimits a cell even at the ends of a row: in a tab-separated table only the
            // other white space is trimmed, so an empty first or last cell (`\t行政诉讼`, `总计\t7\t8\t`)
            // stays a cell.
            let tabs = delimiters.filter { $0 == .tab }.count * 2 > delimited
            rows = lines.indices.compactMap { i in
                let line = lines[i]
                guard !line.isEmpty, !Self.isRuleLine(line) else { return nil }
                if tabs {
                    let tabRow = rawLines[i].trimmingSpaceScalars(keepingTabs: true)
                    if tabRow.holdsByte(0x09), !line.holdsByte(0x7C) { return Self.split(tabRow) }
                }
                return splits[i]
            }
        } else {
            rows = Self.cellPerLine(lines).map { [$0] }
        }
    }

    /// The cells in reading order, with a row break before the first cell of each row.
    public var cells: [(text: String, rowStart: Bool)] {
        rows.flatMap { row in row.enumerated().map { ($0.element, $0.offset == 0) } }
    }

    enum Delimiter: Equatable {
        case pipe, tab, spaces
        /// `规章 17 0 8`: a label, then its values each after a single space (text copied out of a
        /// PDF viewer, or a page's cells joined by spaces), with the cells found in telling so.
        case singleSpaces(cells: [String])
    }

    static func delimiter(of line: Substring) -> Delimiter? { delimiter(of: String(line)) }

    static func delimiter(of line: String) -> Delimiter? {
        if line.holdsByte(UInt8(ascii: "|")) { return .pipe }
        if line.holdsByte(UInt8(ascii: "\t")) { return .tab }
        var line = line
        return line.withUTF8 { bytes -> Delimiter? in
            guard bytes.count > 1 else { return nil }
            for i in 1..<bytes.count where bytes[i] == 0x20 && bytes[i - 1] == 0x20 { return .spaces }
            return nil
        } ?? labelThenValues(line).map { .singleSpaces(cells: $0) }
    }

    /// A label with Chinese (or U+FFFD) in it, then one or more values, all separated by single spaces; at
    /// least one value a number (`行政许可 833`, `（七）总计 14 4 4 3 3 1 29`, `规章 17 — 8`). The
    /// label's words are cells, and so is each value.
    /// nil for anything else: prose ends in a word (`共 12 件`), a header row holds no value.
    static func labelThenValues(_ line: String) -> [String]? {
        guard line.holdsByte(0x20) else { return nil }
        let tokens = line.split(separator: " ")
        var firstValue = tokens.count
        var numbers = 0
        while firstValue > 1, case .value(let v) = CellReader.classify(String(tokens[firstValue - 1])) {
            if v.value != nil { numbers += 1 }
            firstValue -= 1
        }
        guard numbers > 0, firstValue < tokens.count else { return nil }
        let label = tokens[..<firstValue]
        // (Chinese, or what is left of it: `\u{FFFD}` where a label's characters were lost.)
        guard label.contains(where: { $0.unicodeScalars.contains { $0.value >= 0x2E80 } }) else { return nil }
        // Each word of the label a cell of its own: a group heading and its row's label were two
        // cells (`三、本年度办理结果 （六）其他处理 3.其他`), and the row reader joins a label's cells
        // when the last alone is not a row's.
        return (label + tokens[firstValue...]).map(String.init)
    }

    static func isMarkdownRule(_ line: String) -> Bool {
        line.holdsByte(UInt8(ascii: "-"))
            && line.utf8.allSatisfy { $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ":") || $0 == 0x20 }
    }

    /// A line that only draws: Markdown's `|---|:--|`, grid tables' `+----+----+` and `====`,
    /// box drawing's `├──┼──┤`. Two strokes at least, so that a lone `-` or `=` (a mark for a
    /// missing value) is not one, unless it is a Markdown rule as before.
    static func isRuleLine(_ line: String) -> Bool {
        // Most lines start with a Chinese character (lead bytes E3 to E9): none of these is one.
        guard let first = line.utf8.first, first < 0x80 || first == 0xE2 || first == 0xEF else { return false }
        if isMarkdownRule(line) { return true }
        var strokes = 0
        for scalar in line.unicodeScalars {
            switch scalar.value {
            case 0x2D, 0x3D, 0x5F, 0xFF0D, 0xFF1D, 0x2500...0x257F: strokes += 1  // - = _ － ＝ box drawing
            case 0x20, 0x2B, 0x3A, 0x7C, 0xFF0B: continue  // space + : | ＋
            default: return false
            }
        }
        return strokes >= 2
    }

    /// A rule line that only a drawn table has (`+----+`, `├──┼──┤`, `------`), not a mark for a
    /// missing value (`--`, `－－`).
    static func isDrawnRule(_ line: String) -> Bool {
        guard isRuleLine(line) else { return false }
        var strokes = 0
        for scalar in line.unicodeScalars {
            if scalar == "+" || scalar == "|" || (0x2500...0x257F).contains(scalar.value) { return true }
            if scalar != " " { strokes += 1 }
        }
        return strokes >= 4
    }

    /// The vertical bars tables are drawn with, as `|`: box drawing's light, heavy and double
    /// verticals and the full-width bar. Only in text read as a table: prose keeps its `｜`.
    static let drawnBars = ["\u{2502}", "\u{2503}", "\u{2551}", "\u{FF5C}"]

    static func foldingDrawnBars(_ text: String) -> String {
        var text = text
        for bar in drawnBars where text.containsUTF8(bar) {
            text = text.replacingUTF8(bar, with: "|")
        }
        return text
    }

    static func split(_ line: String) -> [String] { split(line, delimiter: delimiter(of: line)) }

    static func split(_ line: String, delimiter: Delimiter?) -> [String] {
        switch delimiter {
        case .pipe:
            var parts = split(line, at: UInt8(ascii: "|"))
            // The pipes that open and close a row delimit nothing.
            if line.utf8.first == UInt8(ascii: "|"), !parts.isEmpty { parts.removeFirst() }
            if line.utf8.last == UInt8(ascii: "|"), !parts.isEmpty { parts.removeLast() }
            return parts
        case .tab:
            return split(line, at: UInt8(ascii: "\t"))
        case .spaces:
            return splitOnSpaceRuns(line)
        case .singleSpaces(let cells):
            return cells
        case nil:
            return [line]
        }
    }

    /// Cells separated by two or more spaces; a single space inside a label (`自然 人`) stays.
    static func splitOnSpaceRuns(_ line: String) -> [String] {
        // On the UTF-8 bytes: a space is one byte, and no byte of a multi-byte character is 0x20.
        var cells: [String] = []
        var current: [UInt8] = []
        var spaces = 0
        for byte in line.utf8 {
            if byte == 0x20 {
                spaces += 1
                continue
            }
            if spaces >= 2, !current.isEmpty {
                cells.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            } else if spaces == 1 {
                current.append(0x20)
            }
            spaces = 0
            current.append(byte)
        }
        if !current.isEmpty { cells.append(String(decoding: current, as: UTF8.self)) }
        return cells
    }

    /// The line's parts between the delimiter bytes (an ASCII delimiter never occurs inside a
    /// multi-byte character), each trimmed of spaces and tabs, and unquoted when it is wrapped in
    /// `"` as spreadsheets and TSV exports quote cells (`"规章"	"17"`; `""` inside is one `"`).
    static func split(_ line: String, at delimiter: UInt8) -> [String] {
        let parts: [String]? = line.utf8.withContiguousStorageIfAvailable { p in
            var parts: [String] = []
            var start = 0
            for i in 0...p.count where i == p.count || p[i] == delimiter {
                var (from, to) = trimmed(p, start, i)
                if to - from >= 2, p[from] == 0x22, p[to - 1] == 0x22 {
                    (from, to) = trimmed(p, from + 1, to - 1)
                    let inner = UnsafeBufferPointer(rebasing: p[from..<to])
                    parts.append(String(decoding: inner, as: UTF8.self).replacingOccurrences(of: "\"\"", with: "\""))
                } else {
                    parts.append(String(decoding: UnsafeBufferPointer(rebasing: p[from..<to]), as: UTF8.self))
                }
                start = i + 1
            }
            return parts
        }
        if let parts { return parts }
        var native = line
        native.makeContiguousUTF8()
        return split(native, at: delimiter)
    }

    /// `from..<to` of `p` without the spaces at its ends.
    private static func trimmed(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> (Int, Int) {
        var (from, to) = (from, to)
        while from < to, case let n = UTF8WhiteSpace.spaceLength(p, at: from), n > 0 { from += n }
        while to > from, case let n = UTF8WhiteSpace.spaceLength(p, endingAt: to, from: from), n > 0 { to -= n }
        return (from, to)
    }

    /// One cell per line. Cells are usually separated by a fixed number of blank lines (0 or 1);
    /// each blank line beyond that separation stands for an empty cell.
    static func cellPerLine(_ lines: [String]) -> [String] {
        var gaps: [Int] = []
        var run = 0
        var seenCell = false
        for line in lines {
            if isDrawnRule(line) {
                // A rule between cells: the blank lines before it are no empty cells.
                run = 0
            } else if line.isEmpty {
                run += 1
            } else {
                if seenCell { gaps.append(run) }
                seenCell = true
                run = 0
            }
        }
        // The usual separation: the most common gap (ties to the smaller).
        var counts: [Int: Int] = [:]
        for g in gaps { counts[g, default: 0] += 1 }
        let separation = counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key ?? 0

        var cells: [String] = []
        run = 0
        seenCell = false
        for line in lines {
            if isDrawnRule(line) {
                run = 0
                continue
            }
            if line.isEmpty {
                run += 1
                continue
            }
            if seenCell, run > separation {
                cells.append(contentsOf: repeatElement("", count: run - separation))
            }
            cells.append(line)
            seenCell = true
            run = 0
        }
        return cells
    }
}

extension CharacterSet {
    /// White space including the no-break and ideographic spaces real pages leave in cells.
    static let whitespacesForCells: CharacterSet = .whitespaces.union(["\u{00A0}", "\u{3000}", "\u{2002}", "\u{2003}"])
}

import SystemBytes
import Foundation
import ReportModel

extension String {
    /// Whether the UTF-8 bytes hold `byte`, by memchr: for an ASCII byte (never inside a
    /// multi-byte character), `containsASCII` for a `String`, without its generic call per cell.
    @inline(__always)
    func holdsByte(_ byte: UInt8) -> Bool {
        var text = self
        return text.withUTF8 { p in p.baseAddress.map { memchr($0, Int32(byte), p.count) != nil } ?? false }
    }
}
