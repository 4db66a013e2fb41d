import SystemBytes
import Testing
import ReportModel
@testable import TableExtraction

@Suite("CellGrid: layouts")
struct CellGridTests {
    func rows(_ text: String) -> [[String]] { CellGrid(text: text).rows }

    @Test("pipe rows, with and without opening pipe, with trailing | || junk")
    func pipe() {
        #expect(rows("规章 | 0 | 1 | 2 |\n行政规范性文件 | 3 | 4 | 5 |\n第二十条第(五)项 | |||")
                == [["规章", "0", "1", "2"], ["行政规范性文件", "3", "4", "5"], ["第二十条第(五)项", "", "", ""]])
        #expect(rows("| a | b |\n| c | d |\n| e | f |") == [["a", "b"], ["c", "d"], ["e", "f"]])
        // An empty cell between pipes stays a cell.
        #expect(rows("a | 1 |  | 3 |\nb | 4 | 5 | 6 |\nc | 7 | 8 |  |")
                == [["a", "1", "", "3"], ["b", "4", "5", "6"], ["c", "7", "8", ""]])
        // Seed 001: `?` and NBSP stay in the cell for CellReader.
        #expect(rows("规章 | 0 | ? ? 0 | ?0 |\nx | y |\nz | w |")[0] == ["规章", "0", "? ? 0", "?0"])
    }

    @Test("cells are trimmed of every space separator and tab, and of nothing else")
    func cellTrimming() {
        // Each of Unicode's White_Space characters at a cell's ends: the space separators (Zs) and
        // tab go, line separators and other controls stay (the scalar-level trim's answer).
        let white: [Unicode.Scalar] = ["\u{09}", "\u{0B}", "\u{0C}", "\u{20}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}",
                                       "\u{2005}", "\u{200A}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}"]
        for s in white {
            let w = String(s)
            let line = "\(w)规章\(w)|\(w)\(w)12\(w)|\(w)|x\(w)y"
            let expected = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingSpaceScalars() }
            #expect(CellGrid.split(line, at: UInt8(ascii: "|")) == expected, "U+\(String(s.value, radix: 16))")
        }
        #expect(CellGrid.split("\u{3000}规章\u{00A0}| 12 |\u{2028}", at: UInt8(ascii: "|")) == ["规章", "12", "\u{2028}"])
    }

    @Test("markdown: rule lines dropped, empty cells kept")
    func markdown() {
        let text = "| 信息内容 | 本年制发件数 | 本年废止件数 |\n|---|:---:|---:|\n| 规章 | 1 |  |\n| 行政规范性文件 |  | 2 |"
        #expect(rows(text) == [["信息内容", "本年制发件数", "本年废止件数"], ["规章", "1", ""], ["行政规范性文件", "", "2"]])
    }

    @Test("drawn tables: box-drawing and full-width bars are pipes, their rule lines go")
    func drawnTables() {
        let expected = [["信息内容", "本年制发件数", "本年废止件数"], ["规章", "1", ""], ["行政规范性文件", "", "2"]]
        let box = "┌────┬────┬────┐\n│信息内容│本年制发件数│本年废止件数│\n├────┼────┼────┤\n│规章│1│ │\n├────┼────┼────┤\n│行政规范性文件│ │2│\n└────┴────┴────┘"
        #expect(rows(box) == expected)
        #expect(rows(box.replacingOccurrences(of: "│", with: "┃")) == expected)
        #expect(rows(box.replacingOccurrences(of: "│", with: "║")) == expected)
        #expect(rows("信息内容｜本年制发件数｜本年废止件数\n规章｜1｜ ｜\n行政规范性文件｜｜2") == expected)
        let grid = "+------+------+------+\n| 信息内容 | 本年制发件数 | 本年废止件数 |\n+======+======+======+\n| 规章 | 1 |  |\n+------+------+------+\n| 行政规范性文件 |  | 2 |\n+------+------+------+"
        #expect(rows(grid) == expected)
        // A lone mark for a missing value is a cell, not a rule.
        #expect(CellGrid.isRuleLine("+----+----+") && CellGrid.isRuleLine("├──┼──┤") && CellGrid.isRuleLine("===="))
        #expect(!CellGrid.isRuleLine("=") && !CellGrid.isRuleLine("—") && !CellGrid.isRuleLine("+1"))
    }

    @Test("single spaces: a label, then values each after one space")
    func singleSpaces() {
        let text = "信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 17 — 8\n行政规范性文件 0 0 0\n行政许可 833\n全年共受理申请 12 件"
        #expect(rows(text) == [["信息内容 本年制发件数 本年废止件数 现行有效件数"], ["规章", "17", "—", "8"],
                               ["行政规范性文件", "0", "0", "0"], ["行政许可", "833"], ["全年共受理申请 12 件"]])
        #expect(CellGrid.labelThenValues("3.其他 3 1 1 1 1 0 7") == ["3.其他", "3", "1", "1", "1", "1", "0", "7"])
        #expect(CellGrid.labelThenValues("三、本年度办理结果 （六）其他处理 3.其他 0 1 7")
                == ["三、本年度办理结果", "（六）其他处理", "3.其他", "0", "1", "7"])
        // No Chinese label, or no number among the values: not a row.
        #expect(CellGrid.labelThenValues("2 64 6") == nil)
        #expect(CellGrid.labelThenValues("其他 —") == nil)
        #expect(CellGrid.labelThenValues("Page 3") == nil)
    }

    @Test("tab-separated rows keep empty cells, also the first and the last")
    func tabs() {
        let text = "一、本年新收\t1\t2\t3\n二、上年结转\t4\t\t6\n（七）总计\t7\t8\t\n\t行政诉讼\t"
        #expect(rows(text) == [["一、本年新收", "1", "2", "3"], ["二、上年结转", "4", "", "6"], ["（七）总计", "7", "8", ""],
                               ["", "行政诉讼", ""]])
    }

    @Test("runs of two or more spaces separate cells; one space stays inside a cell")
    func spaces() {
        let text = "自然 人  法人或其他组织   总计\n商业 企业  科研 机构  其他\n一、本年新收    1,234  ５  —"
        #expect(rows(text) == [["自然 人", "法人或其他组织", "总计"], ["商业 企业", "科研 机构", "其他"],
                               ["一、本年新收", "1,234", "５", "—"]])
    }

    @Test("one cell per line, blank lines between cells")
    func cellPerLine() {
        #expect(rows("规章\n\n0\n\n1\n\n2") == [["规章"], ["0"], ["1"], ["2"]])
        // Seed 004: indented lines; seed 003: stray spaces around values.
        #expect(rows("    规章\n\n    0\n\n 1\n\n2 ") == [["规章"], ["0"], ["1"], ["2"]])
        // A prose line with a double space does not make it a spaces layout (seed 003 preamble).
        #expect(rows("2024-01-26   伊宁县人民政府办公室\n\n规章\n\n0\n\n0\n\n0")
                == [["2024-01-26   伊宁县人民政府办公室"], ["规章"], ["0"], ["0"], ["0"]])
    }

    @Test("one cell per line: each blank line beyond the usual separation is an empty cell")
    func blankLineEmptyCells() {
        // Separation of one blank line; one extra blank line = one empty cell (seed 000).
        #expect(rows("a\n\n1\n\n2\n\n\n4\n\n5").flatMap { $0 } == ["a", "1", "2", "", "4", "5"])
        #expect(rows("a\n\n1\n\n\n\n4\n\n5\n\n6").flatMap { $0 } == ["a", "1", "", "", "4", "5", "6"])
        // No blank lines between cells: one blank line = one empty cell.
        #expect(rows("a\n1\n2\n\n4\n5").flatMap { $0 } == ["a", "1", "2", "", "4", "5"])
        // Blank lines before and after the table are not cells.
        #expect(rows("\n\n\na\n\n1\n\n2\n\n\n\n").flatMap { $0 } == ["a", "1", "2"])
    }

    @Test("cells in reading order mark the start of each row")
    func cellsOrder() {
        let grid = CellGrid(rows: [["a", "1"], ["b", "2", "3"]])
        #expect(grid.cells.map(\.text) == ["a", "1", "b", "2", "3"])
        #expect(grid.cells.map(\.rowStart) == [true, false, true, false, false])
    }

    @Test("every renderer layout gives the same cells as the table's rows", arguments: Layout.allCases)
    func rendererLayouts(layout: Layout) {
        let table = [["行政复议", "行政诉讼"], ["结果维持", "结果纠正", "总计"], ["1", "22", "1,234"], ["自然 人", "x", "y"]]
        let text = TableRenderer(layout: layout).text(table)
        var cells = CellGrid(text: text).cells.map(\.text)
        // Padded tab rows add empty cells before the values; PDF layout text may print the numbers
        // single-spaced, read as separate cells by the parsers (`ReadCells`).
        if layout == .tabPadded { cells = cells.filter { !$0.isEmpty } }
        if layout == .pdf { cells = cells.flatMap { ReadCells.numberRun($0) ?? [$0] } }
        let expected = layout == .cellPerLine ? table.flatMap { $0 } : table.flatMap { $0 + (layout == .markdown ? Array(repeating: "", count: 3 - $0.count) : []) }
        #expect(cells == expected, "\(text)")
    }
}
