import Foundation
import ReportModel
import Testing
@testable import Ingest

/// The first lines of each seed, as the extractor sees them: after script normalisation (seed 001
/// simplified, pinyin and `?` gone; NBSP folded to spaces), before page chrome is stripped.
enum SeedHeads {
    static let s000 = """
        您的位置:首页 >信息公开>信息公开专栏>政府信息公开>政府信息公开年报>公开年报2021年>正文

        托里县人民政府2021年政府信息公开工作报告

        2022-02-26 12:18:24 托里县人民政府办公室 点击:[] 打印
        分享到:

        依据《中华人民共和国政府信息公开条例》第五十条之规定和《塔城地区贯彻落实自治区2021年政务公开工作要点任务清单》有关要求,制作本报告。本报告中所列数据信息的统计期限为20211月1日至202112月31日。

        一、总体情况

        2021,托里县坚持以习近平新时代中国特色社会主义思想为指导,坚持以人民为中心的发展思想。
        """
    static let s001 = """
        2021年江夏区政府信息公开工作年度报告
        发布日期:2022-02-18 15:15 文章来源:江夏区行政审批局 
        江夏区2021年政府信息公开工作年度报告
         
        根据《中华人民共和国政府信息公开条例》(国务院令第492号公布,第711号修订,以下简称《条例》)、《国务院办公厅政府信息与政务公开办公室关于印发<中华人民共和国政府信息公开工作年度报告格式>的通知》(国办公开办函〔2021〕30号)的规定,综合区政府各部门政府信息公开情况,编制本报告。本报告数据统计期限为2021年1月1日至2021年12月31日。
        一、总体情况
        2021年,江夏区人民政府认真贯彻落实《条例》规定和省、市关于政务公开有关文件要求,坚持依法行政。
        """
    static let s002 = """
        本年度报告根据《中华人民共和国政府信息公开条例》《国务院办公厅政府信息与UedBet体育办公室关于印发<中华人民共和国政府信息公开工作年度报告格式>的通知》(国办公开办函〔2021〕30号)要求制作。报告内容包括UedBet体育蘑菇气镇人民政府2023年政府信息公开总体情况,主动公开政府信息情况,收到和处理政府信息公开申请情况,政府信息公开行政复议、行政诉讼情况,存在的问题及改进情况,其他需要报告的事项。所列数据统计期限为2023年1月1日至2023年12月31日。本年度报告电子版可以从UedBet体育政府门户网站(https://www.zhalantun.gov.cn)下载。如对本年度报告有疑问,请与UedBet体育蘑菇气镇人民政府联系(电话:0470—3637314)。
        一、总体情况
        2023年,在市委、市政府的正确领导下,蘑菇气镇人民政府把政府信息公开工作纳入行政的重要议事日程。
        """
    static let s003 = """
        新疆伊宁县

        登录| 注册  
        无障碍
        按回车键在新窗口打开无障碍说明页面,按Ctrl+~键打开导盲模式。
        伊宁县政府信息公开工作2023年度报告
        2024-01-26   伊宁县人民政府办公室

        根据《中华人民共和国政府信息公开条例》要求,现向社会公布伊宁县人民政府2023年政府信息公开工作年度报告。年报中所列数据统计期限自2023年1月1日起至2023年12月31日止。

        一、总体情况

        2023年,伊宁县人民政府以习近平新时代中国特色社会主义思想为指导。
        """
    static let s004 = """
        达州市通川区经济和信息化局2021年政府信息公开工作年度报告
          • 来源:
          • 作者:admin
          • 发布日期:2022-01-12
          • 点击数:人次
          • 一、总体情况

                2021年,我局认真贯彻《中华人民共和国政府信息公开条例》(以下简称《条例》)。

            (一)主动公开情况
        """
}

@Suite("MetadataExtractor")
struct MetadataExtractorTests {
    @Test("the seeds' first lines give the expected metadata", arguments: [
        (SeedHeads.s000, [String](), ReportMetadata(agency: "托里县人民政府", reportYear: 2021, publishDate: "2022-02-26")),
        (SeedHeads.s001, [], ReportMetadata(agency: "江夏区人民政府", reportYear: 2021, publishDate: "2022-02-18")),
        (SeedHeads.s002, ["UedBet体育"], ReportMetadata(agency: "蘑菇气镇人民政府", reportYear: 2023, publishDate: nil)),
        (SeedHeads.s003, [], ReportMetadata(agency: "伊宁县人民政府", reportYear: 2023, publishDate: "2024-01-26")),
        (SeedHeads.s004, [], ReportMetadata(agency: "达州市通川区经济和信息化局", reportYear: 2021, publishDate: "2022-01-12")),
    ])
    func seeds(text: String, spam: [String], expected: ReportMetadata) {
        #expect(MetadataExtractor.extract(from: text, ignoring: spam) == expected)
    }

