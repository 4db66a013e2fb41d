import Foundation

/// Rebuilds a PDF's reading layout from poppler's word boxes: lines by baseline, cells by the gaps
/// between words, page furniture dropped (page numbers, running headers and footers), a vertical
/// label printed one character per line joined back into one label, a row label wrapped over
/// several lines joined into the row whose numbers sit beside it, and each row's numbers placed
/// in the columns that the table's other rows share (a blank cell stays an empty cell). The
/// result is lines of text and rows of cells, in reading order across pages, so that a table
/// continued on the next page simply continues.
public enum PDFLayout {
    public typealias Line = LaidOutLine

    struct Cell {
        var text: String
        var x0: Double, x1: Double, y0: Double, y1: Double
        var isNumber: Bool
        var height: Double { y1 - y0 }
    }

    struct PlacedLine {
        var page: Int
        var cells: [Cell]
        var y0: Double { cells.map(\.y0).min() ?? 0 }
        var y1: Double { cells.map(\.y1).max() ?? 0 }
        var centerY: Double { (y0 + y1) / 2 }
        var text: String { cells.map(\.text).joined(separator: " ") }
        var numbers: [Cell] { cells.filter(\.isNumber) }
        var labels: [Cell] { cells.filter { !$0.isNumber } }
        /// A row of a table: numbers, all of them right of every label.
        var isNumericRow: Bool {
            guard let firstNumber = numbers.map(\.x0).min() else { return false }
            return labels.allSatisfy { $0.x1 <= firstNumber + 1 }
        }
    }

    public static func lines(of pages: [PDFReader.Page]) -> [Line] {
        var placed: [PlacedLine] = []
        for (index, page) in pages.enumerated() {
            placed += baselines(page.words).map { PlacedLine(page: index, cells: cells(of: $0)) }
        }
        placed = withoutFurniture(placed, pages: pages)
        placed = joiningTitle(placed, pages: pages)
        placed = joiningSplitCells(placed)
        placed = joiningVerticalLabels(placed)
        placed = joiningWrappedLabels(placed)
        placed = aligningNumbers(placed)
        return placed.map { line in
            line.cells.count >= 2 ? .row(line.cells.map(\.text)) : .text(line.cells.first?.text ?? "")
        }
    }

    /// The layout as the text pipeline reads it: rows as `| a | b |`, other lines as they are.
    public static func text(of pages: [PDFReader.Page]) -> String {
        LaidOutLine.text(of: lines(of: pages))
    }

    // MARK: lines and cells

    /// Words on one baseline: their vertical centres agree within half the smaller height.
    static func baselines(_ words: [PDFReader.Word]) -> [[PDFReader.Word]] {
        var lines: [(center: Double, height: Double, words: [PDFReader.Word])] = []
        for word in words.sorted(by: { $0.centerY < $1.centerY }) {
            if let last = lines.indices.last,
               abs(word.centerY - lines[last].center) <= 0.45 * min(word.height, lines[last].height) {
                lines[last].words.append(word)
                let n = Double(lines[last].words.count)
                lines[last].center += (word.centerY - lines[last].center) / n
                lines[last].height = min(lines[last].height, word.height)
            } else {
                lines.append((word.centerY, word.height, [word]))
            }
        }
        return lines.map { $0.words.sorted { $0.x0 < $1.x0 } }
    }

