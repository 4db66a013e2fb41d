import Foundation
import ReportModel
import ZIPFoundation

/// Writes a minimal Word file (`.docx`): paragraphs and tables, with merged cells as Word writes
/// them (`w:gridSpan` across columns, `w:vMerge` down rows). For generated reports with known
/// answers and for tests of the Word reader.
public enum DOCXWriter {
    public struct Cell: Sendable {
        public enum Merge: Sendable { case none, restart, `continue` }
        public var text: String
        public var span: Int
        public var merge: Merge

        public init(_ text: String, span: Int = 1, merge: Merge = .none) {
            self.text = text
            self.span = span
            self.merge = merge
        }
    }

    public enum Block: Sendable {
        case paragraph(String, heading: Int? = nil)
        case table([[Cell]])
    }

    public static func document(_ blocks: [Block]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try add("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
            </Types>
            """)
        try add("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
            </Relationships>
            """)
        var body = ""
        for block in blocks {
            switch block {
            case .paragraph(let text, let heading):
                let style = heading.map { "<w:pPr><w:pStyle w:val=\"Heading\($0)\"/></w:pPr>" } ?? ""
                body += "<w:p>\(style)<w:r><w:t xml:space=\"preserve\">\(MarkupText.escaped(text, quotes: false))</w:t></w:r></w:p>"
            case .table(let rows):
                body += "<w:tbl><w:tblPr><w:tblBorders/></w:tblPr>"
                for row in rows {
                    body += "<w:tr>"
                    for cell in row {
                        var properties = cell.span > 1 ? "<w:gridSpan w:val=\"\(cell.span)\"/>" : ""
                        switch cell.merge {
                        case .none: break
                        case .restart: properties += "<w:vMerge w:val=\"restart\"/>"
                        case .continue: properties += "<w:vMerge/>"
                        }
                        let text = cell.merge == .continue ? "" : "<w:r><w:t>\(MarkupText.escaped(cell.text, quotes: false))</w:t></w:r>"
                        body += "<w:tc><w:tcPr>\(properties)</w:tcPr><w:p>\(text)</w:p></w:tc>"
                    }
                    body += "</w:tr>"
                }
                body += "</w:tbl>"
            }
        }
        try add("word/document.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)</w:body></w:document>
            """)
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    /// A report in the text pipeline's conventions as a Word file: `| a | b |` rows become table
    /// rows, other lines paragraphs.
    public static func document(fromText text: String) throws -> Data {
        var blocks: [Block] = []
        var rows: [[Cell]] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("|") {
                var cells = trimmed.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                if cells.first == "" { cells.removeFirst() }
                if cells.last == "" { cells.removeLast() }
                if cells.allSatisfy({ $0.allSatisfy { "-: ".contains($0) } }) { continue }
                rows.append(cells.map { Cell($0) })
                continue
            }
            if !rows.isEmpty { blocks.append(.table(rows)); rows = [] }
            blocks.append(.paragraph(trimmed))
        }
        if !rows.isEmpty { blocks.append(.table(rows)) }
        return try document(blocks)
    }
}
