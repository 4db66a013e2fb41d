import Ingest
import ReportModel
import Testing

/// The traps of real pages around the title: index numbers, 成文日期, "today is" dates, links to
/// other years' reports, short agency names, Chinese-numeral years, Taiwan wording.
@Suite struct MetadataTrapTests {
    @Test func publishDateIsTheOneNextToTheTitleNotTheWrittenDateOrTheIndex() {
        let page = """
            索引号：000014349/2022-00035
            发布机构：和静县人民政府办公室
            成文日期：2022-01-10
            发布日期：2022-01-28
            和静县2021年政府信息公开工作年度报告
            根据《中华人民共和国政府信息公开条例》，和静县人民政府编制本报告。
            一、总体情况
            """
        let m = MetadataExtractor.extract(from: page)
        #expect(m.publishDate == "2022-01-28")
        #expect(m.reportYear == 2021)
        #expect(m.agency == "和静县人民政府")
    }

    @Test func todayIsDatesAndOtherYearsReportsAreIgnored() {
        let page = """
            今天是：2024年3月5日 星期二
            2024年03月05日 星期二
            上一篇：和静县2020年政府信息公开工作年度报告
            下一篇：和静县2022年政府信息公开工作年度报告
            和静县人民政府2021年政府信息公开工作年度报告
            一、总体情况
            2021年，和静县人民政府……
            """
        let m = MetadataExtractor.extract(from: page)
        #expect(m.reportYear == 2021)
        #expect(m.agency == "和静县人民政府")
        #expect(m.publishDate == nil)
    }

    @Test func chineseNumeralYearAndShortAgencyName() {
        let page = """
            伊宁县二〇二一年政府信息公开工作年度报告
            2022-01-20
            一、总体情况
            二〇二一年，伊宁县人民政府坚持……伊宁县人民政府办公室负责……
            """
        let m = MetadataExtractor.extract(from: page)
        #expect(m.reportYear == 2021)
        #expect(m.agency == "伊宁县人民政府")
        #expect(m.publishDate == "2022-01-20")
    }

    @Test func reportYearFromTheStatisticsPeriodWhenTheTitleHasNone() {
        let page = """
            政府信息公开工作年度报告
            本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。
            一、总体情况
            """
        #expect(MetadataExtractor.extract(from: page).reportYear == 2022)
    }

    @Test func taiwanWordingInTheTitle() {
        // 政府資訊公開 (Taiwan) after t2s: 政府资讯公开.
        let page = """
            江夏区2021年政府资讯公开工作年度报告
            发布日期:2022-02-18
            一、总体情况
            2021年，江夏区人民政府……
            """
        let m = MetadataExtractor.extract(from: page)
        #expect(m.reportYear == 2021)
        #expect(m.agency == "江夏区人民政府")
        #expect(m.publishDate == "2022-02-18")
    }
}
