@testable import CorpusGenerator
import Foundation
import ReportModel
import Testing
@testable import TableExtraction

/// The cases the seeds show, written out: seed 000's row with six values and an extra blank line,
/// seed 001's table 四 behind header rows padded with `| ||` junk.
@Suite("Seed-like cases")
struct SeedCaseTests {
    /// Seed 000, row （二）部分公开: `0`, blank, `0`, blank, blank, `0`, … — six values for seven
    /// columns, the extra blank line standing for the empty third cell.
    @Test("one cell per line: six values and an extra blank line make the third cell nil, the others read")
    func seed000EmptyThirdCell() throws {
        let text = """
        三、本年度办理结果

        (一)予以公开

        1

        2

        3

        4

        5

        6

        21

        (二)部分公开(区分处理的,只计这一情形,不计其他情形)

        11

        12


        14

        15

        16

        57

        (三)不予公开
        """
        let grid = CellGrid(text: text)
        #expect(grid.cells.map(\.text) == ["三、本年度办理结果", "(一)予以公开", "1", "2", "3", "4", "5", "6", "21",
                                           "(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
                                           "11", "12", "", "14", "15", "16", "57", "(三)不予公开"])
        let parsed = ApplicationsParser.parse(grid)
        let row = parsed.cells.filter { $0.rowKey == "partially_granted" }
        #expect(row.map(\.columnKey) == Vocab.columnKeys)
        #expect(row.map(\.cell.value) == [11, 12, nil, 14, 15, 16, 57].map { $0.map { Decimal($0) } })
        #expect(row[2].cell.raw == "")
        #expect(!parsed.flags.contains(.shortRows))
        #expect(parsed.cells.filter { $0.rowKey == "granted" }.map(\.cell.value) == [1, 2, 3, 4, 5, 6, 21].map { Decimal($0) })
    }

    /// One cell per line with a blank line too many and one cell too many: either the blank is an
    /// empty cell and the last value is not the row's (a page number), or the blank is a stray
    /// paragraph break. Values that add up to their total settle it; otherwise nothing is placed.
    @Test("one cell per line: a stray blank line is told from an empty cell by the row's total", arguments: [
        (["11", "12", "", "13", "14", "15", "16", "81"], [11, 12, 13, 14, 15, 16, 81] as [Int?]),
        (["", "11", "12", "13", "14", "15", "16", "81"], [11, 12, 13, 14, 15, 16, 81]),
        (["11", "12", "", "13", "14", "15", "16", "85"], [nil, nil, nil, nil, nil, nil, nil]),
    ])
    func strayBlankLine(cells: [String], expected: [Int?]) {
        // One blank line between cells; an empty cell is one more.
        let text = "(二)部分公开(区分处理的,只计这一情形,不计其他情形)\n\n"
            + cells.map { $0.isEmpty ? "\n" : $0 + "\n\n" }.joined() + "(三)不予公开"
        let grid = CellGrid(text: "三、本年度办理结果\n\n(一)予以公开\n\n1\n\n2\n\n3\n\n4\n\n5\n\n6\n\n21\n\n" + text)
        #expect(grid.cells.map(\.text).dropFirst(10).prefix(8).elementsEqual(cells))
        let parsed = ApplicationsParser.parse(grid)
        let row = parsed.cells.filter { $0.rowKey == "partially_granted" }
        #expect(row.map(\.cell.value) == expected.map { $0.map { Decimal($0) } })
        #expect(parsed.flags.contains(.ambiguousRows) == expected.contains(nil))
    }

    /// The same through the whole extractor, in seed 000's look (no 自然人 and 总计 header, ASCII brackets, 1、 numbering).
    @Test("seed 000 look: the empty cell is missing and only its identities are skipped", arguments: templates)
    func seed000Report(template: TemplateKind) {
        var values = ReportValues.distinct(template, seed: 31)
        let partially = values.rows.firstIndex { $0.key == "partially_granted" }!
        values.applications[partially][2] = nil
        var style = RenderStyle.plain
        (style.header, style.brackets, style.numbering) = (.dropped, .ascii, .comma)
        let (texts, tables) = renderAndExtract(values, .cellPerLine, style)
        // The rendering has the seed's shape: seven value lines but one, and a two-line gap.
        let lines = texts[.applications]!.components(separatedBy: "\n")
        let start = lines.firstIndex { $0.hasPrefix("(二)部分公开") }!
        let after = Array(lines[(start + 1)...].prefix(15))
        #expect(after.filter { !$0.isEmpty }.count == 7)  // six values, then the next label
        #expect(after[4] == "" && after[5] == "" && !after[6].isEmpty)

        #expect(cellMismatches(values, tables).isEmpty, "\(cellMismatches(values, tables))")
        #expect(tables.flags.isSuperset(of: [.emptyCells, .missingHeaderCells, .checksIncomplete]))
        #expect(!tables.flags.contains(.shortRows))
        let checks = checkKeys(tables)
        #expect(checks.all == values.allCheckKeys.subtracting([
            CheckKey(.rowTotalIsSum, "total", "partially_granted"), CheckKey(.resultsTotalIsSum, "research_institution"),
        ]))
        #expect(checks.failed.isEmpty)
    }

    /// A table flattened column by column (every label, then every value): the last label is
    /// followed by all the values, none of which can be told to be its.
    @Test("one cell per line: labels first and values after them place nothing")
    func columnByColumn() {
        let labels = ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "四、结转下年度继续办理"]
        let values = (1...21).map(String.init)
        let grid = CellGrid(text: (labels + values).joined(separator: "\n\n"))
        let parsed = ApplicationsParser.parse(grid)
        #expect(parsed.cells.allSatisfy { $0.cell.value == nil })
        #expect(parsed.flags.contains(.ambiguousRows))
        let run = values.map { CellValue(value: Decimal(string: $0), raw: $0) }
        #expect(ValuePlacement.place(Array(run.prefix(14)), columns: 7, oneCellPerLine: true) == .ambiguous)
        #expect(ValuePlacement.place(Array(run.prefix(8)), columns: 7, oneCellPerLine: true) == .placed(Array(run.prefix(7))))
    }

    /// A row with one cell too many: a merged cell written twice (`415個 | 415個`) is collapsed,
    /// but a run of zeros is no such copy (the row's label numbering `5` read as a number, from a
    /// Word-made PDF, put 5 into 自然人).
    @Test("a run of zeros is not a merged cell's copies")
    func zerosAreNoCopies() {
        func cells(_ raw: [String]) -> [CellValue] { raw.map { CellValue(value: Decimal(string: $0.replacingOccurrences(of: "個", with: "")), raw: $0) } }
        #expect(ValuePlacement.place(cells(["5", "3", "0", "0", "0", "0", "0", "3"]), columns: 7, oneCellPerLine: false) == .ambiguous)
        #expect(ValuePlacement.place(cells(["1", "415個", "415個", "2", "0", "0", "0", "418"]), columns: 7, oneCellPerLine: false)
                == .placed(cells(["1", "415個", "2", "0", "0", "0", "418"])))
    }

    /// Seed 001's table 四 (script normalised): header rows end in `| |||||` junk right before the values' row.
    @Test("seed 001: the values' row is read whole, not shifted by the junk of the header row above")
    func seed001ReviewTable() {
        let text = """
        行政复议 | 行政诉讼 | |||||||||||||
        结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 | ||||||||
        结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | |||||
        5 | 0 | 5 | 3 | 13 | 0 | 0 | 0 | 3 | 3 | 0 | 0 | 0 | 0 | 0 |
        """
        let tables = TableExtractor().extract(.init(sectionTexts: [.reviewLitigation: text]))
        #expect(tables.reviewLitigation.map(\.cell.value) == [5, 0, 5, 3, 13, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0].map { Decimal($0) })
        #expect(tables.checks.allSatisfy { $0.passed })
        #expect(tables.checks.count == 3)
    }

    /// A Word-made PDF whose fifteen narrow columns wrap four cells: the values' row holds fifteen
    /// cells with four blanks, and the wrapped pieces stand on the line below. The pieces are not
    /// the blanks' in order (a blank's piece may be any of them): the row's own cells are placed,
    /// the blanks stay missing, and nothing moves into another cell.
    @Test("table 四 with cells wrapped onto the next line: the row as it stands, nothing shifted")
    func reviewWithWrappedCells() throws {
        let grid = CellGrid(rows: [
            ["行政复议", "行政诉讼"],
            ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"],
            ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
             "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
            ["", "0", "6", "3", "", "0", "0", "0", "", "43", "0", "2", "", "3", "5"],
            ["0", "9", "43", "0"],
        ])
        let parsed = try #require(ReviewLitigationParser.parse(grid))
        #expect(parsed.cells.map(\.cell.value)
                == [nil, 0, 6, 3, nil, 0, 0, 0, nil, 43, 0, 2, nil, 3, 5].map { $0.map { Decimal($0) } })
    }

    @Test("table 四 padded header rows in every layout, values with an empty first cell", arguments: Layout.allCases)
    func reviewWithEmptyFirstValue(layout: Layout) {
        var values = ReportValues.distinct(.t2021, seed: 41)
        values.review[0] = nil
        var style = RenderStyle.plain
        style.junk = true
        style.header = .repeated
        let (texts, tables) = renderAndExtract(values, layout, style)
        #expect(cellMismatches(values, tables).isEmpty, "\(cellMismatches(values, tables))\n\(dump(texts))")
    }
}
