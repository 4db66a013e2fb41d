/// A report as a Markdown page, the way scrapers and HTML-to-Markdown converters write them:
/// ATX headings (`##`, `###`) or bold paragraphs (`**二、…**`) for the section headings, GFM
/// tables with or without their outer pipes, links and images in the text, long labels broken
/// with `<br>` inside their cells.
struct MarkdownPage {
    enum HeadingStyle: CaseIterable { case atx, bold, mixed }
    var headings: HeadingStyle
    /// `| a | b |` or `a | b`.
    var outerPipes: Bool
    /// Labels longer than this many characters are broken with `<br>` in the middle (0: never).
    var breakLabelsOver: Int
    /// The header row as converters write a merged first row: its trailing empty cells left out
    /// (two cells kept: a row of one cell and no pipe would be a setext heading), so the delimiter
    /// row, and GFM's width, are narrower than the data rows.
    var narrowHeader: Bool

    static func random(_ rng: inout SplitMix64) -> MarkdownPage {
        MarkdownPage(headings: rng.pick(HeadingStyle.allCases), outerPipes: rng.chance(0.6),
                     breakLabelsOver: rng.chance(0.5) ? rng.int(12...20) : 0, narrowHeader: rng.chance(0.4))
    }

    func title(_ text: String) -> String { "# " + escape(text) }

    func heading(_ text: String, rng: inout SplitMix64) -> String {
        let atx = headings == .atx || (headings == .mixed && rng.chance(0.5))
        return atx ? rng.pick(["## ", "### "]) + escape(text) : "**" + escape(text) + "**"
    }

    /// A paragraph; the regulation's name becomes a link now and then.
    func paragraph(_ text: String, rng: inout SplitMix64) -> String {
        var out = escape(text)
        if rng.chance(0.5), let range = out.range(of: "《中华人民共和国政府信息公开条例》") {
            out.replaceSubrange(range, with: "[《中华人民共和国政府信息公开条例》](https://www.gov.cn/zhengce/content/2019-04/15/content_5382991.htm)")
        }
        return out
    }

    /// A chrome line as a link or an image (their text is what a reader keeps).
    func chrome(_ text: String, rng: inout SplitMix64) -> String {
        rng.chance(0.5) ? "[\(escape(text))](https://example.gov.cn/\(rng.int(1000...9999)).html)" : escape(text)
    }

    static let image = "![扫一扫在手机打开当前页](https://example.gov.cn/images/qrcode.png)"

    /// A GFM table: the first row is the header row, the delimiter row after it.
    func table(_ rows: [[String]]) -> String {
        let width = rows.map(\.count).max() ?? 0
        var rows = rows.map { $0 + Array(repeating: "", count: width - $0.count) }
        if narrowHeader, var header = rows.first {
            while header.count > 2, header.last == "" { header.removeLast() }
            rows[0] = header
        }
        let headerWidth = rows.first?.count ?? 0
        // Without outer pipes a header row that ends with an empty cell would end with its
        // delimiter, read as the optional closing pipe, and lose a cell: such a table keeps them.
        let outerPipes = outerPipes || rows.first?.last == ""
        var lines: [String] = []
        for (i, row) in rows.enumerated() {
            var cells = row.map(cell)
            // Without outer pipes a row that opens with an empty cell would open with its
            // delimiter, which reads as the optional outer pipe: the cell is written as missing.
            if !outerPipes, cells.first == "" { cells[0] = "—" }
            let line = cells.joined(separator: " | ")
            lines.append(outerPipes ? "| " + line + " |" : line)
            if i == 0 {
                let rule = Array(repeating: "---", count: headerWidth).joined(separator: " | ")
                lines.append(outerPipes ? "| " + rule + " |" : rule)
            }
        }
        return lines.joined(separator: "\n")
    }

    private func cell(_ text: String) -> String {
        let out = escape(text)
        guard breakLabelsOver > 0, out.count > breakLabelsOver else { return out }
        let middle = out.index(out.startIndex, offsetBy: out.count / 2)
        return String(out[..<middle]) + "<br>" + String(out[middle...])
    }

    /// Markdown's special characters in text written as text.
    func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            if "\\|*_[]<>#`".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }
}
