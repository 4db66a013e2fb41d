import SystemBytes
import CCmarkGFM
import ReportModel

/// A Markdown page to a `Document`, parsed by cmark-gfm (GitHub's reference implementation) with
/// its table, strikethrough and autolink extensions:
/// - ATX (`#`…`######`) and setext headings are headings; a paragraph that is bold only
///   (`**二、主动公开政府信息情况**`, also when text follows on its next line) is a heading of level 0;
/// - GFM tables, with or without outer pipes, are grids; `<br>` in a cell is a line break in it;
/// - links and images are their text; code blocks their lines; an HTML block is read by the
///   HTML reader (a `<table>` pasted into the page becomes a grid);
/// - lists and block quotes give their paragraphs.
package struct MarkdownReader: DocumentReader {
    package init() {}

    package func read(_ text: String) -> Document? {
        guard let root = Self.parse(text) else { return nil }
        defer { cmark_node_free(root) }
        var blocks: [Document.Block] = []
        let lines = text.linesSplitAtLF()
        appendBlocks(of: root, lines: lines, to: &blocks)
        return Document(blocks: blocks)
    }

    /// cmark-gfm's parse of the page alone, the tree freed at once: what the library costs before
    /// any of this reader's own work (the benchmark's dependency floor).
    package static func parseOnly(_ text: String) -> Bool {
        guard let root = parse(text) else { return false }
        cmark_node_free(root)
        return true
    }

    /// The page's tree (the caller frees it), with the table, strikethrough and autolink extensions.
    private static func parse(_ text: String) -> OpaquePointer? {
        _ = registered
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return nil }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink"] {
            if let extension_ = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, extension_) }
        }
        var text = text
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
        return cmark_parser_finish(parser)
    }

    /// Whether two or more section headings are written in Markdown's markup, as ATX headings
    /// (`## 二、主动公开…`, `## Ⅱ、…`, `## 第二部分 …`) or bold paragraphs (`**三、收到和处理…**`): Markdown, whatever the file's
    /// name. (Plain text's headings are bare lines; one marked line may be a stray.)
    package static func headsSectionsInMarkup(_ text: String) -> Bool {
        guard text.containsASCII(UInt8(ascii: "#")) || text.containsUTF8("**") else { return false }
        var found = 0
        for line in text.linesSplitAtLF() {
            // (A CRLF line keeps its carriage return: the bold heading's `**` is before it.)
            var rest = (line.last == "\r" ? line.dropLast() : line).drop { $0 == " " || $0 == "\t" }
            if rest.hasPrefix("#") {
                let marks = rest.prefix { $0 == "#" }.count
                guard marks <= 6 else { continue }
                rest = rest.dropFirst(marks)
                guard rest.first == " " || rest.first == "\t" else { continue }
                rest = rest.drop { $0 == " " || $0 == "\t" }
                // An ATX heading is markup whatever it says (`## 概述`: headings without numerals).
                if !rest.isEmpty {
                    found += 1
                    if found >= 2 { return true }
                }
                continue
            } else if rest.hasPrefix("**") {
                rest = rest.dropFirst(2)
                guard rest.trimmingSpaceScalars().hasSuffix("**") else { continue }
            } else {
                continue
            }
            guard opensNumberedHeading(rest) else { continue }
            found += 1
            if found >= 2 { return true }
        }
        return false
    }

    /// A section heading's numbering, 一 … 六 in any form (`HeadingNumbering`).
    static func opensNumberedHeading(_ text: Substring) -> Bool { HeadingNumbering.sectionNumber(of: text) != nil }

    /// The extensions register themselves once per process.
    private static let registered: Void = { cmark_gfm_core_extensions_ensure_registered() }()

    /// `lines`: the source's lines, to tell a table's rows written with pipes from the lines of
    /// text GFM runs into the table when no blank line follows it.
    private func appendBlocks(of parent: OpaquePointer, lines: [Substring], to blocks: inout [Document.Block]) {
        var child = cmark_node_first_child(parent)
        var previousEnd: Int32? = nil
        while let node = child {
            defer {
                previousEnd = cmark_node_get_end_line(node)
                child = cmark_node_next(node)
            }
            // The blank lines between two paragraphs are kept at the end of the first, as plain
            // text keeps them: a table flattened one cell per line shows an empty cell only as an
            // extra blank line.
            if let end = previousEnd, cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH,
               case .paragraph(let text)? = blocks.last, case let blank = Int(cmark_node_get_start_line(node) - end) - 1,
               blank > 0 {
                blocks[blocks.count - 1] = .paragraph(text + String(repeating: "\n", count: blank))
            }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING:
                let text = Self.inlineText(of: node).trimmingSpaceScalars()
                if !text.isEmpty { blocks.append(.heading(level: Int(cmark_node_get_heading_level(node)), text: text)) }
            case CMARK_NODE_PARAGRAPH:
                appendParagraph(node, to: &blocks)
            case CMARK_NODE_CODE_BLOCK:
                if let literal = cmark_node_get_literal(node) {
                    let text = String(cString: literal)
                    blocks.append(.paragraph(text.hasSuffix("\n") ? String(text.dropLast()) : text))
                }
            case CMARK_NODE_HTML_BLOCK:
                if let literal = cmark_node_get_literal(node),
                   let document = HTMLReader.fragment(String(cString: literal)) {
                    blocks += document.blocks
                }
            case CMARK_NODE_THEMATIC_BREAK:
                break
            default:
                if Self.typeName(node) == "table" {
                    let (grid, after) = table(node, lines: lines)
                    if let grid { blocks.append(.table(grid)) }
                    if !after.isEmpty { blocks.append(.paragraph(after.joined(separator: "\n"))) }
                } else {
                    appendBlocks(of: node, lines: lines, to: &blocks)  // lists, items, block quotes
                }
            }
        }
    }

    /// A paragraph, or a heading when it opens with bold text alone on its line.
    private func appendParagraph(_ node: OpaquePointer, to blocks: inout [Document.Block]) {
        // (Leading white space is not a text node: cmark strips it.)
        if let first = cmark_node_first_child(node), cmark_node_get_type(first) == CMARK_NODE_STRONG {
            let next = cmark_node_next(first)
            let nextType = next.map(cmark_node_get_type)
            if next == nil || nextType == CMARK_NODE_SOFTBREAK || nextType == CMARK_NODE_LINEBREAK {
                let heading = Self.inlineText(of: first).trimmingSpaceScalars()
                if !heading.isEmpty, !heading.containsASCII(0x0A) {
                    blocks.append(.heading(level: 0, text: heading))
                    var rest = ""
                    var sibling = next.flatMap(cmark_node_next)
                    while let s = sibling {
                        Self.appendInline(s, to: &rest)
                        sibling = cmark_node_next(s)
                    }
                    let body = rest.trimmingSpaceScalars()
                    if !body.isEmpty { blocks.append(.paragraph(body)) }
                    return
                }
            }
        }
        let text = Self.inlineText(of: node).trimmingSpaceScalars()
        if !text.isEmpty { blocks.append(.paragraph(text)) }
    }

    /// The table's grid, and the lines GFM took for rows though they hold no pipe: a table runs
    /// to the next blank line, so a heading or a sentence right under it (`三、收到和处理…`)
    /// would be a row. From the first such line on, the rows are lines of text again.
    private func table(_ node: OpaquePointer, lines: [Substring]) -> (grid: TableGrid?, after: [String]) {
        var rows: [[TableGrid.Cell]] = []
        var after: [String] = []
        var ended = false
        var row = cmark_node_first_child(node)
        while let r = row {
            defer { row = cmark_node_next(r) }
            let line = Int(cmark_node_get_start_line(r)) - 1
            // (The header row is a row whatever its line; cmark-gfm misplaces its line number when
            // the table interrupts a paragraph.)
            if !ended, !rows.isEmpty, lines.indices.contains(line), !lines[line].containsASCII(UInt8(ascii: "|")) {
                ended = true
            }
            if ended {
                let text = Self.inlineText(of: r).trimmingSpaceScalars()
                if !text.isEmpty { after.append(text) }
                continue
            }
            var cells = Self.cells(of: r)
            // GFM cuts a row to its header's width; real pages have header rows narrower than their
            // data rows (a merged header cell written once), so a longer row is read again at its
            // own width.
            if !rows.isEmpty, lines.indices.contains(line), case let count = Self.cellCount(lines[line]),
               count > cells.count, let wider = Self.rowCells(String(lines[line]), count: count) {
                cells = wider
            }
            rows.append(cells)
        }
        return (rows.isEmpty ? nil : TableGrid(rows: rows), after)
    }

    private static func cells(of row: OpaquePointer) -> [TableGrid.Cell] {
        var cells: [TableGrid.Cell] = []
        var cell = cmark_node_first_child(row)
        while let c = cell {
            cells.append(TableGrid.Cell(inlineText(of: c).trimmingSpaceScalars()))
            cell = cmark_node_next(c)
        }
        return cells
    }

    /// The cells a table row's line holds: its unescaped pipes, less the optional outer ones.
    static func cellCount(_ line: Substring) -> Int {
        let bytes = Array(line.utf8)
        var start = 0, end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D { end -= 1 }
        guard start < end else { return 0 }
        var pipes = 0
        var escaped = false
        var first = -1, last = -1
        for i in start..<end {
            if escaped { escaped = false; continue }
            if bytes[i] == UInt8(ascii: "\\") { escaped = true; continue }
            if bytes[i] == UInt8(ascii: "|") {
                pipes += 1
                if first < 0 { first = i }
                last = i
            }
        }
        var count = pipes + 1
        if first == start { count -= 1 }
        if last == end - 1, end - 1 != start { count -= 1 }
        return count
    }

    /// A row's line read as the header row of a table of `count` columns: its cells at full width.
    static func rowCells(_ line: String, count: Int) -> [TableGrid.Cell]? {
        let rule = "|" + String(repeating: " --- |", count: count)
        guard let root = parse(line + "\n" + rule + "\n") else { return nil }
        defer { cmark_node_free(root) }
        guard let table = cmark_node_first_child(root), typeName(table) == "table",
              let header = cmark_node_first_child(table) else { return nil }
        let cells = cells(of: header)
        return cells.count == count ? cells : nil
    }

    private static func typeName(_ node: OpaquePointer) -> String {
        cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
    }

    /// The text of an inline container: line breaks (soft, hard and `<br>`) as `\n`, links and
    /// images as their text, other inline HTML left out.
    static func inlineText(of node: OpaquePointer) -> String {
        var out = ""
        var child = cmark_node_first_child(node)
        while let c = child {
            appendInline(c, to: &out)
            child = cmark_node_next(c)
        }
        return out
    }

    static func appendInline(_ node: OpaquePointer, to out: inout String) {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE:
            if let literal = cmark_node_get_literal(node) { out += String(cString: literal) }
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
            out += "\n"
        case CMARK_NODE_HTML_INLINE:
            if let literal = cmark_node_get_literal(node), isLineBreakTag(String(cString: literal)) { out += "\n" }
        default:
            var child = cmark_node_first_child(node)
            while let c = child {
                appendInline(c, to: &out)
                child = cmark_node_next(c)
            }
        }
    }

    /// `<br>`, `<br/>`, `<BR />`.
    static func isLineBreakTag(_ tag: String) -> Bool {
        let folded = tag.lowercased().filter { !$0.isWhitespace }
        return folded == "<br>" || folded == "<br/>"
    }
}
