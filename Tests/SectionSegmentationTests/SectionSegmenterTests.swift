import ReportModel
import Testing
@testable import SectionSegmentation

/// A compact report: preamble, six sections, and table 三 flattened one cell per line with its
/// row labels (一、… 四、…) that look like headings.
let compactReport = """
    您的位置:首页 > 信息公开
    某某县人民政府2021年政府信息公开工作年度报告
    发布日期:2022-01-20

    一、总体情况
    2021年,本机关认真贯彻《条例》。

    二、主动公开政府信息情况
    第二十条第(一)项 | 规章 | 0 | 0 | 0
    三、收到和处理政府信息公开申请情况
    (本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)
    一、本年新收政府信息公开申请数量
    3
    二、上年结转政府信息公开申请数量
    0
    三、本年度办理结果
    (一)予以公开
    2
    四、结转下年度继续办理
    1
    四、政府信息公开行政复议、行政诉讼情况
    行政复议 | 0 | 0 | 0 | 0 | 0
    五、存在的主要问题及改进情况
    公开内容不够全面。
    六、其他需要报告的事项
    本年度无其他需要报告的事项。
    """

func keys(_ sections: [Section]) -> [String] { sections.map(\.key.rawValue) }

func section(_ key: SectionKey, in sections: [Section]) -> Section? { sections.first { $0.key == key } }

@Suite("SectionSegmenter")
struct SectionSegmenterTests {
    @Test("preamble and the six sections of a compact report, with their titles and texts")
    func compact() throws {
        let sections = SectionSegmenter.segment(compactReport)
        #expect(keys(sections) == ["preamble", "overview", "proactive_disclosure", "applications",
                                   "review_litigation", "problems", "other_matters"])
        #expect(sections.map(\.title) == ["", "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                                          "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"])
        #expect(sections[0].text == "您的位置:首页 > 信息公开\n某某县人民政府2021年政府信息公开工作年度报告\n发布日期:2022-01-20")
        #expect(sections[1].text == "2021年,本机关认真贯彻《条例》。")
        #expect(sections[2].text == "第二十条第(一)项 | 规章 | 0 | 0 | 0")
        #expect(sections[4].text == "行政复议 | 0 | 0 | 0 | 0 | 0")
        #expect(sections[5].text == "公开内容不够全面。")
        #expect(sections[6].text == "本年度无其他需要报告的事项。")
        for s in sections.dropFirst() {
            #expect(!s.text.contains(s.title), "the text of \(s.key) must not repeat its heading")
        }
    }

    @Test("table 三's row labels stay inside section 三")
    func trap() throws {
        let sections = SectionSegmenter.segment(compactReport)
        let applications = try #require(section(.applications, in: sections))
        let lines = applications.text.split(separator: "\n").map(String.init)
        #expect(lines == [
            "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)",
            "一、本年新收政府信息公开申请数量", "3",
            "二、上年结转政府信息公开申请数量", "0",
            "三、本年度办理结果", "(一)予以公开", "2",
            "四、结转下年度继续办理", "1",
        ])
        // The real 四、 heading after the trap line opens section 四.
        #expect(section(.reviewLitigation, in: sections)?.title == "四、政府信息公开行政复议、行政诉讼情况")
        #expect(sections.filter { $0.key == .reviewLitigation }.count == 1)
    }

    @Test("the trap as table rows, with the 三 heading missing")
    func trapRowsWithoutApplicationsHeading() {
        let text = """
            一、总体情况
            正文
            二、主动公开政府信息情况
            表格
            一、本年新收政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0
            三、本年度办理结果
            四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0
            四、政府信息公开行政复议、行政诉讼情况
            复议
            """
        let sections = SectionSegmenter.segment(text)
        #expect(keys(sections) == ["preamble", "overview", "proactive_disclosure", "review_litigation"])
        #expect(section(.proactiveDisclosure, in: sections)?.text.split(separator: "\n").count == 4)
        #expect(section(.reviewLitigation, in: sections)?.text == "复议")
    }

    @Test("title variants", arguments: [
        ("一、概述", SectionKey.overview),
        ("二、行政机关主动公开政府信息情况", .proactiveDisclosure),
        ("三、行政机关收到和处理政府信息公开申请情况", .applications),
        ("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", .reviewLitigation),
        ("四、政府信息公开投诉举报、行政复议、提起行政诉讼情况", .reviewLitigation),
        ("五、政府信息公开工作存在的主要问题及改进情况", .problems),
        ("六、其他需要报告的事项", .otherMatters),
        ("一.总体情况", .overview),
        ("二．主动公开政府信息情况", .proactiveDisclosure),
    ])
    func variants(title: String, key: SectionKey) throws {
        let sections = SectionSegmenter.segment("前言\n\(title)\n正文一行")
        #expect(keys(sections) == ["preamble", key.rawValue])
        let found = try #require(section(key, in: sections))
        #expect(found.title == title)
        #expect(found.text == "正文一行")
        #expect(sections[0].text == "前言")
    }

    @Test("a numeral with a title of the wrong section is no heading", arguments: [
        "一、本年新收政府信息公开申请数量", "四、结转下年度继续办理", "三、本年度办理结果", "一、加强组织领导", "二、上年结转政府信息公开申请数量",
        "一总体情况", "五、",
    ])
    func notHeadings(line: String) {
        let sections = SectionSegmenter.segment("前言\n\(line)\n正文")
        #expect(keys(sections) == ["preamble"])
        #expect(sections[0].text == "前言\n\(line)\n正文")
    }

    @Test("headings out of order are ignored")
    func outOfOrder() {
        let text = """
            一、总体情况
            甲
            三、收到和处理政府信息公开申请情况
            乙
            二、主动公开政府信息情况
            丙
            五、存在的主要问题及改进情况
            丁
            四、政府信息公开行政复议、行政诉讼情况
            戊
            """
        let sections = SectionSegmenter.segment(text)
        #expect(keys(sections) == ["preamble", "overview", "applications", "problems"])
        #expect(sections[0].text == "")
        #expect(section(.applications, in: sections)?.text == "乙\n二、主动公开政府信息情况\n丙")
        #expect(section(.problems, in: sections)?.text == "丁\n四、政府信息公开行政复议、行政诉讼情况\n戊")
    }

    @Test("a heading with body text on the same line", arguments: [
        ("一、总体情况。2021年,本机关认真贯彻落实《中华人民共和国政府信息公开条例》,全面推进政务公开工作。",
         SectionKey.overview, "一、总体情况", "2021年,本机关认真贯彻落实《中华人民共和国政府信息公开条例》,全面推进政务公开工作。"),
        ("二、主动公开政府信息情况:本年度共主动公开政府信息1200条,其中规范性文件12件,政策解读30篇,新闻动态800条。",
         .proactiveDisclosure, "二、主动公开政府信息情况", "本年度共主动公开政府信息1200条,其中规范性文件12件,政策解读30篇,新闻动态800条。"),
        ("二、行政机关主动公开政府信息情况。本年度共主动公开政府信息1200条,其中规范性文件12件,政策解读30篇。",
         .proactiveDisclosure, "二、行政机关主动公开政府信息情况", "本年度共主动公开政府信息1200条,其中规范性文件12件,政策解读30篇。"),
        ("三、收到和处理政府信息公开申请情况。本年度共收到政府信息公开申请15件,均已按期答复,无逾期未答复情形。",
         .applications, "三、收到和处理政府信息公开申请情况", "本年度共收到政府信息公开申请15件,均已按期答复,无逾期未答复情形。"),
        ("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况。本年度未发生因政府信息公开被申请行政复议的情况。",
         .reviewLitigation, "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", "本年度未发生因政府信息公开被申请行政复议的情况。"),
        ("五、存在的主要问题及改进情况。一是公开内容不够全面,二是解读形式较为单一,下一步将加强培训,提升质量。",
         .problems, "五、存在的主要问题及改进情况", "一是公开内容不够全面,二是解读形式较为单一,下一步将加强培训,提升质量。"),
        ("六、其他需要报告的事项。本年度未收取信息处理费,无其他需要报告的事项,特此报告,请各界监督指正。",
         .otherMatters, "六、其他需要报告的事项", "本年度未收取信息处理费,无其他需要报告的事项,特此报告,请各界监督指正。"),
    ])
    func sameLine(line: String, key: SectionKey, title: String, body: String) throws {
        let sections = SectionSegmenter.segment("前言\n\(line)\n第二行")
        let found = try #require(section(key, in: sections))
        #expect(found.title == title)
        #expect(found.text == body + "\n第二行")
    }

    @Test("leading spaces and bullets before a heading", arguments: [
        "  • 一、总体情况", "\t一、总体情况", "· 一、总体情况", "　一、总体情况", "一、总体情况   ",
    ])
    func bullets(line: String) throws {
        let sections = SectionSegmenter.segment("标题\n\(line)\n    正文\n    第二段")
        #expect(keys(sections) == ["preamble", "overview"])
        #expect(sections[1].title == "一、总体情况")
        // The body's two ends are trimmed; indentation inside it stays.
        #expect(sections[1].text == "正文\n    第二段")
    }

    @Test("blank lines around a body are trimmed, inner blank lines kept")
    func blankLines() {
        let sections = SectionSegmenter.segment("\n\n一、总体情况\n\n  \n甲\n\n乙\n\n")
        #expect(sections.count == 2)
        #expect(sections[0].text == "")
        #expect(sections[1].text == "甲\n\n乙")
    }

    @Test("text without headings is all preamble")
    func noHeadings() {
        let sections = SectionSegmenter.segment("只有正文\n没有标题")
        #expect(sections == [Section(key: .preamble, title: "", text: "只有正文\n没有标题")])
    }
}

