import ReportModel

/// Plain text to a `Document`: paragraphs of lines as found. Which line is a heading is left to
/// segmentation (a line's numeral and title decide it, whatever the layout), and tables stay as
/// their lines (pipe rows, tab rows, one cell per line, space-aligned columns), which the table
/// reader splits into cells. A paragraph runs to the end of a run of blank lines, which it keeps
/// (a table flattened one cell per line shows an empty cell only as an extra blank line), so the
/// document's text is the input's text exactly.
package struct PlainTextReader: DocumentReader {
    package init() {}

    package func read(_ text: String) -> Document? {
        var blocks: [Document.Block] = []
        var start = text.startIndex
        var previousBlank = false
        var lineStart = text.startIndex
        let utf8 = text.utf8
        while lineStart < text.endIndex {
            let lineEnd = utf8[lineStart...].firstIndex(of: 0x0A) ?? text.endIndex
            let blank = text[lineStart..<lineEnd].utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            if previousBlank, !blank {
                // A paragraph ends before this line: its text runs to the last blank line's end.
                blocks.append(.paragraph(String(text[start..<text.utf8.index(before: lineStart)])))
                start = lineStart
            }
            previousBlank = blank
            lineStart = lineEnd < text.endIndex ? utf8.index(after: lineEnd) : text.endIndex
        }
        blocks.append(.paragraph(String(text[start...])))
        return Document(blocks: blocks)
    }
}
