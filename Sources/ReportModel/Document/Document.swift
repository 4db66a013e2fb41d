/// A report as its reader found it, whatever the input form: an ordered list of blocks. Each form
/// (plain text, Markdown, HTML) has its reader; the stages after ingest (normalisation, metadata,
/// segmentation, tables) work on this and never see the form's markup.
public struct Document: Sendable, Equatable {
    public enum Block: Sendable, Equatable {
        /// A heading by its markup: `level` 1 … 6 for `#`…`######`, setext and `<h1>`…`<h6>`; 0
        /// for a paragraph set in bold only (`**二、主动公开政府信息情况**`), which pages use as a
        /// heading. Whether it opens a section is segmentation's decision.
        case heading(level: Int, text: String)
        /// Text lines. Plain text keeps its lines as found, blank lines included: a table
        /// flattened one cell per line shows an empty cell only as an extra blank line.
        case paragraph(String)
        case table(TableGrid)
    }

    public var blocks: [Block]

    public init(blocks: [Block] = []) {
        self.blocks = blocks
    }

    /// The document as lines of text: headings and paragraphs as they are, each table as its rows
    /// of cells, `| a | b | c |` (see `TableGrid.pipeRows`). What metadata and spam detection read.
    public var text: String {
        if blocks.count == 1 { return blocks[0].text }
        var out = ""
        for (i, block) in blocks.enumerated() {
            if i > 0 { out += "\n" }
            block.appendText(to: &out)
        }
        return out
    }
}

extension Document.Block {
    /// The block's text as lines (see `Document.text`).
    public var text: String {
        switch self {
        case .heading(_, let text), .paragraph(let text): return text
        case .table(let grid): return grid.pipeRows().joined(separator: "\n")
        }
    }

    func appendText(to out: inout String) {
        switch self {
        case .heading(_, let text), .paragraph(let text): out += text
        case .table(let grid): out += grid.pipeRows().joined(separator: "\n")
        }
    }
}
