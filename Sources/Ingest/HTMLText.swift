import SystemBytes
import CLibXML2
import Foundation
import ReportModel

/// HTML pages: telling a page from plain text, and libxml2's parse (the walk into a `Document`
/// is `HTMLReader`'s).
public enum HTMLText {
    /// Whether decoded text is an HTML page rather than plain text.
    public static func looksLikeHTML(_ text: String) -> Bool {
        guard text.containsASCII(UInt8(ascii: "<")) else { return false }  // plain text, quickly
        // The page's head, ASCII lower-cased: 16 KB, at least 4,096 characters of any script.
        // (Bytes, not a String: this runs on every file, and most are not pages.)
        var text = text
        let head: [UInt8] = text.withUTF8 { bytes in
            let n = min(bytes.count, headBytes)
            return [UInt8](unsafeUninitializedCapacity: n) { out, count in
                for i in 0..<n { out[i] = bytes[i] &- 0x41 < 26 ? bytes[i] | 0x20 : bytes[i] }
                count = n
            }
        }
        func holds(_ needles: [[UInt8]]) -> Bool {
            head.withUnsafeBufferPointer { h in needles.contains { n in n.withUnsafeBufferPointer { UTF8Bytes.contains($0, in: h) } } }
        }
        if holds(pageMarks) { return true }
        // The first character that is not white space (nor a BOM) within the head must open a tag.
        var offset = 0
        var opensTag = false
        for scalar in text.unicodeScalars {
            offset += UTF8.width(scalar)
            if offset > headBytes { break }
            if scalar.properties.isWhitespace || scalar == "\u{FEFF}" { continue }
            opensTag = scalar == "<"
            break
        }
        return opensTag && holds(fragmentMarks)
    }

    private static let headBytes = 16_384
    private static let pageMarks = ["<html", "<!doctype html", "<body"].map { Array($0.utf8) }
    private static let fragmentMarks = ["<head", "<meta", "<title", "<table", "<div", "<p>", "<p ", "<span", "<br"].map { Array($0.utf8) }

    /// The page's text as the later stages read it (`Document.text` of `HTMLReader`'s document),
    /// or nil when libxml2 could not make a document of it.
    public static func extract(_ html: String) -> String? {
        HTMLReader().read(html)?.text
    }

    /// libxml2's parse of the page alone, the document freed at once: what the library costs
    /// before any of this stage's own work (the benchmark's dependency floor). False when
    /// libxml2 made no document.
    public static func parseOnly(_ html: String) -> Bool {
        guard let document = parse(html) else { return false }
        xmlFreeDoc(document)
        return true
    }

    static func parse(_ html: String) -> htmlDocPtr? {
        _ = initialized
        var html = html
        return html.withUTF8 { bytes -> htmlDocPtr? in
            guard !bytes.isEmpty, bytes.count < Int(Int32.max) else { return nil }
            // The text is UTF-8 whatever the page's <meta charset> says (it was decoded already),
            // so the encoding is given and the page's own declaration ignored (IGNORE_ENC). HUGE
            // lifts the parser's nesting limit; NONET: no fetching of DTDs or entities.
            return bytes.withMemoryRebound(to: CChar.self) {
                htmlReadMemory($0.baseAddress, Int32($0.count), nil, "UTF-8", parseOptions)
            }
        }
    }

    private static let parseOptions = Int32(bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
        | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
        | HTML_PARSE_COMPACT.rawValue | UInt32(XML_PARSE_HUGE.rawValue))

    /// libxml2 wants one initialisation before parsers run on several threads.
    private static let initialized: Void = { xmlInitParser() }()
}

/// Lines of text with HTML white space collapsed: runs of spaces, tabs and line ends inside a
/// line are one space; a line's ends are trimmed (no-break and ideographic spaces too); empty
/// lines are not kept.
struct LineBuilder {
    var blocks: [Document.Block] = []
    /// The level of the heading being read, nil in body text: each line becomes a heading block.
    var headingLevel: Int? = nil
    private var current: [UInt8] = []
    private var pendingSpace = false

    /// A text node's content (NUL-terminated UTF-8).
    mutating func append(_ text: UnsafePointer<xmlChar>) {
        var p = text
        while p.pointee != 0 {
            let b = p.pointee
            // (ASCII bytes never occur inside a multi-byte character.)
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C {
                pendingSpace = !current.isEmpty
            } else {
                if pendingSpace { current.append(0x20) }
                pendingSpace = false
                current.append(b)
            }
            p += 1
        }
    }

    mutating func breakLine() {
        let line = current.withUnsafeBufferPointer { String(decoding: UTF8WhiteSpace.trimmed($0), as: UTF8.self) }
        if !line.isEmpty { blocks.append(headingLevel.map { .heading(level: $0, text: line) } ?? .paragraph(line)) }
        current.removeAll(keepingCapacity: true)
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
        return lowercased(name)
    }

