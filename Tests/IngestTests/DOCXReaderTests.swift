import CorpusGenerator
import Foundation
@testable import Ingest
import ReportModel
import Testing

/// Word input: the seeds written as `.docx` read as their text does, merged cells on Word's grid,
/// and damaged files as their own `errors` rows.
@Suite struct DOCXReaderTests {
    typealias Cell = DOCXWriter.Cell

    /// Every table value of a seed is the same read from its Word rendering as from its text.
    @Test(arguments: WebSupport.seedNames)
    func aSeedAsAWordFileReadsLikeItsText(seed: String) throws {
        let text = try WebSupport.seedText(seed)
        let fromText = WebSupport.processor.process(data: Data(text.utf8), sourcePath: seed)
        let docx = try DOCXWriter.document(fromText: text)
        let fromWord = WebSupport.processor.process(data: docx, sourcePath: seed + ".docx")
        #expect(fromWord.sourceEncoding == "docx")
        #expect(fromWord.errors.isEmpty, "\(fromWord.errors)")
        #expect(fromWord.metadata == fromText.metadata)
        #expect(fromWord.sectionsFound == fromText.sectionsFound)
        let a = try #require(fromText.tables), b = try #require(fromWord.tables)
        #expect(b.applications.map(\.cell.value) == a.applications.map(\.cell.value))
        #expect(b.activeDisclosure.map(\.cell.value) == a.activeDisclosure.map(\.cell.value))
        #expect(b.reviewLitigation.map(\.cell.value) == a.reviewLitigation.map(\.cell.value))
        #expect(b.cellsFound == a.cellsFound && b.cellsFound > 100)
    }

    /// Table 三's group labels merged down the rows and the header merged across: each row still
    /// gets its seven values in order.
    @Test func mergedCellsLandOnWordsGrid() throws {
        let header: [[Cell]] = [
            [Cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", span: 2, merge: .restart), Cell("申请人情况", span: 7)],
            [Cell("", span: 2, merge: .continue), Cell("自然人", merge: .restart), Cell("法人或其他组织", span: 5), Cell("总计", merge: .restart)],
            [Cell("", span: 2, merge: .continue), Cell("", merge: .continue), Cell("商业企业"), Cell("科研机构"), Cell("社会公益组织"),
             Cell("法律服务机构"), Cell("其他"), Cell("", merge: .continue)],
        ]
        func values(_ v: [Int]) -> [Cell] { v.map { Cell(String($0)) } }
        let body: [[Cell]] = [
            [Cell("一、本年新收政府信息公开申请数量", span: 2)] + values([10, 1, 0, 0, 0, 0, 11]),
            [Cell("二、上年结转政府信息公开申请数量", span: 2)] + values([2, 0, 0, 0, 0, 0, 2]),
            [Cell("三、本年度办理结果", merge: .restart), Cell("（一）予以公开")] + values([5, 1, 0, 0, 0, 0, 6]),
            [Cell("", merge: .continue), Cell("（二）部分公开（区分处理的，只计这一情形，不计其他情形）")] + values([1, 0, 0, 0, 0, 0, 1]),
        ]
        let docx = try DOCXWriter.document([.paragraph("三、收到和处理政府信息公开申请情况", heading: 1), .table(header + body)])
        guard case .success(let lines) = DOCXReader.read(docx) else { Issue.record("the file should open"); return }
        #expect(lines.contains(.row(["三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "1", "0", "0", "0", "0", "0", "1"])),
                "the merged group label repeats on the row it covers")
        #expect(lines.contains(.row(["一、本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请数量", "10", "1", "0", "0", "0", "0", "11"])))
        let report = WebSupport.processor.process(data: docx, sourcePath: "merged.docx")
        let applications = try #require(report.tables?.applications)
        let rows = Dictionary(grouping: applications, by: \.rowKey).mapValues { $0.map(\.cell.value) }
        #expect(rows["new_received"] == [10, 1, 0, 0, 0, 0, 11])
        #expect(rows["carried_over"] == [2, 0, 0, 0, 0, 0, 2])
        #expect(rows["granted"] == [5, 1, 0, 0, 0, 0, 6])
        #expect(rows["partially_granted"] == [1, 0, 0, 0, 0, 0, 1])
    }

    @Test func aDamagedWordFileIsAnErrorRow() throws {
        let docx = try DOCXWriter.document([.paragraph("正文")])
        let cut = docx.prefix(docx.count / 2)
        let report = WebSupport.processor.process(data: Data(cut), sourcePath: "cut.docx")
        #expect(report.errors.map(\.code) == ["broken_docx"])
        #expect(report.status == .failed)
    }
}

/// Word's wrappers around a table's parts, as templates and editing leave them: rows and cells in
/// content controls (`w:sdt`), a cell's paragraph in one, a row deleted with changes tracked.
@Suite struct DOCXWrapperTests {
    static func document(_ body: String) -> Data {
        Data(("""
            <?xml version="1.0" encoding="UTF-8"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
            """ + body + "</w:body></w:document>").utf8)
    }
    static func cell(_ text: String) -> String { "<w:tc><w:p><w:r><w:t>\(text)</w:t></w:r></w:p></w:tc>" }
    static func sdt(_ inner: String) -> String { "<w:sdt><w:sdtPr/><w:sdtContent>\(inner)</w:sdtContent></w:sdt>" }

    @Test func contentControlsAreLookedInto() throws {
        let rows = [
            "<w:tr>" + Self.cell("规章") + Self.sdt(Self.cell("1")) + Self.cell("2") + "<w:tc>" + Self.sdt("<w:p><w:r><w:t>3</w:t></w:r></w:p>") + "</w:tc></w:tr>",
            Self.sdt("<w:tr>" + Self.cell("行政规范性文件") + Self.cell("4") + Self.cell("5") + Self.cell("6") + "</w:tr>"),
            "<w:tr><w:trPr><w:del w:id=\"1\" w:author=\"a\"/></w:trPr>" + Self.cell("行政规范性文件") + Self.cell("9") + Self.cell("9") + Self.cell("9") + "</w:tr>",
        ]
        let lines = try DOCXReader.lines(documentXML: Self.document("<w:tbl>" + rows.joined() + "</w:tbl>")).get()
        #expect(lines == [LaidOutLine.row(["规章", "1", "2", "3"]), LaidOutLine.row(["行政规范性文件", "4", "5", "6"])])
    }
}
