import SystemBytes
#if canImport(Glibc)
import Glibc
#endif
/// A table as its source laid it out: rows of cells, each with the rows and columns it spans.
/// A cell covered by another's span is not in its row (as in HTML): a row lists only the cells
/// that start in it.
public struct TableGrid: Sendable, Equatable {
    public struct Cell: Sendable, Equatable {
        /// The cell's text; a line break inside the cell (`<br>`) is `\n`.
        public var text: String
        public var rowSpan: Int
        public var columnSpan: Int

        public init(_ text: String, rowSpan: Int = 1, columnSpan: Int = 1) {
            self.text = text
            self.rowSpan = max(rowSpan, 0)
            self.columnSpan = max(columnSpan, 1)
        }
    }

    public var rows: [[Cell]]

    public init(rows: [[Cell]]) {
        self.rows = rows
    }

    /// A grid without spans.
    public init(texts: [[String]]) {
        rows = texts.map { $0.map { Cell($0) } }
    }

    /// Every position of the grid with its text, rows padded to the widest, rows with no text
    /// dropped. A merged cell's text stands at its top-left position; a covered position repeats
    /// the text when it is a label and is left empty when it is a number or a missing-value mark:
    /// - table readers anchor rows on labels and read the values that follow, so a repeated label
    ///   is harmless (`三、本年度办理结果` down its rows, `（三）不予公开` beside its eight sub-rows)
    ///   and keeps a row's values in their columns: `一、本年新收…` spanning the three label columns
    ///   is followed by its seven values, not by two empty cells and five values;
    /// - a repeated number would be a duplicated value (`行政许可 | 558794` spanning three measure
    ///   columns), so numbers are written once.
    /// A row span of 0 runs to the end of the table. A line break inside a cell joins its lines
    /// as wrapped text does (see `joiningLines`).
    public func expandedRows(droppingEmptyRows: Bool = true) -> [[String]] {
        expanded(droppingEmptyRows: droppingEmptyRows).rows
    }

    /// `expandedRows`, with whether each position is covered by a merged cell rather than being
    /// the top-left position of its own (a reader resolving spans that disagree between rows
    /// needs to know which texts are copies and which empty cells are covered).
    public func expanded(droppingEmptyRows: Bool = true) -> (rows: [[String]], covered: [[Bool]]) {
        var grid: [[String?]] = Array(repeating: [], count: rows.count)
        var coveredGrid: [[Bool]] = Array(repeating: [], count: rows.count)
        // Each row made as wide as the widest row's own cells at once, rather than grown cell by cell.
        var widest = 0
        for cells in rows {
            var width = 0
            for cell in cells { width += max(cell.columnSpan, 1) }
            widest = max(widest, width)
        }
        for r in grid.indices {
            grid[r].reserveCapacity(widest)
            coveredGrid[r].reserveCapacity(widest)
        }
        for (r, cells) in rows.enumerated() {
            var c = 0
            for cell in cells {
                while c < grid[r].count, grid[r][c] != nil { c += 1 }
                let rowspan = cell.rowSpan == 0 ? rows.count - r : min(cell.rowSpan, rows.count - r)
                let colspan = max(cell.columnSpan, 1)
                let text = cell.text.holdsASCII(0x0A) ? Self.joiningLines(cell.text) : cell.text
                // (Only a merged cell covers others: most cells are not read for it.)
                let covered = rowspan * colspan > 1 && Self.isLabel(text) ? text : ""
                for dr in 0..<max(rowspan, 1) {
                    let rr = r + dr
                    // The row grown in place to reach the cell's last column.
                    while grid[rr].count < c + colspan {
                        grid[rr].append(nil)
                        coveredGrid[rr].append(false)
                    }
                    for dc in 0..<colspan {
                        let cc = c + dc
                        // Overlapping spans (broken markup): the first cell keeps its place.
                        if grid[rr][cc] == nil {
                            let origin = dr == 0 && dc == 0
                            grid[rr][cc] = origin ? text : covered
                            coveredGrid[rr][cc] = !origin
                        }
                    }
                }
                c += colspan
            }
        }
        var width = 0
        for row in grid { width = max(width, row.count) }
        var outRows: [[String]] = []
        var outCovered: [[Bool]] = []
        outRows.reserveCapacity(grid.count)
        outCovered.reserveCapacity(grid.count)
        for (row, covered) in zip(grid, coveredGrid) {
            guard !droppingEmptyRows || row.contains(where: { $0.map { !$0.isEmpty } ?? false }) else { continue }
            var texts: [String] = []
            texts.reserveCapacity(width)
            for text in row { texts.append(text ?? "") }
            texts.append(contentsOf: repeatElement("", count: width - row.count))
            outRows.append(texts)
            var flags = covered
            flags.reserveCapacity(width)
            flags.append(contentsOf: repeatElement(false, count: width - covered.count))
            outCovered.append(flags)
        }
        return (outRows, outCovered)
    }

