import Foundation
import ReportModel

/// Assembles one report's page in simplified script: chrome, title, dates, preamble, the six
/// sections with tables 二 三 四 in the kind's layout (or as HTML tables), noise.
struct ReportBuilder {
    /// The headings of sections 一 … 六 a page may have, each drawn from its list (一's 总体情况
    /// twice as often as 概述).
    static let sectionHeadings: [[String]] = [
        ["一、总体情况", "一、总体情况", "一、概述"],
        ["二、主动公开政府信息情况", "二、行政机关主动公开政府信息情况"],
        ["三、收到和处理政府信息公开申请情况", "三、行政机关收到和处理政府信息公开申请情况"],
        ["四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
         "四、政府信息公开投诉举报、行政复议、提起行政诉讼情况"],
        ["五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况"],
        ["六、其他需要报告的事项"],
    ]

    struct Document {
        var text: String
        var agency: String
        var year: Int
        var publishDate: String?
        var values: TableValues
        /// The unseen forms this page shows (`damaged_labels`), for scoring by form.
        var forms: [String] = []
    }

    let kind: ReportKind
    var rng: SplitMix64
    /// A report of a multi-year series (`SeriesCorpus`): its body, year, numbers and statement.
    var series: SeriesReport?
    /// Blocks of the page: a paragraph of text, or a table's rows.
    private enum Block { case line(String), heading(String), table([[String]]) }

    /// The last report year generated for a template still in force.
    static let latestYear = 2024

    init(kind: ReportKind, rng: SplitMix64) {
        self.kind = kind
        self.rng = rng
    }

    mutating func build() -> Document {
        let template = TableTemplate.named(kind.template) ?? TableTemplate.fallback()
        let year = series?.year ?? rng.int(template.firstYear...(template.lastYear ?? Self.latestYear))
        let (agency, place) = series.map { ($0.agency, $0.place) } ?? Prose.agency(&rng)
        var values = TableValues.random(.standard(template), rng: &rng)
        series?.shape(&values)
        let style = TableStyle.random(using: &rng)
        let rowsLayout: TableLayout = kind.format == .html ? .pipe : kind.format == .markdown ? .markdown : kind.layout
        let tables = TableRows(layout: rowsLayout, style: style)
        var blocks: [Block] = []

        // Page chrome and title.
        if rng.chance(0.6) { blocks.append(.line(rng.pick(Prose.breadcrumbs))) }
        for chrome in Prose.topChrome where rng.chance(0.2) { blocks.append(.line(chrome)) }
        let shortTitle = agency.hasSuffix("人民政府") && !place.hasSuffix("镇") && !place.hasSuffix("街道") && rng.chance(0.4)
        let title: String
        switch rng.int(0...2) {
        case 0 where !shortTitle: title = "\(year)年\(agency)政府信息公开工作年度报告"
        case 1 where !shortTitle: title = "\(agency)\(year)年度政府信息公开工作报告"
        default: title = shortTitle ? "\(year)年\(place)政府信息公开工作年度报告" : "\(agency)\(year)年政府信息公开工作年度报告"
        }
        blocks.append(.heading(title))
        var publishDate: String? = nil
        if rng.chance(0.85) {
            let (m, d) = (rng.int(1...3), rng.int(1...28))
            let iso = String(format: "%04d-%02d-%02d", year + 1, m, d)
            publishDate = iso
            let clock = String(format: "%02d:%02d", rng.int(8...18), rng.int(0...59))
            switch rng.int(0...2) {
            case 0: blocks.append(.line("发布日期：\(iso) \(clock)  来源：\(agency)"))
            case 1: blocks.append(.line("\(iso) \(clock):\(String(format: "%02d", rng.int(0...59))) \(agency) 点击：[] 打印"))
            default: blocks.append(.line("发布时间：\(year + 1)年\(m)月\(d)日"))
            }
        }
        if kind.format == .text, kind.encoding == .utf8, rng.chance(0.2) { blocks.append(.line("?")) }

        // Preamble.
        let period = rng.chance(0.05) ? "\(year)1月1日至\(year)12月31日" : "\(year)年1月1日至\(year)年12月31日"
        blocks.append(.line("本报告依据《中华人民共和国政府信息公开条例》（以下简称《条例》）和\(template.circular)文件要求编制。"
            + "本报告中所列数据的统计期限为\(period)。本报告电子版可在\(agency)门户网站查阅或下载。"))

        // 一 to 六.
        blocks.append(.heading(rng.pick(Self.sectionHeadings[0])))
        let heads = Prose.overviewHeads.shuffledPrefix(rng.int(3...5), &rng)
        for (i, head) in heads.enumerated() {
            blocks.append(.line("（\(["一", "二", "三", "四", "五"][i])）\(head)"))
            blocks.append(.line(paragraph(Prose.sentences, count: rng.int(2...4), agency: agency, year: year)))
        }
        if let statement = series?.statement(values) { blocks.append(.line(statement)) }
        blocks.append(.heading(rng.pick(Self.sectionHeadings[1])))
        blocks.append(.table(tables.activeRows(values)))
        blocks.append(.heading(rng.pick(Self.sectionHeadings[2])))
        blocks.append(.table(tables.applicationsRows(values)))
        blocks.append(.heading(rng.pick(Self.sectionHeadings[3])))
        blocks.append(.table(tables.reviewRows(values)))
        blocks.append(.heading(rng.pick(Self.sectionHeadings[4])))
        blocks.append(.line(paragraph(Prose.problems, count: rng.int(3...5), agency: agency, year: year)))
        blocks.append(.heading(Self.sectionHeadings[5][0]))
        blocks.append(.line(paragraph(Prose.otherMatters, count: rng.int(1...3), agency: agency, year: year)))
        for chrome in Prose.bottomChrome where rng.chance(0.25) { blocks.append(.line(chrome)) }

        let text: String
        switch kind.format {
        case .html: text = html(blocks, title: title, tables: tables)
        case .markdown: text = markdown(blocks)
        case .text: text = plain(blocks, tables: tables)
        }
        return Document(text: text, agency: agency, year: year, publishDate: publishDate, values: values,
                        forms: style.forms(kind, values))
    }