    /// A gap wider than the narrower of the two words' characters separates cells (digits are half
    /// as wide as Chinese characters of the same size); prose keeps its words together. A space is
    /// kept only between two ASCII letters or digits (or full-width digits): Chinese text has none.
    static func cells(of words: [PDFReader.Word]) -> [Cell] {
        func characterWidth(_ w: PDFReader.Word) -> Double { (w.x1 - w.x0) / Double(max(1, w.text.count)) }
        var cells: [Cell] = []
        var previous: PDFReader.Word?
        for word in words {
            // Two numbers with a space between them are two cells, however close: each keeps its
            // own box for the column it sits in (`215` `371` cut out of `215371`).
            let twoNumbers = previous.map { $0.spaceAfter && isNumber($0.text) && isNumber(word.text) } ?? false
            if let p = previous, !twoNumbers, word.x0 - p.x1 <= max(3, min(characterWidth(word), characterWidth(p))),
               var cell = cells.popLast() {
                let asciiJoin = (cell.text.last.map(keepsSpace) ?? false) && (word.text.first.map(keepsSpace) ?? false)
                cell.text += (p.spaceAfter && asciiJoin ? " " : "") + word.text
                cell.x1 = max(cell.x1, word.x1)
                cell.y0 = min(cell.y0, word.y0)
                cell.y1 = max(cell.y1, word.y1)
                cells.append(cell)
            } else {
                cells.append(Cell(text: word.text, x0: word.x0, x1: word.x1, y0: word.y0, y1: word.y1, isNumber: false))
            }
            previous = word
        }
        for i in cells.indices {
            cells[i].text = cells[i].text.trimmingCharacters(in: .whitespaces)
            cells[i].isNumber = isNumber(cells[i].text)
        }
        // A unit a space away from its number (`1046 件`, a no-break space between them in the
        // cell) is the number's: within one of its own characters' width.
        var i = cells.count - 1
        while i > 0 {
            let unit = cells[i], number = cells[i - 1]
            if units.contains(unit.text), number.isNumber, !units.contains(where: { number.text.hasSuffix($0) }),
               unit.x0 - number.x1 <= (unit.x1 - unit.x0) / Double(unit.text.count) * 1.2 {
                cells[i - 1].text += unit.text
                cells[i - 1].x1 = unit.x1
                cells.remove(at: i)
            }
            i -= 1
        }
        return cells
    }

    static func keepsSpace(_ c: Character) -> Bool {
        (c.isASCII && (c.isLetter || c.isNumber)) || ("\u{FF10}"..."\u{FF19}").contains(c)
    }

    /// The title block at the top of the first page, centred lines one under the other
    /// (`淮安市人民政府` / `2024年政府信息公开工作年度报告`), read as one title line.
    static func joiningTitle(_ lines: [PlacedLine], pages: [PDFReader.Page]) -> [PlacedLine] {
        guard let width = pages.first?.width, width > 0 else { return lines }
        var count = 0
        for line in lines where line.page == 0 && line.cells.count >= 1 {
            let x0 = line.cells.map(\.x0).min()!, x1 = line.cells.map(\.x1).max()!
            guard abs((x0 + x1) / 2 - width / 2) < width * 0.06, x1 - x0 < width * 0.6 else { break }
            count += 1
        }
        guard count >= 2 else { return lines }
        var title = lines[0]
        title.cells = [Cell(text: lines[0..<count].map { $0.cells.map(\.text).joined() }.joined(),
                            x0: lines[0..<count].flatMap(\.cells).map(\.x0).min()!, x1: lines[0..<count].flatMap(\.cells).map(\.x1).max()!,
                            y0: lines[0].y0, y1: lines[count - 1].y1, isNumber: false)]
        return [title] + lines[count...]
    }

