import ReportModel
import Testing
@testable import SectionSegmentation

@Suite("Segmenting a document")
struct DocumentSegmentationTests {
    @Test("heading blocks and paragraph lines open sections by the same rules; tables go to their section")
    func blocks() {
        let grid = TableGrid(rows: [[.init("行政许可"), .init("5", columnSpan: 2)]])
        let document = Document(blocks: [
            .heading(level: 1, text: "某局2022年政府信息公开工作年度报告"),
            .paragraph("发布日期:2023-01-02\n一、总体情况\n正文。"),
            .heading(level: 0, text: "二、主动公开政府信息情况"),
            .paragraph("说明"),
            .table(grid),
            .heading(level: 3, text: "三、收到和处理政府信息公开申请情况"),
            // A heading block that is not a section heading is a line of its section.
            .heading(level: 4, text: "（一）收到申请"),
            .paragraph("四、结转下年度继续办理"),
        ])
        let result = SectionSegmenter.segment(document)
        #expect(result.sections.map(\.key) == [.preamble, .overview, .proactiveDisclosure, .applications])
        #expect(result.sections.map(\.text) == [
            "某局2022年政府信息公开工作年度报告\n发布日期:2023-01-02", "正文。", "说明\n| 行政许可 | 5 |  |",
            "（一）收到申请\n四、结转下年度继续办理",
        ])
        #expect(result.tables == [.proactiveDisclosure: [grid]])
    }

    @Test("plain text split into paragraphs anywhere segments as the whole text does")
    func paragraphsAnywhere() {
        let whole = SectionSegmenter.segment(compactReport)
        let lines = compactReport.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for cut in stride(from: 1, to: lines.count, by: 3) {
            let document = Document(blocks: [.paragraph(lines[..<cut].joined(separator: "\n")),
                                             .paragraph(lines[cut...].joined(separator: "\n"))])
            #expect(SectionSegmenter.segment(document).sections == whole, "cut at line \(cut)")
        }
    }
}