/// Pre-2019 reports number their sections differently (四、收费及减免, 五、行政复议, 七、其他).
@Suite struct LegacySectionTests {
    @Test func legacyNumberingStillFindsTheSections() {
        let text = """
            某县2017年政府信息公开工作年度报告
            一、概述
            概述正文。
            二、主动公开政府信息的情况
            主动公开正文。
            三、依申请公开政府信息情况
            依申请正文。
            四、政府信息公开的收费及减免情况
            未收费。
            五、因政府信息公开申请行政复议、提起行政诉讼的情况
            无。
            六、政府信息公开工作存在的主要问题及改进情况
            问题正文。
            七、其他需要报告的事项
            无其他。
            """
        let sections = SectionSegmenter.segment(text)
        #expect(sections.map(\.key) == SectionKey.allCases)
        let applications = sections.first { $0.key == .applications }
        #expect(applications?.text == "依申请正文。\n四、政府信息公开的收费及减免情况\n未收费。")
        #expect(sections.first { $0.key == .reviewLitigation }?.title == "五、因政府信息公开申请行政复议、提起行政诉讼的情况")
        #expect(sections.last?.title == "七、其他需要报告的事项")
    }

    @Test func aNumeralBehindItsSectionIsNoHeading() {
        let text = """
            一、总体情况
            正文
            三、收到和处理政府信息公开申请情况
            表
            二、主动公开政府信息情况
            """
        let keys = SectionSegmenter.segment(text).map(\.key)
        #expect(keys == [.preamble, .overview, .applications])
    }
}
