import ReportModel
import Testing
@testable import ScriptNormalization

@Suite("Normalising a document")
struct DocumentNormalizationTests {
    @Test("every text is normalised in place: headings, paragraphs and cells, spans kept, the script classified over all")
    func inPlace() throws {
        let normalizer = try Shared.normalizer.get()
        let document = Document(blocks: [
            .heading(level: 1, text: "江夏區(qū)政府信息公開工作年度報(bào)告"),
            .paragraph("第一行\n\n第三行?\u{3000}"),
            .table(TableGrid(rows: [[.init("規章", rowSpan: 2), .init("? ? 0"), .init("?")],
                                    [.init("１２"), .init("行政許可\n處罰", columnSpan: 2)]])),
        ])
        let result = normalizer.normalize(document)
        #expect(result.document.blocks == [
            .heading(level: 1, text: "江夏区政府信息公开工作年度报告"),
            .paragraph("第一行\n\n第三行 "),
            .table(TableGrid(rows: [[.init("规章", rowSpan: 2), .init("0"), .init("")],
                                    [.init("12"), .init("行政许可\n处罚", columnSpan: 2)]])),
        ])
        #expect(result.summary.sourceScript == .traditional)
        #expect(result.summary.pinyinAnnotationsRemoved == 2)
    }

    @Test("the joined text is cut back by line counts; a count that does not add up gives other pieces")
    func split() {
        #expect(ScriptNormalizer.split("a\nb\n\nc\nd", lineCounts: [2, 1, 2]) == ["a\nb", "", "c\nd"])
        #expect(ScriptNormalizer.split("a\n\n", lineCounts: [1, 1, 1]) == ["a", "", ""])
        #expect(ScriptNormalizer.split("a\nb", lineCounts: [1, 2]).count != 2)
        #expect(ScriptNormalizer.split("a\nb\nc", lineCounts: [1, 1]).count != 2)
    }
}
