import CLibXML2
import Foundation
import ReportModel

/// Stage 1b: an HTML page to the plain text the later stages read.
///
/// Parsed with libxml2's HTML parser (tolerant of real-world markup), then walked iteratively —
/// an explicit stack, so deeply nested pages cannot overflow the call stack:
/// - the `<title>` is the first line;
/// - page chrome is dropped: `script`, `style`, `noscript`, `nav`, `header`, `footer`, `aside`,
///   `iframe`, `form` and other non-text elements, elements hidden by `display:none` or `hidden`,
///   and elements whose `id`/`class` names say nav, menu, breadcrumb, footer, header, share,
///   login, toolbar or sidebar;
/// - paragraphs, headings, divs, list items, `<br>` and other blocks break lines; white space
///   inside a line collapses to one space;
/// - a data table (one with no table inside) becomes pipe rows, `| a | b | c |`, one line per
///   row with every column (see `HTMLTable`); a layout table (one holding tables) is walked as
///   blocks, so the tables inside it are found in turn.
public enum HTMLText {
    /// Whether decoded text is an HTML page rather than plain text.
    public static func looksLikeHTML(_ text: String) -> Bool {
        guard text.utf8.contains(UInt8(ascii: "<")) else { return false }  // plain text, quickly
        let head = text.prefix(4096).lowercased()
        if head.contains("<html") || head.contains("<!doctype html") || head.contains("<body") { return true }
        let start = head.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        guard start.hasPrefix("<") else { return false }
        return ["<head", "<meta", "<title", "<table", "<div", "<p>", "<p ", "<span", "<br"].contains { head.contains($0) }
    }

    /// The page's text, or nil when libxml2 could not make a document of it.
    public static func extract(_ html: String) -> String? {
        _ = initialized
        let bytes = Array(html.utf8)
        guard !bytes.isEmpty, bytes.count < Int(Int32.max) else { return nil }
        let options = Int32(bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
            | HTML_PARSE_COMPACT.rawValue | UInt32(XML_PARSE_HUGE.rawValue))
        // The text is UTF-8 whatever the page's <meta charset> says (it was decoded already), so the
        // encoding is given and the page's own declaration ignored (IGNORE_ENC). HUGE lifts the
        // parser's nesting limit; NONET: no fetching of DTDs or entities.
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                htmlReadMemory($0.baseAddress, Int32($0.count), nil, "UTF-8", options)
            }
        }
        guard let document else { return nil }
        defer { xmlFreeDoc(document) }
        return text(of: UnsafeMutableRawPointer(document).assumingMemoryBound(to: xmlNode.self))
    }

    /// libxml2 wants one initialisation before parsers run on several threads.
    private static let initialized: Void = { xmlInitParser() }()

    static func text(of root: xmlNodePtr) -> String {
        var out = LineBuilder()
        var title: String? = nil
        enum Step { case visit(xmlNodePtr), endBlock }
        var stack: [Step] = [.visit(root)]
        while let step = stack.popLast() {
            guard case .visit(let node) = step else {
                out.breakLine()
                continue
            }
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content { out.append(String(cString: content)) }
                continue
            case XML_ELEMENT_NODE:
                break
            case XML_DOCUMENT_NODE, XML_HTML_DOCUMENT_NODE, XML_DOCUMENT_FRAG_NODE:
                stack.append(contentsOf: DOM.children(of: node).reversed().map { .visit($0) })
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
            if name == "table", let rows = HTMLTable.pipeRows(of: node) {
                out.breakLine()
                for row in rows { out.lines.append(row) }
                continue
            }
            let block = DOM.blocks.contains(name)
            if block {
                out.breakLine()
                stack.append(.endBlock)
            }
            stack.append(contentsOf: DOM.children(of: node).reversed().map { .visit($0) })
        }
        out.breakLine()
        var lines = out.lines
        if let title, !title.isEmpty { lines.insert(title, at: 0) }
        return lines.joined(separator: "\n")
    }
}

/// Lines of text with HTML white space collapsed: runs of spaces, tabs and line ends inside a
/// line are one space; a line's ends are trimmed (no-break and ideographic spaces too); empty
/// lines are not kept.
struct LineBuilder {
    var lines: [String] = []
    private var current = String.UnicodeScalarView()
    private var pendingSpace = false

    mutating func append(_ text: String) {
        for s in text.unicodeScalars {
            if s == " " || s == "\t" || s == "\n" || s == "\r" || s == "\u{0C}" {
                pendingSpace = !current.isEmpty
            } else {
                if pendingSpace { current.append(" ") }
                pendingSpace = false
                current.append(s)
            }
        }
    }