    /// A cell's lines as one: a label wrapped inside its cell (`一、本年新收政府<br>信息公开申请数量`)
    /// joins without a space between two Chinese characters, with one otherwise (`自然<br>人`
    /// and `Total<br>count` alike read as their words).
    static func joiningLines(_ text: String) -> String {
        let lines = text.split(separator: "\n").map { $0.trimmingSpaceScalars() }.filter { !$0.isEmpty }
        var out = ""
        for line in lines {
            if let last = out.unicodeScalars.last, let first = line.unicodeScalars.first, last.isASCII || first.isASCII {
                out += " "
            }
            out += line
        }
        return out
    }

    /// The expanded rows as text lines, `| a | b | c |` (a `|` inside a cell written `｜`).
    public func pipeRows() -> [String] {
        expandedRows().map { cells in
            // Written as UTF-8 bytes into one buffer per row.
            var bytes: [UInt8] = []
            bytes.reserveCapacity(cells.reduce(4) { $0 + $1.utf8.count + 3 })
            bytes.append(UInt8(ascii: "|"))
            bytes.append(0x20)
            for (k, cell) in cells.enumerated() {
                if k > 0 {
                    bytes.append(0x20)
                    bytes.append(UInt8(ascii: "|"))
                    bytes.append(0x20)
                }
                if cell.holdsASCII(UInt8(ascii: "|")) {
                    bytes.append(contentsOf: cell.replacingUTF8("|", with: "｜").utf8)
                } else {
                    bytes.append(contentsOf: cell.utf8)
                }
            }
            bytes.append(0x20)
            bytes.append(UInt8(ascii: "|"))
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Text that is neither empty, a number (`12`, `668.57万元`, `1,234`), nor a missing-value mark.
    public static func isLabel(_ text: String) -> Bool {
        // The common cell, plain digits: a value.
        if !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) { return false }
        // Scalar by scalar (cell text is CJK and ASCII: the same as characters here), white space
        // left out, in one pass: how many scalars are kept, how many of them are no value
        // scalars, and the last two (a unit suffix is at most two).
        var count = 0, nonValue = 0
        var first: Unicode.Scalar = " ", last: Unicode.Scalar = " ", beforeLast: Unicode.Scalar = " "
        for s in text.unicodeScalars where !isWhiteSpace(s) {
            if count == 0 { first = s }
            beforeLast = last
            last = s
            count += 1
            if !isValueScalar(s) { nonValue += 1 }
        }
        // The first unit the text ends in is removed.
        var removed = 0
        for unit in unitSuffixes where count >= unit.count
            && (unit.count == 1 ? unit[0] == last : unit[0] == beforeLast && unit[1] == last) {
            removed = unit.count
            break
        }
        if removed >= 1, !isValueScalar(last) { nonValue -= 1 }
        if removed == 2, !isValueScalar(beforeLast) { nonValue -= 1 }
        let kept = count - removed
        if kept == 0 || (kept == 1 && (first == "无" || first == "空")) { return false }
        return nonValue > 0
    }

    /// Unicode White_Space (`Unicode.Scalar.Properties.isWhitespace`), without the property lookup.
    @inline(__always)
    static func isWhiteSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Units a value cell may end in (the first that matches is removed).
    static let unitSuffixes: [[Unicode.Scalar]] =
        ["万元", "元", "件", "个", "项", "条", "次", "人次", "%", "％"].map { Array($0.unicodeScalars) }

    @inline(__always)
    static func isValueScalar(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "0"..."9", "０"..."９", ".", ",", "+", "-", "－", "—", "/", "／", "\\", "．", "，": true
        default: false
        }
    }

    /// The same grid with every cell's text changed by `transform` (spans kept).
    public func mapTexts(_ transform: (String) -> String) -> TableGrid {
        TableGrid(rows: rows.map { $0.map { Cell(transform($0.text), rowSpan: $0.rowSpan, columnSpan: $0.columnSpan) } })
    }
}

extension String {
    /// Whether the UTF-8 bytes hold `byte` (ASCII: never inside a multi-byte character), by
    /// memchr: `containsASCII` for a `String`, without its generic call per cell.
    @inline(__always)
    fileprivate func holdsASCII(_ byte: UInt8) -> Bool {
        var text = self
        return text.withUTF8 { p in p.baseAddress.map { memchr($0, Int32(byte), p.count) != nil } ?? false }
    }
}
