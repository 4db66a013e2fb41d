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

        /// How many of the three table sections (二 三 四) were found.
        var tableSectionCount: Int { Set(sections.map(\.key)).intersection(SectionSegmenter.tableSectionKeys).count }
    }

    /// How a report numbers its section headings (`HeadingNumbering`). Nearly all write 一、 …
    /// 六、, and that is read first; the others are tried only when it misses one of the three
    /// table sections (numbers lost when a Word list was flattened, some or all, or written
    /// `第二部分`, `2、`, `Ⅱ、`), and one is taken only when it finds more of them, so that a report
    /// read with 一、 reads the same. `（二）` is taken only with the section's own title words
    /// (`SectionKey.unnumberedTitlePhrases`), since 一、's subsections are numbered so too; with no
    /// numeral, a short line holding those words is a heading.
    typealias Numbering = HeadingNumbering

    /// A heading block (whatever its markup) and a line of a paragraph are section headings by
    /// the same rules; a heading block that is not one is a line of its section's text. Tables
    /// go to their section, and into its text as their rows of cells (`| a | b |`).
    public static func segment(_ document: Document) -> Segmentation {
        let usual = segment(document, numbering: .chinese)
        guard usual.tableSectionCount < tableSectionKeys.count else { return usual }
        // The numbering that finds the most table sections; the earliest of equals.
        var best = usual
        for numbering in Numbering.allCases.dropFirst() {
            let other = segment(document, numbering: numbering)
            if other.tableSectionCount > best.tableSectionCount { best = other }
        }
        return best
    }

    static func segment(_ document: Document, numbering: Numbering) -> Segmentation {
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
                if opensHeading(text[...], numbering), let heading = heading(in: text, after: currentKey, numeral: currentNumeral, numbering: numbering) {
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
                    if opensHeading(line, numbering), let heading = heading(in: String(line), after: currentKey, numeral: currentNumeral, numbering: numbering) {
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

    static let tableSectionKeys: Set<SectionKey> = [.proactiveDisclosure, .applications, .reviewLitigation]

    /// Whether the line's first character after spaces and bullets can open a heading numbered
    /// this way (一 … 十, 第, 1 … 9, Ⅰ … Ⅹ): most lines are told apart here, without a copy.
    static func opensHeading(_ line: Substring, _ numbering: Numbering) -> Bool {
        for s in line.unicodeScalars {
            if s == " " || s == "\t" || s == "•" || s == "·" || s == "　" { continue }
            switch numbering {
            case .chinese: return numeralScalars.contains(s)
            case .part: return s == "第"
            case .arabic: return (0x31...0x39).contains(s.value)
            case .roman: return (0x2160...0x2169).contains(s.value)
            case .parenthesised: return s == "（" || s == "("
            case .unnumbered: return true
            }
        }
        return false
    }

    static func number(of line: String, _ numbering: Numbering) -> Int? { numbering.number(of: line) }

    /// An unnumbered line that is a later section's heading: short, not a sentence, not a
    /// subsection (`（一）`, `1.`), holding that section's own title words.
    static func unnumberedHeading(in trimmed: String, after previous: SectionKey) -> Heading? {
        guard trimmed.count <= maxUnnumberedTitleLength, let first = trimmed.first, let last = trimmed.last,
              !"（(".contains(first), !first.isNumber, !"。；;，,、".contains(last),
              !trimmed.contains(where: \.isNumber) else { return nil }
        let folded = LabelText.key(trimmed)
        guard let key = SectionKey.allCases.first(where: { key in
            key.number > previous.number && key.unnumberedTitlePhrases.contains(where: folded.containsUTF8)
        }) else { return nil }
        return Heading(key: key, numeral: key.number, title: trimmed.trimmingTrailingSpaces(), rest: "")
    }

    /// The words that make a numbered line this section's heading.
    static func keywords(_ key: SectionKey, _ numbering: Numbering) -> [String] {
        numbering == .parenthesised ? key.unnumberedTitlePhrases : key.titleKeywords
    }

    /// Unnumbered titles longer than this are prose.
    static let maxUnnumberedTitleLength = 30

    struct Heading {
        let key: SectionKey
        let numeral: Int
        let title: String
        /// Text on the heading's line after the title, when the body starts on the same line.
        let rest: String
    }

    static let numerals = HeadingNumbering.numerals
    static let numeralScalars = Set("一二三四五六七八九十".unicodeScalars)

    static func heading(in line: String, after previous: SectionKey, numeral previousNumeral: Int,
                        numbering: Numbering = .chinese) -> Heading? {
        let trimmed = line.trimmingLeadingNoise()
        if trimmed.containsASCII(UInt8(ascii: "|")) || trimmed.containsASCII(UInt8(ascii: "\t")) { return nil }  // a table row
        guard let number = number(of: trimmed, numbering) else {
            return numbering == .unnumbered ? unnumberedHeading(in: trimmed, after: previous) : nil
        }
        guard number > previousNumeral, number > previous.number else { return nil }

        let folded = LabelText.key(String(trimmed.prefix(maxTitleLength)))
        // The first later section whose title this is, numbered at most as the numeral says.
        guard let key = SectionKey.allCases.first(where: { key in
            key.number > previous.number && key.number <= number && keywords(key, numbering).contains(where: folded.containsUTF8)
        }) else { return nil }
        if trimmed.count <= maxTitleLength {
            return Heading(key: key, numeral: number, title: trimmed.trimmingTrailingSpaces(), rest: "")
        }
        // A long line: the title runs through the keyword to the first 情况 or 事项 before a
        // sentence break (`五、存在的主要问题及改进情况。…`, `四、…行政复议、提起行政诉讼情况。…`);
        // the rest is body text that follows on the same line.
        let head = trimmed.prefix(maxTitleLength)  // shares trimmed's indices
        for keyword in keywords(key, numbering) {
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
