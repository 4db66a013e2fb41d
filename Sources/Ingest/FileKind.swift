import Foundation

/// What kind of file an input is, told by its first bytes (a file's name can lie): a PDF, a Word file, a legacy Word file
/// (OLE compound document), or text of some encoding (plain, Markdown or HTML).
public enum FileKind: Sendable, Equatable {
    case pdf
    case docx
    case legacyWord
    case text

    public static func of(_ data: Data) -> FileKind {
        if PDFReader.looksLikePDF(data) { return .pdf }
        if DOCXReader.looksLikeDOCX(data) { return .docx }
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .legacyWord }
        return .text
    }
}