    /// A table value: digits with separators, a decimal point or a unit, or a missing-value mark.
    /// (Shared with the Word reader.)
    static func isNumber(_ text: String) -> Bool {
        // Full-width digits and separators read as ASCII; `?` and no-break spaces left by lost
        // characters are noise, and so are the `"` a cell exported from a spreadsheet is wrapped in
        // (`"22"`; the table reader unquotes the cell).
        let folded = String(String.UnicodeScalarView(text.unicodeScalars.compactMap { s -> Unicode.Scalar? in
            switch s.value {
            case 0xFF10...0xFF19: return Unicode.Scalar(s.value - 0xFF10 + 0x30)
            case 0xFF0C: return ","
            case 0xFF0E: return "."
            case 0x22, 0x3F, 0xA0, 0x2002, 0x3000, 0x20: return nil
            default: return s
            }
        }))
        var body = Substring(folded)
        for unit in ["万元", "萬元", "元", "件", "个", "個", "项", "項", "条", "條", "次", "%"] where body.hasSuffix(unit) {
            body = body.dropLast(unit.count)
            break
        }
        if ["—", "-", "/", "／", "——"].contains(body) { return true }
        // A change (本年增/减) may be negative or signed.
        if let sign = body.first, "-+−－".contains(sign), body.count > 1 { body = body.dropFirst() }
        // A numbered label (`4.`, a damaged `4.无正当理由…`) ends in its dot: not a number.
        guard let first = body.first, first.isASCII, first.isNumber, body.last != ".", body.last != "," else { return false }
        return body.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == "," || $0 == "." }
    }

    // MARK: page furniture

    static let pageNumber = try! NSRegularExpression(
        pattern: #"^(?:[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|(?i:page)\s*\d+(?:\s*of\s*\d+)?)$"#)

    /// Page numbers in the top or bottom margin, and lines repeated in the same margin on most
    /// pages (running headers and footers).
    static func withoutFurniture(_ lines: [PlacedLine], pages: [PDFReader.Page]) -> [PlacedLine] {
        func inMargin(_ line: PlacedLine) -> Bool {
            let height = pages[line.page].height
            guard height > 0 else { return false }
            return line.y1 < height * 0.10 || line.y0 > height * 0.88
        }
        var repeats: [String: Set<Int>] = [:]
        for line in lines where inMargin(line) {
            let key = line.text.filter { !$0.isNumber && !$0.isWhitespace }
            if !key.isEmpty { repeats[key, default: []].insert(line.page) }
        }
        let running = pages.count >= 2
            ? Set(repeats.filter { $0.value.count >= max(2, (pages.count + 1) / 2) }.keys) : []
        return lines.filter { line in
            guard inMargin(line) else { return true }
            let text = line.text.trimmingCharacters(in: .whitespaces)
            if line.cells.count == 1,
               pageNumber.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil { return false }
            return !running.contains(line.text.filter { !$0.isNumber && !$0.isWhitespace })
        }
    }

    // MARK: cells wrapped inside a row

    static let units: Set<String> = ["件", "个", "個", "元", "万元", "萬元", "项", "項", "条", "條", "次"]

    /// In a row of narrow cells, a cell whose number wraps (`88` over `件`) stands half a line
    /// above the row, its unit half a line below: the pieces are put back into the row, by column.
    static func joiningSplitCells(_ lines: [PlacedLine]) -> [PlacedLine] {
        var lines = lines
        func near(_ a: PlacedLine, _ b: PlacedLine) -> Bool {
            a.page == b.page && b.y0 - a.y1 <= 0.8 * min(a.cells.map(\.height).min() ?? 0, b.cells.map(\.height).min() ?? 0)
        }
        func overlaps(_ a: Cell, _ b: Cell) -> Bool { a.x0 < b.x1 && b.x0 < a.x1 }
        /// The next line's pieces appended to the numbers of line `i` they stand under; the line goes.
        func absorbLine(after i: Int) {
            for piece in lines[i + 1].cells {
                if let n = lines[i].cells.firstIndex(where: { $0.isNumber && overlaps($0, piece) })
                    ?? lines[i].cells.firstIndex(where: { overlaps($0, piece) }) {
                    lines[i].cells[n].text += piece.text
                    lines[i].cells[n].y1 = max(lines[i].cells[n].y1, piece.y1)
                    lines[i].cells[n].isNumber = isNumber(lines[i].cells[n].text)
                }
            }
            lines.remove(at: i + 1)
        }
        var i = 0
        while i + 1 < lines.count {
            let (a, b) = (lines[i], lines[i + 1])
            // A row broken across a page: the rest of its wrapped numbers opens the next page, a
            // line of pieces each under one of the row's numbers and no wider (`14` at the foot
            // of one page, `3` at the head of the next, is 143).
            if b.page == a.page + 1, b.labels.isEmpty, !b.cells.isEmpty, b.cells.count < a.numbers.count,
               b.cells.allSatisfy({ piece in
                   isNumberPiece(piece) && a.cells.filter { overlaps($0, piece) }.count == 1
                       && a.cells.contains { $0.isNumber && overlaps($0, piece) && piece.x1 - piece.x0 <= $0.x1 - $0.x0 + 0.5 }
               }) {
                absorbLine(after: i)
                continue
            }
            guard near(a, b) else { i += 1; continue }
            // A line of units under numbers: each unit joins the number it stands under.
            if !b.cells.isEmpty, b.cells.allSatisfy({ units.contains($0.text) }),
               b.cells.allSatisfy({ u in a.cells.contains { $0.isNumber && overlaps($0, u) } }) {
                absorbLine(after: i)
                continue
            }
            // A number too wide for its cell goes on on the next line, one leading below, in the
            // same column: a sparse line of digits and units (`7个`, `件`) right under a row's cells is their rest (under
            // a cell that is no number, `? ? 0 个`, the piece makes it unreadable rather than
            // leaving `11` for `116` beside it).
            if !b.cells.isEmpty, b.cells.count * 2 <= a.numbers.count,
               b.y0 - a.y1 <= 0.6 * min(a.cells.map(\.height).min() ?? 0, b.cells.map(\.height).min() ?? 0),
               b.cells.allSatisfy({ piece in
                   isNumberPiece(piece) && a.cells.filter { overlaps($0, piece) }.count == 1
               }) {
                absorbLine(after: i)
                continue
            }
            // A cell of two lines in a row of one-line cells, centred: its first line stands half a
            // leading above the row, its last half a leading below. When the first line held no
            // number (noise, `? ?`), the number below stands where the row has no cell, between two
            // of its numbers: it is the row's cell there (when nearer this row than the next).
            if !b.cells.isEmpty, b.labels.isEmpty, b.cells.count * 2 <= a.numbers.count,
               b.y0 - a.y1 <= 0.6 * min(a.cells.map(\.height).min() ?? 0, b.cells.map(\.height).min() ?? 0),
               let first = a.numbers.first, let last = a.numbers.last,
               b.cells.allSatisfy({ piece in
                   isNumberPiece(piece) && !units.contains(piece.text) && !a.cells.contains { overlaps($0, piece) }
                       && piece.x0 > first.x1 && piece.x1 < last.x0
               }),
               i + 2 >= lines.count || lines[i + 2].page != b.page || b.y0 - a.y1 < lines[i + 2].y0 - b.y1 {
                lines[i].cells = (a.cells + b.cells).sorted { $0.x0 < $1.x0 }
                lines.remove(at: i + 1)
                continue
            }
            // Wrapped over three lines and centred in its cell, a number's middle stands in the row
            // and its first piece one leading above (`12` over `34` over `5`): the piece opens the
            // number it stands over, or the row would hold `34` for `12345`.
            if !a.cells.isEmpty, a.cells.count * 2 <= b.numbers.count,
               b.y0 - a.y1 <= 0.6 * min(a.cells.map(\.height).min() ?? 0, b.cells.map(\.height).min() ?? 0),
               a.cells.allSatisfy({ piece in
                   isNumberPiece(piece) && !units.contains(piece.text)
                       && b.cells.filter { overlaps($0, piece) }.count == 1
                       && b.cells.contains { $0.isNumber && overlaps($0, piece) }
               }) {
                for piece in a.cells {
                    let n = lines[i + 1].cells.firstIndex { $0.isNumber && overlaps($0, piece) }!
                    lines[i + 1].cells[n].text = piece.text + lines[i + 1].cells[n].text
                    lines[i + 1].cells[n].y0 = min(lines[i + 1].cells[n].y0, piece.y0)
                    lines[i + 1].cells[n].isNumber = isNumber(lines[i + 1].cells[n].text)
                }
                lines.remove(at: i)
                continue
            }
            // Two lines of numbers only, in different columns: one row.
            if a.labels.isEmpty, b.labels.isEmpty, !a.cells.isEmpty, !b.cells.isEmpty,
               !a.cells.contains(where: { x in b.cells.contains { overlaps($0, x) } }) {
                lines[i].cells = (a.cells + b.cells).sorted { $0.x0 < $1.x0 }
                lines.remove(at: i + 1)
                continue
            }
            i += 1
        }
        return lines
    }

    /// A piece of a number wrapped in its cell: digits (`13`, `7个`), a unit, or the closing `"`
    /// of a quoted cell.
    static func isNumberPiece(_ piece: Cell) -> Bool {
        guard let first = piece.text.first else { return false }
        return units.contains(piece.text) || piece.text.allSatisfy { $0 == "\"" }
            || piece.isNumber && (first.isNumber || first == "\"")
    }

    // MARK: labels

    /// `5、` `5.` `四、` `（六）` `(六)` `（1）`: a label that starts a row of its own.
    static func startsWithNumbering(_ text: String) -> Bool {
        let chars = Array(text.prefix(4))
        guard let first = chars.first else { return false }
        let numerals = "一二三四五六七八九十"
        if first.isASCII, first.isNumber { return chars.dropFirst().first.map { "、.．".contains($0) } ?? false }
        if numerals.contains(first) { return chars.count > 1 && chars[1] == "、" }
        if "（(".contains(first), chars.count > 2 { return (numerals.contains(chars[1]) || chars[1].isNumber) && "）)".contains(chars[2]) }
        return false
    }

    /// A label printed one character per line (`三、` `本` `年` `度` …) in a column of its own: its
    /// characters are taken out of the lines they fell into and joined, as one line where it starts.
    static func joiningVerticalLabels(_ lines: [PlacedLine]) -> [PlacedLine] {
        var lines = lines
        var inserted: [PlacedLine] = []
        // Candidates: a line's first cell of one or two characters, not a number.
        var candidates: [(line: Int, cell: Cell)] = []
        for (i, line) in lines.enumerated() {
            if let first = line.cells.first, !first.isNumber, (1...2).contains(first.text.count),
               first.text.unicodeScalars.contains(where: { $0.value >= 0x4E00 }) {
                candidates.append((i, first))
            }
        }
        var used = Set<Int>()
        var start = 0
        while start < candidates.count {
            var run = [candidates[start]]
            var next = start + 1
            while next < candidates.count {
                let a = run.last!.cell, b = candidates[next].cell
                guard lines[candidates[next].line].page == lines[run.last!.line].page, abs(a.x0 - b.x0) <= 2,
                      b.y0 - a.y1 <= 1.5 * a.height, b.y0 > a.y0 else { break }
                run.append(candidates[next])
                next += 1
            }
            if run.count >= 3 {
                let text = run.map(\.cell.text).joined()
                var cell = run[0].cell
                cell.text = text
                inserted.append(PlacedLine(page: lines[run[0].line].page, cells: [cell]))
                for member in run { used.insert(member.line) }
                start = next
            } else {
                start += 1
            }
        }
        for i in used { lines[i].cells.removeFirst() }
        // The joined label keeps its first character's place; a line left empty goes.
        return placing(inserted, among: lines.filter { !$0.cells.isEmpty })
    }

    /// Lines put in reading order among others: before the first line that starts at or below them.
    static func placing(_ extra: [PlacedLine], among lines: [PlacedLine]) -> [PlacedLine] {
        var result = lines
        for line in extra {
            let at = result.firstIndex { $0.page > line.page || ($0.page == line.page && $0.y0 >= line.y0) } ?? result.count
            result.insert(line, at: at)
        }
        return result
    }

    /// A row label wrapped over two or three lines, with the row's numbers beside the first,
    /// middle or last of them: the lines of one label share their left edge and follow each other
    /// closely. Joined into the row when one row lies beside them; kept as one line (a group
    /// label, `（三）不予公开`) when none or several do.
    static func joiningWrappedLabels(_ lines: [PlacedLine]) -> [PlacedLine] {
        var lines = lines
        let rows = lines.indices.filter { lines[$0].isNumericRow }
        guard !rows.isEmpty else { return lines }
        // Fragments: one-cell label lines inside a table, left of its numbers: between two rows of
        // numbers on the same page, each a few lines away, or right under the table's last row in
        // that row's label column. Headings and prose around a table stay as they are.
        func tableNumbersX(near i: Int, cell c: Int) -> Double? {
            let height = lines[i].cells[c].height
            let x0 = lines[i].cells[c].x0
            let before = rows.last { $0 < i }.flatMap { lines[$0].page == lines[i].page ? $0 : nil }
            let after = rows.first { $0 > i }.flatMap { lines[$0].page == lines[i].page ? $0 : nil }
            let nearBefore = before.map { lines[i].y0 - lines[$0].y1 <= 6 * height } ?? false
            let nearAfter = after.map { lines[$0].y0 - lines[i].y1 <= 6 * height } ?? false
            if nearBefore, nearAfter {
                return [before!, after!].compactMap { lines[$0].numbers.map(\.x0).min() }.min()
            }
            // At the table's top or bottom edge: only a line of the label of the row beside it.
            func continues(_ r: Int?, within gap: Double) -> Bool {
                guard let r, gap <= 1.5 * height else { return false }
                // In that row's last label column, or in a column the row has no label in.
                let labels = lines[r].labels
                return labels.last.map { abs($0.x0 - x0) <= 2 } ?? true || labels.allSatisfy { $0.x1 <= x0 + 2 }
            }
            if let b = before, continues(before, within: lines[i].y0 - lines[b].y1) { return lines[b].numbers.map(\.x0).min() }
            if let a = after, continues(after, within: lines[a].y0 - lines[i].y1) { return lines[a].numbers.map(\.x0).min() }
            return nil
        }
        // Items that may belong to one label: the cells of label-only lines left of the numbers
        // (a label's other lines, in any label column), and the label cells of rows.
        struct Item { var line: Int; var cell: Int; var isRow: Bool }
        var items: [Item] = []
        for i in lines.indices {
            if lines[i].isNumericRow {
                for c in lines[i].cells.indices where !lines[i].cells[c].isNumber { items.append(Item(line: i, cell: c, isRow: true)) }
            } else if lines[i].numbers.isEmpty {
                for c in lines[i].cells.indices {
                    if let numbersX = tableNumbersX(near: i, cell: c), lines[i].cells[c].x1 <= numbersX + 1 {
                        items.append(Item(line: i, cell: c, isRow: false))
                    }
                }
            }
        }
        // Blocks: items with the same left edge on the same page, each close below the previous.
        // How close: the lines of one wrapped label follow at the font's leading, cells of
        // different rows further apart (the cells' padding). The smallest gap seen in a column is
        // taken as its leading when it is below a line's height; half as much again is the most
        // a label's lines are apart.
        func column(_ item: Item) -> (page: Int, x: Int) {
            (lines[item.line].page, Int((lines[item.line].cells[item.cell].x0 / 2).rounded()))
        }
        var smallestGap: [String: Double] = [:]
        let byColumn = Dictionary(grouping: items) { "\(column($0).page):\(column($0).x)" }
        for (key, members) in byColumn {
            let cells = members.map { lines[$0.line].cells[$0.cell] }.sorted { $0.y0 < $1.y0 }
            for (a, b) in zip(cells, cells.dropFirst()) where b.y0 - a.y1 > -1 {
                smallestGap[key] = min(smallestGap[key] ?? .infinity, max(0, b.y0 - a.y1))
            }
        }
        func joinable(_ upper: Cell, _ lower: Cell, key: String) -> Bool {
            let gap = lower.y0 - upper.y1
            let height = min(upper.height, lower.height)
            let leading = smallestGap[key] ?? height
            return gap <= min(height, leading < height ? 1.5 * max(leading, 0.5) : height)
        }
        var blocks: [[Item]] = []
        var open: [Int] = []  // indices into blocks that may still grow
        for item in items {
            let cell = lines[item.line].cells[item.cell]
            let page = lines[item.line].page
            let key = "\(column(item).page):\(column(item).x)"
            if let b = open.first(where: { b in
                let last = blocks[b].last!
                let lastCell = lines[last.line].cells[last.cell]
                return lines[last.line].page == page && abs(lastCell.x0 - cell.x0) <= 2
                    && cell.y0 >= lastCell.y0 && joinable(lastCell, cell, key: key)
            }) {
                blocks[b].append(item)
            } else {
                blocks.append([item])
                open.append(blocks.count - 1)
            }
            // A block can grow only while its last item is near.
            open = open.filter { b in
                let last = blocks[b].last!
                return lines[last.line].page == page && cell.y0 - lines[last.line].cells[last.cell].y1 <= 3 * cell.height
            }
        }
        // A row's label and the first or last line of the next row's wrapped label can stand as
        // close as two lines of one label: the pieces beside another row of numbers, one without
        // a label in this column, are that row's, not this one's.
        func besideOtherRow(_ pieces: [Item], than row: Int) -> Bool {
            guard let first = pieces.first else { return false }
            let cells = pieces.map { lines[$0.line].cells[$0.cell] }
            let top = cells.map(\.y0).min()!, bottom = cells.map(\.y1).max()!
            return rows.contains { r in
                r != row && lines[r].page == lines[first.line].page && lines[r].centerY >= top && lines[r].centerY <= bottom
                    && !lines[r].labels.contains { abs($0.x0 - cells[0].x0) <= 2 }
            }
        }
        blocks = blocks.flatMap { block -> [[Item]] in
            guard block.filter(\.isRow).count == 1, let r = block.firstIndex(where: \.isRow) else { return [block] }
            let above = Array(block[..<r]), below = Array(block[(r + 1)...])
            let splitAbove = besideOtherRow(above, than: block[r].line), splitBelow = besideOtherRow(below, than: block[r].line)
            guard splitAbove || splitBelow else { return [block] }
            var parts: [[Item]] = []
            if splitAbove { parts.append(above) }
            parts.append((splitAbove ? [] : above) + [block[r]] + (splitBelow ? [] : below))
            if splitBelow { parts.append(below) }
            return parts
        }
        var consumed = Set<[Int]>()  // [line, cell] of label pieces taken into a row or a group label
        var groupLabels: [PlacedLine] = []
        for var block in blocks where block.contains(where: { !$0.isRow }) {
            // A row whose label starts with its numbering (`5、要求行…`) has no line of its label
            // above it: pieces there end the label before (a row broken across a page, its
            // label's last lines at the top of the next one), and stay lines of their own.
            if let r = block.firstIndex(where: \.isRow), r > 0, block.filter(\.isRow).count == 1,
               startsWithNumbering(lines[block[r].line].cells[block[r].cell].text) {
                block.removeFirst(r)
                guard block.contains(where: { !$0.isRow }) else { continue }
            }
            let rowItems = block.filter(\.isRow)
            let text = block.map { lines[$0.line].cells[$0.cell].text }.joined()
            if rowItems.count == 1 {
                lines[rowItems[0].line].cells[rowItems[0].cell].text = text
                for item in block where !item.isRow { consumed.insert([item.line, item.cell]) }
                continue
            }
            guard rowItems.isEmpty else { continue }
            let cells = block.map { lines[$0.line].cells[$0.cell] }
            let top = cells.map(\.y0).min()!, bottom = cells.map(\.y1).max()!
            let page = lines[block[0].line].page
            // A row of numbers beside the block without a label of its own in this column.
            let beside = rows.filter { r in
                lines[r].page == page && lines[r].centerY >= top && lines[r].centerY <= bottom
                    && !lines[r].labels.contains { abs($0.x0 - cells[0].x0) <= 2 }
            }
            var merged = cells[0]
            merged.text = text
            merged.y1 = bottom
            if beside.count == 1 {
                lines[beside[0]].cells.append(merged)
                lines[beside[0]].cells.sort { $0.x0 < $1.x0 }
            } else {
                groupLabels.append(PlacedLine(page: page, cells: [merged]))
            }
            for item in block { consumed.insert([item.line, item.cell]) }
        }
        var result: [PlacedLine] = []
        for i in lines.indices {
            var line = lines[i]
            line.cells = line.cells.indices.filter { !consumed.contains([i, $0]) }.map { line.cells[$0] }
            if !line.cells.isEmpty { result.append(line) }
        }
        return placing(groupLabels, among: result)
    }

    // MARK: columns

    /// In a run of table rows, the numbers' columns are the x-ranges of the full rows' cells; a row
    /// with fewer numbers gets an empty cell where its column has none, so no number moves left.
    static func aligningNumbers(_ lines: [PlacedLine]) -> [PlacedLine] {
        var lines = lines
        var start = 0
        while start < lines.count {
            guard lines[start].isNumericRow else { start += 1; continue }
            // The run goes on over rows and label lines; a line reaching over the numbers (a
            // sub-table's header, `本年处理决定数量`) starts a new table with its own columns.
            var end = start
            var numbersX = lines[start].numbers.map(\.x0).min() ?? 0
            while end + 1 < lines.count {
                let next = lines[end + 1]
                if next.isNumericRow {
                    numbersX = min(numbersX, next.numbers.map(\.x0).min() ?? numbersX)
                } else if !next.numbers.isEmpty || next.cells.contains(where: { $0.x0 >= numbersX - 1 }) {
                    break
                }
                end += 1
            }
            let run = (start...end).filter { lines[$0].isNumericRow }
            // The columns are those of the table's full rows (the most numbers a row has), the
            // k-th number of each; a stray cell in another row cannot add a column.
            let most = run.map { lines[$0].numbers.count }.max() ?? 0
            var columns: [ClosedRange<Double>] = []
            for r in run where lines[r].numbers.count == most {
                for (k, n) in lines[r].numbers.enumerated() {
                    if k < columns.count {
                        columns[k] = min(columns[k].lowerBound, n.x0)...max(columns[k].upperBound, n.x1)
                    } else {
                        columns.append(n.x0...n.x1)
                    }
                }
            }
            let disjoint = zip(columns, columns.dropFirst()).allSatisfy { $0.upperBound < $1.lowerBound }
            // A line of stray number pieces beside a short row holds what wrapped out of its cells
            // (not joined back): a piece in a column the row leaves empty agrees with the placing;
            // one over a column the row fills, or over none, says the row's numbers are not where
            // the columns put them, and the row stays short rather than a number go to the wrong column.
            func strayPiecesContradict(row r: Int, filling filled: Set<Int>) -> Bool {
                [r - 1, r + 1].contains { s in
                    guard lines.indices.contains(s), lines[s].page == lines[r].page, lines[s].labels.isEmpty,
                          !lines[s].cells.isEmpty, lines[s].cells.count * 2 <= columns.count,
                          lines[s].cells.allSatisfy(isNumberPiece),
                          max(lines[s].y0 - lines[r].y1, lines[r].y0 - lines[s].y1) <= (lines[r].cells.map(\.height).min() ?? 0)
                    else { return false }
                    return lines[s].cells.contains { piece in
                        let under = columns.indices.filter { columns[$0].lowerBound <= piece.x1 && piece.x0 <= columns[$0].upperBound }
                        return under.count != 1 || filled.contains(under[0])
                    }
                }
            }
            if columns.count >= 2, disjoint {
                for r in run where lines[r].numbers.count < columns.count {
                    let numbers = lines[r].numbers
                    let slots = numbers.map { n in columns.firstIndex { $0.lowerBound <= n.x1 && n.x0 <= $0.upperBound } }
                    guard slots.allSatisfy({ $0 != nil }), Set(slots.compactMap { $0 }).count == numbers.count,
                          !strayPiecesContradict(row: r, filling: Set(slots.compactMap { $0 }))
                    else { continue }
                    var filled = [Cell?](repeating: nil, count: columns.count)
                    for (n, slot) in zip(numbers, slots) { filled[slot!] = n }
                    let template = numbers[0]
                    lines[r].cells = lines[r].labels + filled.enumerated().map { c, cell in
                        cell ?? Cell(text: "", x0: columns[c].lowerBound, x1: columns[c].upperBound,
                                     y0: template.y0, y1: template.y1, isNumber: true)
                    }
                }
            }
            start = end + 1
        }
        return lines
    }

}