    private mutating func paragraph(_ bank: [String], count: Int, agency: String, year: Int) -> String {
        bank.shuffledPrefix(count, &rng).map { Prose.fill($0, agency: agency, year: year, rng: &rng) }.joined()
    }

    /// Plain text: blank lines between paragraphs or not, indents of NBSP or U+3000 now and then.
    private mutating func plain(_ blocks: [Block], tables: TableRows) -> String {
        let spaced = rng.chance(0.5)
        let indent = rng.pick(["", "", "\u{3000}\u{3000}", "\u{00A0}\u{00A0}\u{00A0}\u{00A0}", "    "])
        var lines: [String] = []
        for block in blocks {
            switch block {
            case .heading(let h): lines.append(h)
            case .line(let l): lines.append(l.count > 30 ? indent + l : l)
            case .table(let rows): lines.append(TableText(layout: tables.layout, style: tables.style).write(rows))
            }
            if spaced { lines.append("") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private mutating func html(_ blocks: [Block], title: String, tables: TableRows) -> String {
        let charset: String
        switch kind.encoding {
        case .utf8: charset = "utf-8"
        case .gb18030: charset = kind.script == .simplified ? "gb2312" : "gbk"
        case .big5: charset = "big5"
        }
        var out = "<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=\(charset)\">\n"
        out += "<title>\(TableText.escape(title))</title>\n</head>\n<body>\n<div class=\"article\">\n"
        for block in blocks {
            switch block {
            case .heading(let h): out += "<p><strong>\(TableText.escape(h))</strong></p>\n"
            case .line(let l): out += "<p style=\"text-indent:2em\">\(TableText.escape(l))</p>\n"
            case .table(let rows): out += TableText.html(rows, style: tables.style) + "\n"
            }
        }
        return out + "</div>\n</body>\n</html>\n"
    }
}

extension ReportBuilder {
    /// A Markdown page (see `MarkdownPage`): the title as `#`, a blank line between blocks.
    private mutating func markdown(_ blocks: [Block]) -> String {
        let page = MarkdownPage.random(&rng)
        var parts: [String] = []
        var titled = false
        for block in blocks {
            switch block {
            case .heading(let h) where !titled:
                parts.append(page.title(h))
                titled = true
            case .heading(let h): parts.append(page.heading(h, rng: &rng))
            case .line(let l) where !titled: parts.append(page.chrome(l, rng: &rng))
            case .line(let l): parts.append(page.paragraph(l, rng: &rng))
            case .table(let rows): parts.append(page.table(rows))
            }
        }
        if rng.chance(0.5) { parts.append(MarkdownPage.image) }
        return parts.joined(separator: "\n\n") + "\n"
    }
}

extension Array {
    /// `n` elements in a random order, without repeats.
    func shuffledPrefix(_ n: Int, _ rng: inout SplitMix64) -> [Element] {
        var items = self
        for i in stride(from: items.count - 1, to: 0, by: -1) { items.swapAt(i, rng.int(0...i)) }
        return Array(items.prefix(n))
    }
}
