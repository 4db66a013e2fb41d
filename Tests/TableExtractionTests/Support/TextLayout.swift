/// Writes a table's rows of cells out as text in one layout.
///
/// Where a layout cannot show an empty cell, the cell is written as `—` (also missing): between
/// runs of spaces, as the very last cell one per line (trailing blank lines are lost), and as the
/// first cell of an `a | b |` row (its leading pipe would read as the optional opening pipe).
struct TextLayout {
    var layout: Layout
    var style: RenderStyle

    func write(_ rows: [[String]]) -> String {
        var rng = SplitMix(seed: style.seed ^ 0xA5A5)
        switch layout {
        case .cellPerLine:
            return cellPerLine(rows.flatMap { $0 })
        case .pipe:
            return rows.map { row in
                var cells = row
                if cells.first == "" { cells[0] = "—" }
                var line = cells.joined(separator: " | ") + " |"
                if style.junk { line += " " + String(repeating: "|", count: Int.random(in: 1...8, using: &rng)) }
                return line
            }.joined(separator: "\n")
        case .markdown:
            let width = rows.map(\.count).max() ?? 0
            var lines: [String] = []
            for (i, row) in rows.enumerated() {
                let cells = row + Array(repeating: "", count: width - row.count)
                lines.append("| " + cells.joined(separator: " | ") + " |")
                if i == 0 { lines.append("|" + String(repeating: "---|", count: width)) }
            }
            return lines.joined(separator: "\n")
        case .tab:
            return rows.map { $0.joined(separator: "\t") }.joined(separator: "\n")
        case .spaces:
            return rows.map { row in
                let gap = String(repeating: " ", count: Int.random(in: 2...4, using: &rng))
                return row.map { $0.isEmpty ? "—" : $0 }.joined(separator: gap)
            }.joined(separator: "\n")
        }
    }

    /// One cell per line, `style.blankLines` blank lines between cells, one more per empty cell.
    private func cellPerLine(_ cells: [String]) -> String {
        var cells = cells
        if let last = cells.lastIndex(where: { !$0.isEmpty }) {
            for i in cells.indices where i > last { cells[i] = "—" }
        }
        var lines: [String] = []
        var pendingEmpty = 0
        for cell in cells {
            if cell.isEmpty {
                pendingEmpty += 1
                continue
            }
            if !lines.isEmpty { lines += Array(repeating: "", count: style.blankLines + pendingEmpty) }
            lines.append(style.indent + cell)
            pendingEmpty = 0
        }
        return lines.joined(separator: "\n")
    }
}
