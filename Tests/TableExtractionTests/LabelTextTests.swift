@testable import CorpusGenerator
import ReportModel
import Testing
@testable import TableExtraction

@Suite("LabelText.key and row matching")
struct LabelTextTests {
    @Test("numbering is folded away", arguments: [
        ("1.属于国家秘密", "属于国家秘密"), ("1、属于国家秘密", "属于国家秘密"), ("（1）属于国家秘密", "属于国家秘密"),
        ("(1)属于国家秘密", "属于国家秘密"), ("1．属于国家秘密", "属于国家秘密"), ("12.其他", "其他"),
        ("(一)予以公开", "予以公开"), ("（一）予以公开", "予以公开"), ("一、本年新收政府信息公开申请数量", "本年新收政府信息公开申请数量"),
        ("四、结转下年度继续办理", "结转下年度继续办理"), ("（七）总计", "总计"), ("(七)总计", "总计"), ("3.其他", "其他"),
        ("第一项规章", "规章"), ("（三）1.属于国家秘密", "属于国家秘密"),
    ])
    func numbering(text: String, key: String) {
        #expect(LabelText.key(text) == key)
    }

    @Test("quotes and white space are folded away", arguments: [
        ("3.危及“三安全一稳定”", "危及三安全一稳定"), ("3.危及\"三安全一稳定\"", "危及三安全一稳定"),
        ("3.危及三安全一稳定", "危及三安全一稳定"), ("3.危及‘三安全一稳定’", "危及三安全一稳定"),
        ("3.危及「三安全一稳定」", "危及三安全一稳定"), ("自然 人", "自然人"), ("商业\u{00A0}企业", "商业企业"),
        ("2.其他法律行政法规 禁止公开", "其他法律行政法规禁止公开"), ("  社会\u{3000}公益 组织\t", "社会公益组织"),
    ])
    func quotesAndSpaces(text: String, key: String) {
        #expect(LabelText.key(text) == key)
    }

    @Test("brackets and punctuation are folded to ASCII")
    func brackets() {
        #expect(LabelText.key("（二）部分公开（区分处理的，只计这一情形，不计其他情形）")
                == LabelText.key("(二)部分公开(区分处理的,只计这一情形,不计其他情形)"))
        #expect(LabelText.key("本年收费金额（单位：万元）") == "本年收费金额(单位:万元)")
        #expect(LabelText.key("第二十条第（一）项") == "第二十条第(一)项")
    }

    @Test("text that only looks like numbering is kept")
    func notNumbering() {
        #expect(LabelText.key("一是加强领导") == "一是加强领导")
        #expect(LabelText.key("三类内部事务") == "三类内部事务")
        #expect(LabelText.key("第二十条第(五)项") == "第二十条第(五)项")
        #expect(LabelText.key("") == "")
        #expect(LabelText.key("(三)") == "")
    }

    /// Every wording the renderer can produce reaches its own row, and no other.
    @Test("each row's label variants match that row", arguments: templates)
    func rowLabels(template: TemplateKind) {
        var styles: [RenderStyle] = []
        for labels in RenderStyle.Labels.allCases {
            for numbering in RenderStyle.Numbering.allCases {
                for brackets in RenderStyle.Brackets.allCases {
                    for quotes in RenderStyle.Quotes.allCases {
                        var s = RenderStyle.plain
                        (s.labels, s.numbering, s.brackets, s.quotes) = (labels, numbering, brackets, quotes)
                        styles.append(s)
                    }
                }
            }
        }
        let rows = ApplicationsTable.rows
        for style in styles {
            var cursor = 0
            for row in Vocab.rows(template) {
                let label = style.label(row)
                let r = ApplicationsParser.matchRow(LabelText.key(label), cursor: cursor)
                #expect(r.map { rows[$0].key } == row.key, "\(label) [\(style)]")
                cursor = (r ?? cursor - 1) + 1
            }
        }
    }
}