    /// A tag or attribute name, ASCII lower-cased (libxml2's HTML parser lower-cases them
    /// already: usually a plain copy).
    static func lowercased(_ name: UnsafePointer<xmlChar>) -> String {
        let count = strlen(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self))
        let bytes = UnsafeBufferPointer(start: name, count: count)
        guard bytes.contains(where: { (0x41...0x5A).contains($0) }) else { return String(decoding: bytes, as: UTF8.self) }
        return String(decoding: bytes.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// Whether a libxml2 name equals `name` (lower-case ASCII), ignoring ASCII case.
    static func nameEquals(_ p: UnsafePointer<xmlChar>, _ name: StaticString) -> Bool {
        let count = name.utf8CodeUnitCount
        let expected = name.utf8Start
        for i in 0..<count {
            let b = p[i]
            guard b != 0, (b >= 0x41 && b <= 0x5A ? b | 0x20 : b) == expected[i] else { return false }
        }
        return p[count] == 0
    }

    /// Pushes the node's children onto a stack so that the first child is on top (walked from
    /// the last child back: no array of children is made).
    @inline(__always)
    static func pushChildren<T>(of node: xmlNodePtr, onto stack: inout [T], _ wrap: (xmlNodePtr) -> T) {
        var child = node.pointee.last
        while let c = child {
            stack.append(wrap(c))
            child = c.pointee.prev
        }
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
    static func attribute(_ name: StaticString, of node: xmlNodePtr) -> String? {
        var attr = node.pointee.properties
        while let a = attr {
            if let n = a.pointee.name, nameEquals(n, name) { return value(of: a) }
            attr = a.pointee.next
        }
        return nil
    }

    static func value(of attribute: xmlAttrPtr) -> String {
        var value: [UInt8] = []
        var child = attribute.pointee.children
        while let c = child {
            if let content = c.pointee.content {
                value.append(contentsOf: UnsafeBufferPointer(start: content, count: strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self))))
            }
            child = c.pointee.next
        }
        return String(decoding: value, as: UTF8.self)
    }

    static func isChrome(_ node: xmlNodePtr, name: String) -> Bool {
        if chromeElements.contains(name) { return true }
        // The attributes that matter, in one pass (most elements have none).
        var style: String?
        var id: String?
        var className: String?
        var attr = node.pointee.properties
        while let a = attr {
            if let n = a.pointee.name {
                if nameEquals(n, "hidden") { return true }
                if style == nil, nameEquals(n, "style") { style = value(of: a) }
                if id == nil, nameEquals(n, "id") { id = value(of: a) }
                if className == nil, nameEquals(n, "class") { className = value(of: a) }
            }
            attr = a.pointee.next
        }
        // (Most elements of these pages carry a font style: it is read only when it says none or hidden.)
        if let style, mentionsHiding(style), case let folded = style.lowercased().removingWhitespace(),
           folded.containsUTF8("display:none") || folded.containsUTF8("visibility:hidden") {
            return true
        }
        if tableParts.contains(name) { return false }
        let names = [id, className].compactMap { $0?.lowercased() }
        for part in names.flatMap({ $0.split(whereSeparator: { $0.isWhitespace || $0 == "-" || $0 == "_" }) }) {
            if chromeWords.contains(where: { part == $0 || part.hasPrefix($0) || part.hasSuffix($0) }) { return true }
        }
        return false
    }

    /// Whether the text holds `none` or `hidden` in any ASCII case.
    static func mentionsHiding(_ style: String) -> Bool {
        var window: UInt64 = 0  // the last eight bytes, ASCII lower-cased
        for byte in style.utf8 {
            window = window << 8 | UInt64((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)
            if window & 0xFFFF_FFFF == 0x6E6F_6E65 { return true }  // "none"
            if window & 0xFFFF_FFFF_FFFF == 0x6869_6464_656E { return true }  // "hidden"
        }
        return false
    }

    /// The element itself or the first element below it with that name, in document order.
    static func first(_ name: String, in node: xmlNodePtr) -> xmlNodePtr? {
        var stack = [node]
        while let n = stack.popLast() {
            if n.pointee.type == XML_ELEMENT_NODE, Self.name(of: n) == name { return n }
            pushChildren(of: n, onto: &stack) { $0 }
        }
        return nil
    }

    /// All the text inside an element as one line: white space (no-break spaces too) collapsed,
    /// line breaks and blocks inside it a space, chrome elements left out.
    static func cellText(of node: xmlNodePtr) -> String {
        cellContent(of: node).text
    }

    /// A cell's text (see `cellText`) and whether a table is nested in it, in one walk.
    static func cellContent(of node: xmlNodePtr) -> (text: String, holdsTable: Bool) {
        var holdsTable = false
        var bytes: [UInt8] = []
        // nil: the end of a block, a space.
        var stack: [xmlNodePtr?] = []
        pushChildren(of: node, onto: &stack) { $0 }
        while let top = stack.popLast() {
            guard let n = top else {
                bytes.append(0x20)
                continue
            }
            switch n.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = n.pointee.content {
                    bytes.append(contentsOf: UnsafeBufferPointer(
                        start: content, count: strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self))))
                }
            case XML_ELEMENT_NODE:
                let name = name(of: n)
                if name == "table" { holdsTable = true }
                if isChrome(n, name: name) {
                    // (A table inside left-out chrome still makes this a layout cell.)
                    if !holdsTable, first("table", in: n) != nil { holdsTable = true }
                    continue
                }
                if name == "br" || blocks.contains(name) {
                    bytes.append(0x20)
                    stack.append(nil)
                }
                pushChildren(of: n, onto: &stack) { $0 }
            default:
                continue
            }
        }
        return (String(decoding: bytes.withUnsafeBufferPointer { UTF8WhiteSpace.folded($0, keepOne: true) }, as: UTF8.self),
                holdsTable)
    }
}
