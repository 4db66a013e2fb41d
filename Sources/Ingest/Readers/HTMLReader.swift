import CLibXML2
import ReportModel

/// An HTML page to a `Document`, through libxml2's HTML parser (tolerant of real-world markup),
/// walked iteratively — an explicit stack, so deeply nested pages cannot overflow the call stack:
/// - the `<title>` is the first paragraph;
/// - page chrome is dropped: `script`, `style`, `noscript`, `nav`, `header`, `footer`, `aside`,
///   `iframe`, `form` and other non-text elements, elements hidden by `display:none` or `hidden`,
///   and elements whose `id`/`class` names say nav, menu, breadcrumb, footer, header, share,
///   login, toolbar or sidebar;
/// - `<h1>`…`<h6>` are headings, and so is a `<p>` whose text is all bold (`<strong>`, `<b>`);
/// - paragraphs, divs, list items, `<br>` and other blocks break lines, each line a paragraph;
///   white space inside a line collapses to one space;
/// - a data table (one with no table inside) is a grid with its spans (see `HTMLTable`); a layout
///   table (one holding tables) is walked as blocks, so the tables inside it are found in turn.
package struct HTMLReader: DocumentReader {
    package init() {}

    /// The page's document, or nil when libxml2 could not make a document of it.
    package func read(_ text: String) -> Document? {
        guard let document = HTMLText.parse(text) else { return nil }
        defer { xmlFreeDoc(document) }
        return Self.document(of: UnsafeMutableRawPointer(document).assumingMemoryBound(to: xmlNode.self))
    }

    /// A piece of HTML inside another form (a Markdown page's HTML block).
    static func fragment(_ html: String) -> Document? {
        HTMLReader().read(html)
    }

    static let headingLevels: [String: Int] = ["h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6]

    static func document(of root: xmlNodePtr) -> Document {
        var out = LineBuilder()
        var title: String? = nil
        enum Step { case visit(xmlNodePtr), endBlock, endHeading(previous: Int?) }
        var stack: [Step] = [.visit(root)]
        while let step = stack.popLast() {
            if WorkBudget.exhausted { break }  // the driver discards what was made
            let node: xmlNodePtr
            switch step {
            case .visit(let n): node = n
            case .endBlock:
                out.breakLine()
                continue
            case .endHeading(let previous):
                out.breakLine()
                out.headingLevel = previous
                continue
            }
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content { out.append(content) }
                continue
            case XML_ELEMENT_NODE:
                break
            case XML_DOCUMENT_NODE, XML_HTML_DOCUMENT_NODE, XML_DOCUMENT_FRAG_NODE:
                DOM.pushChildren(of: node, onto: &stack) { .visit($0) }
                continue
            default:
                continue  // comments, processing instructions, the doctype
            }
            let name = DOM.name(of: node)
            if name == "title" || name == "head" {
                if title == nil, let t = DOM.first("title", in: node) { title = DOM.cellText(of: t) }
                continue
            }
            if DOM.isChrome(node, name: name) { continue }
            if name == "br" {
                out.breakLine()
                continue
            }
            if name == "table", let (grid, caption) = HTMLTable.grid(of: node) {
                out.breakLine()
                if !caption.isEmpty { out.blocks.append(.paragraph(caption)) }
                if grid.rows.contains(where: { $0.contains { !$0.text.isEmpty } }) { out.blocks.append(.table(grid)) }
                continue
            }
            if let level = headingLevels[name] ?? (name == "p" && DOM.isBoldOnly(node) ? 0 : nil) {
                out.breakLine()
                stack.append(.endHeading(previous: out.headingLevel))
                out.headingLevel = level
            } else if DOM.blocks.contains(name) {
                out.breakLine()
                stack.append(.endBlock)
            }
            DOM.pushChildren(of: node, onto: &stack) { .visit($0) }
        }
        out.breakLine()
        var blocks = out.blocks
        if let title, !title.isEmpty { blocks.insert(.paragraph(title), at: 0) }
        return Document(blocks: blocks)
    }
}

extension DOM {
    /// Whether all the text inside an element is bold (`<strong>`, `<b>`) and there is some: a
    /// paragraph set as a heading.
    static func isBoldOnly(_ node: xmlNodePtr) -> Bool {
        var sawBold = false
        var stack: [(node: xmlNodePtr, bold: Bool)] = []
        pushChildren(of: node, onto: &stack) { ($0, false) }
        while let (n, bold) = stack.popLast() {
            switch n.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                guard let content = n.pointee.content, holdsText(content) else { continue }
                if !bold { return false }
                sawBold = true
            case XML_ELEMENT_NODE:
                let name = name(of: n)
                if name == "table" { return false }
                let inside = bold || name == "strong" || name == "b"
                pushChildren(of: n, onto: &stack) { ($0, inside) }
            default:
                continue
            }
        }
        return sawBold
    }

    /// Whether a text node's content (NUL-terminated UTF-8) holds anything but white space
    /// (ASCII white space, NBSP, U+3000).
    static func holdsText(_ content: UnsafePointer<xmlChar>) -> Bool {
        var p = content
        while p.pointee != 0 {
            switch p.pointee {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0C: p += 1
            case 0xC2 where p[1] == 0xA0: p += 2
            case 0xE3 where p[1] == 0x80 && p[2] == 0x80: p += 3
            default: return true
            }
        }
        return false
    }
}
