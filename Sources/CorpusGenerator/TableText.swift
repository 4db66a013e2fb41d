import Foundation
import ReportModel

/// Writes a table's rows of cells out as text in one layout, or as an HTML `<table>`.
///
/// Where a layout cannot show an empty cell, the cell is written as `—` (also missing): between
/// runs of spaces, as the very last cell one per line (trailing blank lines are lost), and as the
/// first cell of an `a | b |` row (its leading pipe would read as the optional opening pipe).
struct TableText {
    var layout: TableLayout
    var style: TableStyle

    func write(_ rows: [[String]]) -> String {
        var rng = SplitMix64(seed: style.seed ^ 0xA5A5)
        switch layout {
        case .cellPerLine:
            return cellPerLine(rows.flatMap { $0 })
        case .pipe:
            return rows.map { row in
                var cells = row
                if cells.first == "" { cells[0] = "—" }
                var line = cells.joined(separator: " | ") + " |"
                if style.junk { line += " " + String(repeating: "|", count: rng.int(1...8)) }
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
        case .tabPadded:
            return PaddedTab.write(rows)
        case .pdf:
            return PDFLayout(seed: style.seed).write(rows)
        case .spaces:
            return rows.map { row in
                let gap = String(repeating: " ", count: rng.int(2...4))
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

    /// A `<table>` as content-management systems write them: a row per `<tr>`, a short row's
    /// last cell spanning the rest, non-breaking spaces as entities.
    static func html(_ rows: [[String]], style: TableStyle) -> String {
        if style.disagreeingSpans, rows.contains(where: { $0.first == "信息内容" }) { return DisagreeingSpans.html(rows) }
        return html(rows)
    }

    static func html(_ rows: [[String]]) -> String {
        let width = rows.map(\.count).max() ?? 0
        var out = "<table border=\"1\" cellspacing=\"0\" cellpadding=\"0\" style=\"border-collapse:collapse\">\n<tbody>\n"
        for row in rows {
            out += "<tr>"
            for (i, cell) in row.enumerated() {
                let span = i == row.count - 1 && row.count < width ? " colspan=\"\(width - row.count + 1)\"" : ""
                out += "<td\(span)><p style=\"text-align:center\">\(escape(cell))</p></td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>"
    }

    /// Element content as the pages the generator imitates write it: no-break spaces as `&nbsp;`.
    static func escape(_ text: String) -> String {
        MarkupText.escaped(text, quotes: false).replacingOccurrences(of: "\u{00A0}", with: "&nbsp;")
    }
}
