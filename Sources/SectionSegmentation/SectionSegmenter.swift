import SystemBytes
import ReportModel

/// Stage 3: the preamble and the six standard sections.
///
/// A line is a heading when it opens with a numeral (`一、`, `一.`, `一．`) greater than the
/// previous heading's, and its title carries one of a later section's keywords. Table 三's row
/// labels (`四、结转下年度继续办理`) have the numerals but not the titles. The numeral may run ahead
/// of the section (pre-2019 reports number 五、…行政复议 and 七、其他需要报告的事项, with a fees
/// section in between) but never behind it.
public enum SectionSegmenter {
    /// Titles longer than this are prose that happens to start with a numeral.
    static let maxTitleLength = 40

    /// The sections of plain text (a document of one paragraph).
    public static func segment(_ text: String) -> [Section] {
        segment(Document(blocks: [.paragraph(text)])).sections
    }

    /// The sections of a document, and the tables each holds.
    public struct Segmentation: Sendable {
        public var sections: [Section]
        /// The table blocks of each section, in order (none for a section whose tables are text).
        public var tables: [SectionKey: [TableGrid]]
    }

    /// A heading block (whatever its markup) and a line of a paragraph are section headings by
    /// the same rules; a heading block that is not one is a line of its section's text. Tables
    /// go to their section, and into its text as their rows of cells (`| a | b |`).
    public static func segment(_ document: Document) -> Segmentation {
        var sections: [Section] = []
        var tables: [SectionKey: [TableGrid]] = [:]
        var currentKey = SectionKey.preamble
        var currentNumeral = 0
        var currentTitle = ""
        // A body is the text after a heading's title on its line, then runs of whole lines, each
        // a slice of a block's text (a paragraph's lines are not split and joined again).
        var pieces: [Substring] = []

        func close() {
            let body: Substring = pieces.count == 1 ? pieces[0] : Substring(pieces.joined(separator: "\n"))
            sections.append(Section(key: currentKey, title: currentTitle, text: trimmed(body)))
            pieces.removeAll(keepingCapacity: true)
        }
        func open(_ heading: Heading) {
            close()
            currentKey = heading.key
            currentNumeral = heading.numeral
            currentTitle = heading.title
            if !heading.rest.isEmpty { pieces.append(heading.rest[...]) }
        }

        var linesSeen = 0
        for block in document.blocks {
            if WorkBudget.exhausted { break }  // the driver discards what was made
            switch block {
            case .heading(_, let text):
                if opensWithNumeral(text[...]), let heading = heading(in: text, after: currentKey, numeral: currentNumeral) {
                    open(heading)
                } else {
                    pieces.append(text[...])
                }
            case .paragraph(let text):
                var runStart: String.Index? = nil
                var runEnd = text.startIndex
                // (Most paragraphs of a page are one line: no array of lines for them.)
                let lines = text.containsASCII(0x0A) ? text.linesSplitAtLF() : [text[...]]
                for line in lines {
                    linesSeen += 1
                    if linesSeen & 1023 == 0, WorkBudget.exhausted { break }
                    if opensWithNumeral(line), let heading = heading(in: String(line), after: currentKey, numeral: currentNumeral) {
                        if let start = runStart { pieces.append(text[start..<runEnd]) }
                        runStart = nil
                        open(heading)
                    } else {
                        if runStart == nil { runStart = line.startIndex }
                        runEnd = line.endIndex
                    }
                }
                if let start = runStart { pieces.append(text[start..<runEnd]) }
            case .table(let grid):
                tables[currentKey, default: []].append(grid)
                pieces.append(block.text[...])
            }
        }
        close()
        return Segmentation(sections: sections, tables: tables)
    }

    /// Whether the line's first character after spaces and bullets is a numeral 一 … 十: most
    /// lines are told apart here, without a copy.
    static func opensWithNumeral(_ line: Substring) -> Bool {
        for s in line.unicodeScalars {
            if s == " " || s == "\t" || s == "•" || s == "·" || s == "　" { continue }
            return numeralScalars.contains(s)
        }
        return false
    }

    struct Heading {
        let key: SectionKey
        let numeral: Int
        let title: String
        /// Text on the heading's line after the title, when the body starts on the same line.
        let rest: String
    }

    static let numerals = Array("一二三四五六七八九十")
    static let numeralScalars = Set("一二三四五六七八九十".unicodeScalars)

    static func heading(in line: String, after previous: SectionKey, numeral previousNumeral: Int) -> Heading? {
        let trimmed = line.trimmingLeadingNoise()
        guard let first = trimmed.first, let index = numerals.firstIndex(of: first) else { return nil }
        let number = index + 1
        guard number > previousNumeral, number > previous.number else { return nil }
        let afterNumeral = trimmed.dropFirst()
        guard let separator = afterNumeral.first, "、.．,，: ".contains(separator) else { return nil }
        if trimmed.containsASCII(UInt8(ascii: "|")) || trimmed.containsASCII(UInt8(ascii: "\t")) { return nil }  // a table row

        let folded = LabelText.key(String(trimmed.prefix(maxTitleLength)))
        // The first later section whose title this is, numbered at most as the numeral says.
        guard let key = SectionKey.allCases.first(where: { key in
            key.number > previous.number && key.number <= number && key.titleKeywords.contains(where: folded.containsUTF8)
        }) else { return nil }
        if trimmed.count <= maxTitleLength {
            return Heading(key: key, numeral: number, title: trimmed.trimmingTrailingSpaces(), rest: "")
        }
        // A long line: the title runs through the keyword to the first 情况 or 事项 before a
        // sentence break (`五、存在的主要问题及改进情况。…`, `四、…行政复议、提起行政诉讼情况。…`);
        // the rest is body text that follows on the same line.
        let head = trimmed.prefix(maxTitleLength)  // shares trimmed's indices
        for keyword in key.titleKeywords {
            guard let range = head.firstRange(of: keyword) else { continue }
            var end = range.upperBound
            let after = head[end...]
            let stop = after.firstIndex { "。:：;；,， ".contains($0) } ?? after.endIndex
            if let close = ["情况", "事项"].compactMap({ after[..<stop].firstRange(of: $0)?.upperBound }).min() {
                end = close
            }
            let rest = trimmed[end...].drop { "。:：;；, ，".contains($0) }
            return Heading(key: key, numeral: number, title: String(trimmed[..<end]), rest: String(rest))
        }
        return nil
    }

    /// The body without blank lines and spaces at its two ends (readers such as R's readr trim a
    /// field's edges, so an edge space would not survive loading anyway).
    static func trimmed(_ body: Substring) -> String {
        let utf8 = body.utf8
        let kept = utf8.withContiguousStorageIfAvailable { p -> Range<Int> in
            let inner = UTF8WhiteSpace.trimmed(p)
            guard let outer = p.baseAddress, let base = inner.baseAddress else { return 0..<0 }
            let start = base - outer
            return start..<start + inner.count
        } ?? 0..<utf8.count
        return String(body[utf8.index(utf8.startIndex, offsetBy: kept.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: kept.upperBound)])
    }
}

extension String {
    /// Leading spaces and bullets (`•`) that page layouts put before headings.
    func trimmingLeadingNoise() -> String {
        String(drop { $0 == " " || $0 == "\t" || $0 == "•" || $0 == "·" || $0 == "　" })
    }

    func trimmingTrailingSpaces() -> String {
        var s = self
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return s
    }
}
