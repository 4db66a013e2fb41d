import ReportModel
import Testing
@testable import SectionSegmentation

/// Headings numbered otherwise than 一、 … 六、, or not at all. A report whose 一、 headings find a
/// table section is read as before; the others are tried only when they find none.
@Suite("Other numberings")
struct OtherNumberingTests {
    /// `compactReport` with its six headings renumbered by `heading(number, title)`; table 三's
    /// row labels keep their 一、 … 四、.
    static func renumbered(_ heading: (Int, String) -> String) -> String {
        let titles = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
                      "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"]
        var text = compactReport
        for (i, title) in titles.enumerated() {
            let numbered = "\(Array("一二三四五六")[i])、\(title)"
            text = text.replacingOccurrences(of: "\n\(numbered)\n", with: "\n\(heading(i + 1, title))\n")
        }
        return text
    }

    static let forms: [(String, @Sendable (Int, String) -> String)] = [
        ("第二部分", { n, t in "第\(Array("一二三四五六")[n - 1])部分 \(t)" }),
        ("2、", { n, t in "\(n)、\(t)" }),
        ("2.", { n, t in "\(n).\(t)" }),
        ("Ⅱ、", { n, t in "\(Character(Unicode.Scalar(0x215F + n)!))、\(t)" }),
        ("（二）", { n, t in "（\(Array("一二三四五六")[n - 1])）\(t)" }),
        ("none", { _, t in t }),
    ]

    @Test("each numbering finds the six sections and keeps table 三's rows in 三", arguments: forms.indices)
    func numbering(index: Int) throws {
        let (name, heading) = Self.forms[index]
        let text = Self.renumbered(heading)
        #expect(text != compactReport, "\(name)")
        let sections = SectionSegmenter.segment(text)
        #expect(keys(sections) == ["preamble", "overview", "proactive_disclosure", "applications",
                                   "review_litigation", "problems", "other_matters"], "\(name)")
        #expect(section(.applications, in: sections)?.text.contains("四、结转下年度继续办理\n1") == true, "\(name)")
        #expect(section(.reviewLitigation, in: sections)?.text == "行政复议 | 0 | 0 | 0 | 0 | 0", "\(name)")
    }

    /// Some headings lost their numerals (typed in part, numbered by Word's lists in part): the
    /// usual pass finds 三 alone; the unnumbered pass, which takes 一、 lines too, finds all six.
    @Test("headings that lost their numerals beside ones that kept them")
    func someNumeralsLost() {
        let text = compactReport
            .replacingOccurrences(of: "\n二、主动公开政府信息情况\n", with: "\n主动公开政府信息情况\n")
            .replacingOccurrences(of: "\n四、政府信息公开行政复议、行政诉讼情况\n", with: "\n政府信息公开行政复议、行政诉讼情况\n")
        let sections = SectionSegmenter.segment(text)
        #expect(keys(sections) == ["preamble", "overview", "proactive_disclosure", "applications",
                                   "review_litigation", "problems", "other_matters"])
        #expect(section(.reviewLitigation, in: sections)?.text == "行政复议 | 0 | 0 | 0 | 0 | 0")
    }

    /// 一、's subsections are numbered （一） … （五）: `（五）主动公开情况` lacks section 二's own
    /// title words, so it stays in 一 and section 二 opens at its heading.
    @Test("a subsection of 一 is not read as section 二")
    func subsectionStaysInOverview() throws {
        let text = """
            标题
            （一）总体情况
            概述的正文。
            （五）主动公开情况
            全年主动公开信息。
            （二）主动公开政府信息情况
            规章 | 1 | 2 | 3
            （三）收到和处理政府信息公开申请情况
            一、本年新收政府信息公开申请数量 | 3
            """
        let sections = SectionSegmenter.segment(text)
        #expect(keys(sections) == ["preamble", "overview", "proactive_disclosure", "applications"])
        #expect(section(.overview, in: sections)?.text == "概述的正文。\n（五）主动公开情况\n全年主动公开信息。")
        #expect(section(.proactiveDisclosure, in: sections)?.text == "规章 | 1 | 2 | 3")
    }

    /// Without numerals, only short lines that are not sentences count: a sentence that names a
    /// section's title stays text.
    @Test("unnumbered: sentences and numbered subsections are not headings")
    func unnumberedSentences() throws {
        let text = """
            标题
            总体情况
            本机关主动公开政府信息情况良好。
            1.主动公开政府信息
            主动公开政府信息情况
            规章 | 1 | 2 | 3
            """
        let sections = SectionSegmenter.segment(text)
        #expect(keys(sections) == ["preamble", "overview", "proactive_disclosure"])
        #expect(section(.overview, in: sections)?.text == "本机关主动公开政府信息情况良好。\n1.主动公开政府信息")
    }

    /// `2024年…` and `2.5` open with a digit but no numeral: not headings, even in the fallback.
    @Test("years and decimals are not arabic numerals")
    func yearsAreNotNumerals() {
        #expect(SectionSegmenter.number(of: "2024年主动公开政府信息情况", .arabic) == nil)
        #expect(SectionSegmenter.number(of: "2.5主动公开", .arabic) == nil)
        #expect(SectionSegmenter.number(of: "2.主动公开政府信息情况", .arabic) == 2)
        #expect(SectionSegmenter.number(of: "第三部分 收到和处理", .part) == 3)
        #expect(SectionSegmenter.number(of: "(四)政府信息公开行政复议", .parenthesised) == 4)
    }

    /// A report whose 一、 headings find a table section is read with them alone, even if a line
    /// would be a heading in another numbering.
    @Test("the usual numbering wins when it finds a table section")
    func usualNumberingFirst() {
        let text = compactReport.replacingOccurrences(of: "公开内容不够全面。", with: "公开内容不够全面。\n其他需要报告的事项")
        let sections = SectionSegmenter.segment(text)
        #expect(section(.problems, in: sections)?.text == "公开内容不够全面。\n其他需要报告的事项")
    }
}
