import ReportModel

/// Plain text to a `Document`: one paragraph, the text's lines as found. Plain text has no markup
/// that tells its blocks apart: which line is a heading is segmentation's decision (a line's
/// numeral and title, whatever the layout), and tables stay as their lines (pipe rows, tab rows,
/// one cell per line, space-aligned columns), which the table reader splits into cells — blank
/// lines included, since a table flattened one cell per line shows an empty cell only as an
/// extra blank line. The document's text is the input's text exactly.
package struct PlainTextReader: DocumentReader {
    package init() {}

    package func read(_ text: String) -> Document? {
        Document(blocks: [.paragraph(text)])
    }
}