    @Test("a Chinese-numeral year in the title", arguments: [
        ("二〇二一年度达州市通川区经济和信息化局政府信息公开工作年度报告", 2021, "达州市通川区经济和信息化局"),
        ("托里县人民政府二〇二一年政府信息公开工作报告", 2021, "托里县人民政府"),
        ("托里县人民政府二○二二年政府信息公开工作报告", 2022, "托里县人民政府"),
        ("伊宁县人民政府二零一九年政府信息公开工作年度报告", 2019, "伊宁县人民政府"),
    ])
    func chineseNumeralYear(title: String, year: Int, agency: String) {
        let metadata = MetadataExtractor.extract(from: "\(title)\n一、总体情况\n本年度工作平稳。")
        #expect(metadata.reportYear == year)
        #expect(metadata.agency == agency)
        #expect(metadata.publishDate == nil)
    }

    @Test("the report year from the 统计期限, typo included, when the title has none")
    func statisticalPeriod() {
        let text = """
            达州市通川区经济和信息化局政府信息公开工作年度报告
            依据《塔城地区贯彻落实自治区2022年政务公开工作要点任务清单》有关要求,制作本报告。本报告中所列数据信息的统计期限为20211月1日至202112月31日。
            一、总体情况
            """
        let metadata = MetadataExtractor.extract(from: text)
        #expect(metadata.reportYear == 2021)
        #expect(metadata.agency == "达州市通川区经济和信息化局")
        #expect(MetadataExtractor.extract(from: text.replacingOccurrences(of: "20211月1日", with: "2020年1月1日")).reportYear == 2020)
    }

    @Test("the title's year wins over the publication year", arguments: [
        "发布日期:2022-01-12\n某某局2021年政府信息公开工作年度报告\n一、总体情况",
        "某某局2021年度政府信息公开工作报告\n2022年1月12日\n一、总体情况",
    ])
    func titleYear(text: String) {
        let metadata = MetadataExtractor.extract(from: text)
        #expect(metadata.reportYear == 2021)
        #expect(metadata.agency == "某某局")
        #expect(metadata.publishDate == "2022-01-12")
    }

    @Test("a 成文日期 is not a publish date", arguments: [
        "成文日期:2022-01-05",
        "成文日期：2022年1月5日",
        "成文时间:2022-01-05",
        "成文日期\n2022-01-05",
        "成文日期:\n2022-01-05",
        "索引号:000014349/2022-00012\n成文日期\n2022-01-05\n统计时间:2021年1月1日至2021年12月31日",
    ])
    func writtenDateOnly(metaLines: String) {
        let text = "某某县人民政府2021年政府信息公开工作年度报告\n\(metaLines)\n一、总体情况\n2022-03-01前完成整改。"
        let metadata = MetadataExtractor.extract(from: text)
        #expect(metadata.publishDate == nil)
        #expect(metadata.reportYear == 2021)
        #expect(metadata.agency == "某某县人民政府")
    }

    @Test("a 发布日期 next to a 成文日期 is the publish date", arguments: [
        "成文日期:2022-01-05 发布日期:2022-01-12",
        "成文日期:2022-01-05\n发布日期:2022-01-12",
        "成文日期\n2022-01-05\n发布日期\n2022-01-12",
        "发布时间：2022/1/12 10:00",
        "时间:2022.01.12",
    ])
    func publishedNextToWritten(metaLines: String) {
        let text = "某某县人民政府2021年政府信息公开工作年度报告\n\(metaLines)\n一、总体情况"
        #expect(MetadataExtractor.extract(from: text).publishDate == "2022-01-12")
    }

    @Test("dates in the body are not publish dates")
    func bodyDates() {
        // The first heading has a bullet: the head must still end there.
        let bulleted = "某某局2021年政府信息公开工作年度报告\n  • 一、总体情况\n2021年3月5日,本局召开政务公开专题会议。\n办理时间:2021-06-01"
        #expect(MetadataExtractor.extract(from: bulleted).publishDate == nil)
        // A date in the reported year, opening a preamble line, is inside the period reported on.
        let inYear = "某某局2021年政府信息公开工作年度报告\n2021年1月1日至2021年12月31日,本局共公开信息30条。\n一、总体情况"
        #expect(MetadataExtractor.extract(from: inYear).publishDate == nil)
    }

    @Test("impossible dates are rejected", arguments: ["发布日期:2022-13-01", "发布日期:2022-00-10", "发布日期:2022-02-32"])
    func invalidDates(line: String) {
        let text = "某某局2021年政府信息公开工作年度报告\n\(line)\n一、总体情况"
        #expect(MetadataExtractor.extract(from: text).publishDate == nil)
    }

    @Test("no title, no year: nothing is guessed")
    func nothing() {
        let metadata = MetadataExtractor.extract(from: "一、总体情况\n本年度工作平稳。")
        #expect(metadata == ReportMetadata(agency: nil, reportYear: nil, publishDate: nil))
    }
}
