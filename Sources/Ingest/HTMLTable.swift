import SystemBytes
import CLibXML2
import Foundation
import ReportModel

/// A data `<table>` as a `TableGrid`: its rows of cells with their `rowspan` and `colspan` kept
/// (how covered positions are read is `TableGrid.expandedRows`'s rule).
///
/// A cell's text is all its text (several `<span>`s or `<p>`s are one cell), white space and
/// no-break spaces collapsed; a `&nbsp;`-only cell is empty; `|` inside a cell becomes `｜`.
/// A `<caption>` is returned beside the grid (a line above the rows).
enum HTMLTable {
    /// Most columns and rows a span may cover: more is a broken page, not a table.
    static let maxSpan = 200

    typealias Cell = TableGrid.Cell

    /// The grid of a data table and its caption; nil for a layout table — one holding tables, one
    /// of a single row or column, or one with a cell of more than 300 characters (a page laid out
    /// in a table) — which is read as blocks instead.
    static func grid(of table: xmlNodePtr) -> (grid: TableGrid, caption: String)? {
        guard let rows = rows(of: table) else { return nil }
        let grid = TableGrid(rows: rows)
        let expanded = grid.expandedRows(droppingEmptyRows: false)
        guard expanded.count >= 2, (expanded.first?.count ?? 0) >= 2 else { return nil }
        // (A cell of 300 bytes or fewer has 300 characters or fewer: counting them is rarely needed.)
        if rows.contains(where: { $0.contains { $0.text.utf8.count > 300 && $0.text.count > 300 } }) { return nil }
        let caption = DOM.first("caption", in: table).map(DOM.cellText(of:)) ?? ""
        return (grid, caption)
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
                        text.containsASCII(UInt8(ascii: "|")) ? text.replacingOccurrences(of: "|", with: "｜") : text,
                        rowSpan: span(DOM.attribute("rowspan", of: child)),
                        columnSpan: span(DOM.attribute("colspan", of: child))))
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
}
