import CLibXML2
import Foundation
import ReportModel

/// A data `<table>` as pipe rows, `| a | b | c |`: one line per row, every row with every
/// column, read by table extraction as a grid exactly.
///
/// Merged cells: `rowspan` and `colspan` are expanded so each row has every column. A covered
/// position (not the merged cell's top-left one) repeats the cell's text when that text is a
/// label, and is left empty when it is a number or a missing-value mark:
/// - table extraction anchors rows on labels and reads the values that follow, so a repeated label
///   is harmless (`三、本年度办理结果` down its rows, `（三）不予公开` beside its eight sub-rows) and
///   keeps a row's values in their columns: `一、本年新收…` spanning the three label columns is
///   followed by its seven values, not by two empty cells and five values;
/// - a repeated number would be a duplicated value (`行政许可 | 558794` spanning three measure
///   columns), so numbers are written once.
///
/// A cell's text is all its text (several `<span>`s or `<p>`s are one cell), white space and
/// no-break spaces collapsed; a `&nbsp;`-only cell is empty; `|` inside a cell becomes `｜`.
/// Rows whose cells are all empty are dropped; a `<caption>` is a line above the rows.
enum HTMLTable {
    /// Most columns and rows a span may cover: more is a broken page, not a table.
    static let maxSpan = 200

    struct Cell {
        var text: String
        var rowspan: Int
        var colspan: Int
    }

    /// The pipe rows of a data table; nil for a layout table — one holding tables, one of a single
    /// row or column, or one with a cell of more than 300 characters (a page laid out in a table) —
    /// which is read as blocks instead.
    static func pipeRows(of table: xmlNodePtr) -> [String]? {
        guard let rows = rows(of: table) else { return nil }
        let grid = expand(rows)
        let width = grid.map(\.count).max() ?? 0
        guard grid.count >= 2, width >= 2 else { return nil }
        // (A cell of 300 bytes or fewer has 300 characters or fewer: counting them is rarely needed.)
        if rows.contains(where: { $0.contains { $0.text.utf8.count > 300 && $0.text.count > 300 } }) { return nil }
        let pipeRows: [String] = grid.compactMap { row in
            let cells = row + Array(repeating: "", count: width - row.count)
            guard cells.contains(where: { !$0.isEmpty }) else { return nil }
            return "| " + cells.joined(separator: " | ") + " |"
        }
        // A caption is a line of its own above the rows.
        let caption = DOM.first("caption", in: table).map(DOM.cellText(of:)) ?? ""
        return (caption.isEmpty ? [] : [caption]) + pipeRows
    }

    /// The table's rows of cells in document order; nil when a table is nested inside.
    static func rows(of table: xmlNodePtr) -> [[Cell]]? {
        var rows: [[Cell]] = []
        var stack: [xmlNodePtr] = []
        DOM.pushChildren(of: table, onto: &stack) { $0 }
        while let node = stack.popLast() {
            guard node.pointee.type == XML_ELEMENT_NODE else { continue }
            let name = DOM.name(of: node)
            if name == "table" { return nil }
            if name == "tr" {
                var cells: [Cell] = []
                for child in DOM.children(of: node) where child.pointee.type == XML_ELEMENT_NODE {
                    let cellName = DOM.name(of: child)
                    guard cellName == "td" || cellName == "th" else { continue }
                    let (text, holdsTable) = DOM.cellContent(of: child)
                    if holdsTable { return nil }
                    cells.append(Cell(
                        text: text.containsASCII(UInt8(ascii: "|")) ? text.replacingOccurrences(of: "|", with: "｜") : text,
                        rowspan: span(DOM.attribute("rowspan", of: child)),
                        colspan: span(DOM.attribute("colspan", of: child))))
                }
                rows.append(cells)
                continue
            }
            if DOM.isChrome(node, name: name) { continue }
            DOM.pushChildren(of: node, onto: &stack) { $0 }
        }
        return rows
    }

    /// `rowspan`/`colspan` as a count: 1 when missing or unreadable; `0` (to the end) is read as 1
    /// for columns and as the rest of the table for rows.
    static func span(_ value: String?) -> Int {
        guard let value else { return 1 }
        let digits = value.trimmingSpaceScalars().prefix { $0.isASCII && $0.isNumber }
        guard let n = Int(digits.prefix(6)) else { return 1 }
        return n == 0 ? 0 : min(n, maxSpan)
    }

    /// The grid with merged cells expanded (see the type's comment for what covered cells hold).
    static func expand(_ rows: [[Cell]]) -> [[String]] {
        var grid: [[String?]] = Array(repeating: [], count: rows.count)
        for (r, cells) in rows.enumerated() {
            var c = 0
            for cell in cells {
                while c < grid[r].count, grid[r][c] != nil { c += 1 }
                let rowspan = cell.rowspan == 0 ? rows.count - r : min(cell.rowspan, rows.count - r)
                let colspan = max(cell.colspan, 1)
                // (Only a merged cell covers others: most cells are not read for it.)
                let covered = rowspan * colspan > 1 && isLabel(cell.text) ? cell.text : ""
                for dr in 0..<rowspan {
                    for dc in 0..<colspan {
                        let (rr, cc) = (r + dr, c + dc)
                        if grid[rr].count <= cc { grid[rr] += Array(repeating: nil, count: cc + 1 - grid[rr].count) }
                        // Overlapping spans (broken markup): the first cell keeps its place.
                        if grid[rr][cc] == nil { grid[rr][cc] = dr == 0 && dc == 0 ? cell.text : covered }
                    }
                }
                c += colspan
            }
        }
        return grid.map { $0.map { $0 ?? "" } }
    }

    /// Text that is neither empty, a number (`12`, `668.57万元`, `1,234`), nor a missing-value mark.
    static func isLabel(_ text: String) -> Bool {
        // The common cell, plain digits: a value.
        if !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) { return false }
        // Scalar by scalar (cell text is CJK and ASCII: the same as characters here).
        var t: [Unicode.Scalar] = text.unicodeScalars.filter { !$0.properties.isWhitespace }
        for unit in unitSuffixes where t.count >= unit.count && t.suffix(unit.count).elementsEqual(unit) {
            t.removeLast(unit.count)
            break
        }
        if t.isEmpty || t == ["无"] || t == ["空"] { return false }
        return !t.allSatisfy(isValueScalar)
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
}
