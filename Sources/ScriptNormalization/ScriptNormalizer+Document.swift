import SystemBytes
import ReportModel

extension ScriptNormalizer {
    /// A normalised document and what normalisation found.
    public struct DocumentResult: Sendable {
        public var document: Document
        /// `text` is left empty: the document holds the text.
        public var summary: Result
    }

    /// Normalises every text of a document — headings, paragraphs, table cells — as one text, so
    /// that the script is classified over the whole report (see `normalize(_:)`). Each text goes
    /// in on lines of its own and comes back from the same lines: no pass of `normalize` adds or
    /// removes a line break, and a line break is a boundary for each of them (a pinyin syllable,
    /// a `?` run and a converted line end there). Table cells are trimmed of the spaces a removed
    /// `?` leaves.
    public func normalize(_ document: Document) -> DocumentResult {
        var joined = ""
        var lineCounts: [Int] = []
        func add(_ text: String) {
            if !lineCounts.isEmpty { joined += "\n" }
            joined += text
            lineCounts.append(text.utf8.count { $0 == 0x0A } + 1)
        }
        for block in document.blocks {
            switch block {
            case .heading(_, let text), .paragraph(let text): add(text)
            case .table(let grid): for row in grid.rows { for cell in row { add(cell.text) } }
            }
        }
        var result = normalize(joined)
        var texts = Self.split(result.text, lineCounts: lineCounts)[...]
        result.text = ""
        guard texts.count == lineCounts.count else {
            // (Cannot happen, see above; were it to, each text is normalised on its own.)
            return DocumentResult(document: document, summary: result)
        }
        var blocks: [Document.Block] = []
        blocks.reserveCapacity(document.blocks.count)
        for block in document.blocks {
            switch block {
            case .heading(let level, _): blocks.append(.heading(level: level, text: texts.removeFirst()))
            case .paragraph: blocks.append(.paragraph(texts.removeFirst()))
            case .table(let grid): blocks.append(.table(grid.mapTexts { _ in texts.removeFirst().trimmingSpaceScalars() }))
            }
        }
        return DocumentResult(document: Document(blocks: blocks), summary: result)
    }

    /// The text cut back into pieces of `lineCounts` lines each; a different number of pieces
    /// when the text's lines do not add up to their sum.
    static func split(_ text: String, lineCounts: [Int]) -> [String] {
        if lineCounts.count == 1 { return [text] }
        var pieces: [String] = []
        pieces.reserveCapacity(lineCounts.count)
        let utf8 = text.utf8
        var start = utf8.startIndex
        for (i, count) in lineCounts.enumerated() {
            let last = i == lineCounts.count - 1
            // The piece ends at its `count`th line feed; the last piece at the text's end.
            var end = start
            var breaks = 0
            while true {
                guard let lf = text.lineFeed(from: end) else {
                    end = utf8.endIndex
                    break
                }
                breaks += 1
                if breaks == count, !last {
                    end = lf
                    break
                }
                end = utf8.index(after: lf)
            }
            guard breaks == (last ? count - 1 : count) else { return pieces }
            pieces.append(String(text[start..<end]))
            if !last { start = utf8.index(after: end) }
        }
        return pieces
    }
}