    mutating func breakLine() {
        let line = String(current).trimmingCharacters(in: .whitespacesAndNewlines)
        if !line.isEmpty { lines.append(line) }
        current = String.UnicodeScalarView()
        pendingSpace = false
    }
}

/// Small helpers over libxml2's tree.
enum DOM {
    static let blocks: Set<String> = [
        "html", "body", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
        "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "section", "article", "main",
        "blockquote", "pre", "address", "center", "hr", "figure", "figcaption", "fieldset", "details",
        "summary", "legend",
    ]
    /// Never text of the report.
    static let chromeElements: Set<String> = [
        "head", "script", "style", "noscript", "nav", "header", "footer", "aside", "iframe", "frame",
        "frameset", "form", "select", "option", "button", "input", "textarea", "svg", "object", "embed",
        "canvas", "audio", "video", "template", "map", "noframes", "link", "meta",
    ]
    /// `id`/`class` words of page chrome, matched against each name part (split at `-` and `_`)
    /// as the whole part, its start or its end: `navbar`, `topnav`, `breadcrumbs`, `site-footer`.
    static let chromeWords = ["nav", "menu", "breadcrumb", "crumb", "footer", "header", "share", "bdshare",
                              "login", "toolbar", "sidebar"]
    /// Table parts keep their content whatever their class says (`<td class="header">`).
    static let tableParts: Set<String> = ["table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
                                          "html", "body", "main", "article"]

    static func name(of node: xmlNodePtr) -> String {
        guard let name = node.pointee.name else { return "" }
        return String(cString: name).lowercased()
    }

    static func children(of node: xmlNodePtr) -> [xmlNodePtr] {
        var out: [xmlNodePtr] = []
        var child = node.pointee.children
        while let c = child {
            out.append(c)
            child = c.pointee.next
        }
        return out
    }

    /// An attribute's value (without allocating through libxml2).
    static func attribute(_ name: String, of node: xmlNodePtr) -> String? {
        var attr = node.pointee.properties
        while let a = attr {
            if let n = a.pointee.name, String(cString: n).lowercased() == name {
                var value = ""
                var child = a.pointee.children
                while let c = child {
                    if let content = c.pointee.content { value += String(cString: content) }
                    child = c.pointee.next
                }
                return value
            }
            attr = a.pointee.next
        }
        return nil
    }

    static func isChrome(_ node: xmlNodePtr, name: String) -> Bool {
        if chromeElements.contains(name) { return true }
        if attribute("hidden", of: node) != nil { return true }
        if let style = attribute("style", of: node)?.lowercased().removingWhitespace(),
           style.containsUTF8("display:none") || style.containsUTF8("visibility:hidden") {
            return true
        }
        if tableParts.contains(name) { return false }
        let names = [attribute("id", of: node), attribute("class", of: node)].compactMap { $0?.lowercased() }
        for part in names.flatMap({ $0.split(whereSeparator: { $0.isWhitespace || $0 == "-" || $0 == "_" }) }) {
            if chromeWords.contains(where: { part == $0 || part.hasPrefix($0) || part.hasSuffix($0) }) { return true }
        }
        return false
    }

    /// The element itself or the first element below it with that name, in document order.
    static func first(_ name: String, in node: xmlNodePtr) -> xmlNodePtr? {
        var stack = [node]
        while let n = stack.popLast() {
            if n.pointee.type == XML_ELEMENT_NODE, Self.name(of: n) == name { return n }
            stack.append(contentsOf: children(of: n).reversed())
        }
        return nil
    }

    /// All the text inside an element as one line: white space (no-break spaces too) collapsed,
    /// line breaks and blocks inside it a space, chrome elements left out.
    static func cellText(of node: xmlNodePtr) -> String {
        var parts: [String] = []
        // nil: the end of a block, a space.
        var stack: [xmlNodePtr?] = children(of: node).reversed()
        while let top = stack.popLast() {
            guard let n = top else {
                parts.append(" ")
                continue
            }
            switch n.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = n.pointee.content { parts.append(String(cString: content)) }
            case XML_ELEMENT_NODE:
                let name = name(of: n)
                if isChrome(n, name: name) { continue }
                if name == "br" || blocks.contains(name) {
                    parts.append(" ")
                    stack.append(nil)
                }
                stack.append(contentsOf: children(of: n).reversed().map { Optional($0) })
            default:
                continue
            }
        }
        return parts.joined().collapsingWhitespace()
    }
}
