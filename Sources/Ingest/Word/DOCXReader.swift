import CLibXML2
import Foundation
import ZIPFoundation

/// Stage 1 for Word files (`.docx`): `word/document.xml` read with libxml2 out of the ZIP archive
/// (ZIPFoundation). Paragraphs become lines; tables become rows of cells on the grid Word lays
/// them on: a cell spanning columns (`w:gridSpan`) or continued down rows (`w:vMerge`) repeats its
/// label in every position it covers, as a reader sees it; a number is never repeated.
public enum DOCXReader {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case broken(String)
        case tooLarge(Int)

        public var code: String {
            switch self {
            case .broken: "broken_docx"
            case .tooLarge: "too_complex"
            }
        }

        public var description: String {
            switch self {
            case .broken(let why): "the Word file could not be read: \(why)"
            case .tooLarge(let bytes): "word/document.xml unpacks to \(bytes) bytes, more than the limit"
            }
        }
    }

    /// The most `word/document.xml` may unpack to: a guard against ZIP bombs.
    static let maxDocumentBytes = 64 << 20

    /// A ZIP archive (`PK\3\4`) of an Office document: its first entries name `[Content_Types].xml`
    /// or `word/` (a damaged one is still told apart from other archives).
    public static func looksLikeDOCX(_ data: Data) -> Bool {
        guard data.starts(with: [0x50, 0x4B, 0x03, 0x04]) else { return false }
        let head = data.prefix(8192)
        return head.range(of: Data("[Content_Types].xml".utf8)) != nil || head.range(of: Data("word/".utf8)) != nil
    }

    public static func read(_ data: Data) -> Result<[LaidOutLine], Failure> {
        let xml: Data
        do {
            let archive = try Archive(data: data, accessMode: .read)
            guard let entry = archive["word/document.xml"] else { return .failure(.broken("no word/document.xml")) }
            guard entry.uncompressedSize <= UInt64(maxDocumentBytes) else { return .failure(.tooLarge(Int(entry.uncompressedSize))) }
            var collected = Data()
            _ = try archive.extract(entry) { piece in
                collected.append(piece)
                if collected.count > maxDocumentBytes { throw Failure.tooLarge(collected.count) }
            }
            xml = collected
        } catch let failure as Failure {
            return .failure(failure)
        } catch {
            return .failure(.broken("\(error)"))
        }
        return lines(documentXML: xml)
    }

    /// The lines of `word/document.xml`: paragraphs as text, table rows as cells.
    static func lines(documentXML xml: Data) -> Result<[LaidOutLine], Failure> {
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOBLANKS.rawValue | XML_PARSE_HUGE.rawValue | XML_PARSE_NOERROR.rawValue
                            | XML_PARSE_NOWARNING.rawValue)
        guard let document = xml.withUnsafeBytes({ raw in
            xmlReadMemory(raw.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(raw.count), "document.xml", "UTF-8", options)
        }) else { return .failure(.broken("word/document.xml is not well-formed XML")) }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document), let body = children(of: root).first(where: { name(of: $0) == "body" })
        else { return .failure(.broken("no document body")) }
        var lines: [LaidOutLine] = []
        blocks(in: body, into: &lines)
        return .success(lines)
    }

    /// Paragraphs and tables in document order; content controls, insertions and the like are
    /// looked into.
    static func blocks(in node: xmlNodePtr, into lines: inout [LaidOutLine]) {
        for child in children(of: node) {
            switch name(of: child) {
            case "p":
                // An empty paragraph stays an empty line: text laid out one cell per line marks an
                // empty cell by one.
                let text = paragraphText(child).trimmingCharacters(in: .whitespaces)
                lines += text.split(separator: "\n", omittingEmptySubsequences: false).map { .text(String($0)) }
            case "tbl":
                lines += table(child).map { .row($0) }
            case "sdt", "sdtContent", "ins", "customXml", "smartTag":
                blocks(in: child, into: &lines)
            default:
                break
            }
        }
    }

    /// The text of a paragraph's runs: `w:t`, tabs and breaks; deleted text is not there (`w:delText`).
    static func paragraphText(_ node: xmlNodePtr) -> String {
        var text = ""
        var stack = children(of: node).reversed() as [xmlNodePtr]
        while let current = stack.popLast() {
            switch name(of: current) {
            case "t": text += content(of: current)
            case "tab": text += " "
            case "br", "cr": text += "\n"
            case "del", "delText", "pPr", "rPr", "instrText": continue
            default: stack += children(of: current).reversed()
            }
        }
        return text
    }

    /// A table's rows on its grid, spans expanded.
    static func table(_ node: xmlNodePtr) -> [[String]] {
        var rows: [[String]] = []
        /// The text of the cell a vertical merge started, by grid column.
        var mergeOrigin: [Int: String] = [:]
        for tr in unwrapped(node) where name(of: tr) == "tr" {
            var row: [String] = []
            let trPr = children(of: tr).first { name(of: $0) == "trPr" }
            // A row deleted with changes tracked is no row of the document.
            if let trPr, children(of: trPr).contains(where: { name(of: $0) == "del" }) { continue }
            if let trPr,
               let before = children(of: trPr).first(where: { name(of: $0) == "gridBefore" }),
               let n = attribute("val", of: before).flatMap(Int.init) {
                row += Array(repeating: "", count: min(n, 64))
            }
            for tc in unwrapped(tr) where name(of: tc) == "tc" {
                let properties = children(of: tc).first { name(of: $0) == "tcPr" }
                let span = properties.flatMap { p in children(of: p).first { name(of: $0) == "gridSpan" } }
                    .flatMap { attribute("val", of: $0) }.flatMap(Int.init).map { max(1, min($0, 64)) } ?? 1
                let merge = properties.flatMap { p in children(of: p).first { name(of: $0) == "vMerge" } }
                var text = unwrapped(tc).filter { name(of: $0) == "p" }.map(paragraphText).joined()
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                // Nested tables: their text, in the cell.
                for nested in unwrapped(tc) where name(of: nested) == "tbl" {
                    text += table(nested).flatMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
                }
                let column = row.count
                if let merge {
                    if attribute("val", of: merge) == "restart" {
                        mergeOrigin[column] = text
                    } else if text.isEmpty, let origin = mergeOrigin[column], !isNumber(origin) {
                        text = origin
                    }
                } else {
                    mergeOrigin[column] = nil
                }
                row.append(text)
                for _ in 1..<span { row.append(isNumber(text) ? "" : text) }
            }
            rows.append(row)
        }
        // An empty cell in a column that holds no number in any row is an empty label cell (a
        // row with fewer labels than its neighbours): dropped, so that it is not read as a value.
        let numberColumns = Set(rows.flatMap { row in row.indices.filter { isNumber(row[$0]) } })
        return rows.map { row in row.indices.filter { !row[$0].isEmpty || numberColumns.contains($0) }.map { row[$0] } }
    }

    /// A value cell (`1,234`, `12件`, `—`), not a numbered label (`1.属于国家秘密`).
    static func isNumber(_ text: String) -> Bool { PDFLayout.isNumber(text) }

    // MARK: libxml2 tree

    /// The element children of `node`, looking into the wrappers Word puts around rows, cells and
    /// paragraphs (content controls, custom XML): a template's fill-in cells are content controls.
    static func unwrapped(_ node: xmlNodePtr) -> [xmlNodePtr] {
        children(of: node).flatMap { child -> [xmlNodePtr] in
            switch name(of: child) {
            case "sdt", "sdtContent", "customXml": unwrapped(child)
            default: [child]
            }
        }
    }

    static func children(of node: xmlNodePtr) -> [xmlNodePtr] {
        var out: [xmlNodePtr] = []
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE { out.append(c) }
            child = c.pointee.next
        }
        return out
    }

    static func name(of node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    /// The text directly inside an element (its text and CDATA children).
    static func content(of node: xmlNodePtr) -> String {
        var bytes: [UInt8] = []
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_TEXT_NODE || c.pointee.type == XML_CDATA_SECTION_NODE, let text = c.pointee.content {
                bytes.append(contentsOf: UnsafeBufferPointer(start: text, count: strlen(UnsafeRawPointer(text).assumingMemoryBound(to: CChar.self))))
            }
            child = c.pointee.next
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A `w:` attribute by local name.
    static func attribute(_ local: String, of node: xmlNodePtr) -> String? {
        var attribute = node.pointee.properties
        while let a = attribute {
            if let n = a.pointee.name, String(cString: n) == local { return DOM.value(of: a) }
            attribute = a.pointee.next
        }
        return nil
    }
}
