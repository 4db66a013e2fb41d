import ReportModel
import Testing
@testable import TableExtraction

@Suite("CellGrid from table blocks")
struct CellGridTablesTests {
    @Test("tables one after the other, spans expanded, cells trimmed, covered positions marked")
    func tables() {
        let first = TableGrid(rows: [
            [.init("一、本年新收政府信息公开申请数量", columnSpan: 2), .init(" 12 "), .init("3", columnSpan: 2)],
            [.init(""), .init("")],
        ])
        let second = TableGrid(texts: [["行政许可", "5"]])
        let grid = CellGrid(tables: [first, second])
        #expect(grid.rows == [
            ["一、本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请数量", "12", "3", ""],
            ["行政许可", "5"],
        ])
        #expect(grid.covered == [[false, true, false, false, true], [false, false]])
        #expect(CellGrid(text: "a | b\nc | d\ne | f").covered == nil)
    }
}
