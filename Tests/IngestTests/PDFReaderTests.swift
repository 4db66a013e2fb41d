import Foundation
import Ingest
import Testing

/// PDF input: what cannot be read is an `errors` row of its own kind, never an empty report; and
/// the layout rebuilt from word boxes keeps every number in its row and column.
@Suite struct PDFReaderTests {
    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: WebSupport.fixtures.appendingPathComponent("pdf/\(name)"))
    }

    @Test func aPDFWithTextIsRead() throws {
        guard case .success(let document) = PDFReader.read(try Self.fixture("text.pdf")) else {
            Issue.record("text.pdf should open"); return
        }
        #expect(PDFLayout.text(of: document.pages) == "Annual report 2024")
    }

    /// `glued.pdf` is `glued.html` printed by Chromium: its table's columns are as narrow as their
    /// numbers, which poppler reads as one word (`45612153715147`). Each digit that ends a number
    /// is wider than the same digit elsewhere by the gap before the next: the words are cut there.
    /// The paragraph's `2024` and `3940` stay whole.
    @Test func numbersGluedInNarrowColumnsAreCutApart() throws {
        guard case .success(let document) = PDFReader.read(try Self.fixture("glued.pdf")) else {
            Issue.record("glued.pdf should open"); return
        }
        let lines = PDFLayout.lines(of: document.pages)
        let rows = lines.compactMap { line -> [String]? in if case .row(let cells) = line { cells } else { nil } }
        let numbers = rows.map { $0.joined(separator: " ").split(separator: " ").map(String.init) }
            .filter { $0.allSatisfy { $0.allSatisfy(\.isNumber) } }
        #expect(numbers == [["4561", "215", "371", "5147"], ["0", "0", "0", "0"], ["1", "2", "3", "6"], ["１６", "０", "２０", "３６"]])
        let text = PDFLayout.text(of: document.pages)
        #expect(text.contains("2024") && text.contains("3940元"))
    }

    /// `1046 件` in a Word cell (a no-break space before the unit): the unit, one of its own widths
    /// away, is the number's. A unit further off stays a cell.
    @Test func aUnitASpaceAwayIsItsNumbers() {
        func row(unitAt x0: Double) -> [String]? {
            let words = [Word("行政许可", x0: 76.9, y0: 747.7, x1: 106.9, y1: 755.4), Word("1046", x0: 176.6, y0: 747.7, x1: 190.5, y1: 755.4),
                         Word("件", x0: x0, y0: 747.7, x1: x0 + 7.5, y1: 755.4)]
            let lines = PDFLayout.lines(of: [PDFReader.Page(width: 595, height: 842, words: words)])
            guard case .row(let cells) = lines.first else { return nil }
            return cells
        }
        #expect(row(unitAt: 198.0) == ["行政许可", "1046件"])
        #expect(row(unitAt: 230.0) == ["行政许可", "1046", "件"])
    }

    /// A word of a narrow column's table, on text line `line` (a leading of 9 points).
    static func word(_ text: String, _ x: Double, line: Int) -> Word {
        Word(text, x0: x, y0: 100 + Double(line) * 9, x1: x + Double(text.count) * 5, y1: 107 + Double(line) * 9)
    }
    static let narrowColumns: [Double] = [50, 80, 110, 140, 170, 200, 230]

    /// Table 四's fifteen narrow columns in a Word-made PDF: a number too wide for its cell goes
    /// on on the next line (`11` over `7個`, `12` over `9件`), also beside a cell that is no number.
    @Test func numbersWrappedInNarrowCellsAreJoined() {
        let top = ["6件", "11", "6件", "0個", "12", "0個", "1件"].enumerated().map { Self.word($0.element, Self.narrowColumns[$0.offset], line: 0) }
        let rest = [Self.word("7個", 80, line: 1), Self.word("9件", 170, line: 1)]
        let lines = PDFLayout.lines(of: [PDFReader.Page(width: 595, height: 842, words: top + rest)])
        #expect(lines == [.row(["6件", "117個", "6件", "0個", "129件", "0個", "1件"])])
        // A piece under a cell that is no number makes that cell unreadable, not the next one's.
        let noisy = ["? ?", "11", "4", "12", "0", "3"].enumerated().map { Self.word($0.element, Self.narrowColumns[$0.offset], line: 0) }
        let pieces = [Self.word("0", 50, line: 1), Self.word("6", 80, line: 1)]
        #expect(PDFLayout.lines(of: [PDFReader.Page(width: 595, height: 842, words: noisy + pieces)])
                == [.row(["? ?0", "116", "4", "12", "0", "3"])])
    }

    /// Centred in a cell too narrow for it, a number wrapped over three lines has its middle in
    /// the row and its first piece one leading above: `12` over `34` over `5` is 12345, not 34;
    /// the same with the quotes of a cell copied from a spreadsheet (`"1` over `13` over `"`).
    @Test func numbersWrappedOverThreeLinesAreWhole() {
        let row = ["2", "34", "0", "17", "0", "13", "0"].enumerated().map { Self.word($0.element, Self.narrowColumns[$0.offset], line: 1) }
        let pieces = [Self.word("12", 80, line: 0), Self.word("5", 80, line: 2)]
        #expect(PDFLayout.lines(of: [PDFReader.Page(width: 595, height: 842, words: row + pieces)])
                == [.row(["2", "12345", "0", "17", "0", "13", "0"])])
        let quoted = ["\"2\"", "13", "\"0\"", "17", "\"0\"", "\"0\"", "\"0\""].enumerated().map { Self.word($0.element, Self.narrowColumns[$0.offset], line: 1) }
        let quotes = [Self.word("\"1", 80, line: 0), Self.word("\"1", 140, line: 0), Self.word("\"", 80, line: 2), Self.word("\"", 140, line: 2)]
        #expect(PDFLayout.lines(of: [PDFReader.Page(width: 595, height: 842, words: quoted + quotes)])
                == [.row(["\"2\"", "\"113\"", "\"0\"", "\"117\"", "\"0\"", "\"0\"", "\"0\""])])
        // A line of labels above the row is no number's piece.
        let heading = [Self.word("结果", 80, line: 0)]
        #expect(PDFLayout.lines(of: [PDFReader.Page(width: 595, height: 842, words: row + heading)])
                == [.text("结果"), .row(["2", "34", "0", "17", "0", "13", "0"])])
    }

    /// A row broken across a page with its numbers wrapped: the rest of each number opens the next
    /// page, under the number it belongs to (`14` at the foot of page 3, `3` at the head of page 4).
    /// A full row at the head of the next page is that page's own row.
    @Test func numbersWrappedAcrossAPageAreWhole() {
        func word(_ text: String, _ x: Double, y: Double, width: Double = 14.4) -> Word {
            Word(text, x0: x, y0: y, x1: x + width, y1: y + 15.6, spaceAfter: true)
        }
        let xs: [Double] = [433.8, 466.1, 483.6, 497.5, 515.0, 532.5, 550.6]
        let foot = [word("1、信访举报投诉类申请", 311, y: 791.2, width: 79.6)]
            + ["52", "0", "0", "14", "12", "10", "42"].enumerated().map { word($0.element, xs[$0.offset], y: 791.2) }
        let head = ["3", "0", "9", "4"].enumerated().map { word($0.element, xs[$0.offset + 3] + 3.6, y: 29.6, width: 7.2) }
        let next = [word("2、重复申请", 329, y: 67.6, width: 43.6)]
            + ["92", "0", "89", "0", "30", "0", "211"].enumerated().map { word($0.element, xs[$0.offset], y: 67.6) }
        let pages = [PDFReader.Page(width: 595, height: 842, words: foot), PDFReader.Page(width: 595, height: 842, words: head + next)]
        #expect(PDFLayout.lines(of: pages) == [.row(["1、信访举报投诉类申请", "52", "0", "0", "143", "120", "109", "424"]),
                                               .row(["2、重复申请", "92", "0", "89", "0", "30", "0", "211"])])
        let numbersOnly = ["5", "0", "1", "0", "2", "0", "8"].enumerated().map { word($0.element, xs[$0.offset], y: 29.6) }
        let unbroken = [PDFReader.Page(width: 595, height: 842, words: foot), PDFReader.Page(width: 595, height: 842, words: numbersOnly)]
        #expect(PDFLayout.lines(of: unbroken) == [.row(["1、信访举报投诉类申请", "52", "0", "0", "14", "12", "10", "42"]),
                                                  .row(["5", "0", "1", "0", "2", "0", "8"])])
    }

    /// Word lets a table row break across pages: the last lines of row 4's label stand at the top
    /// of the next page, as close to row 5's label as its own lines. They are not row 5's.
    @Test func aLabelBrokenAcrossPagesIsNotTheNextRows() {
        func row(_ label: String, _ values: [String], y: Double) -> [Word] {
            [Word(label, x0: 165.7, y0: y, x1: 197.9, y1: y + 10.5)]
                + values.enumerated().map { Word($0.element, x0: 212 + Double($0.offset) * 47, y0: y, x1: 218 + Double($0.offset) * 47, y1: y + 10.5) }
        }
        func line(_ text: String, y: Double) -> Word { Word(text, x0: 165.7, y0: y, x1: 197.2, y1: y + 10.5) }
        let zeros = Array(repeating: "0", count: 7)
        let first = PDFReader.Page(width: 595, height: 842, words:
            row("3、要求提", zeros, y: 658) + [line("供公开出版", y: 670.5), line("物", y: 683)] + row("4、无正当", zeros, y: 695.5))
        let second = PDFReader.Page(width: 595, height: 842, words:
            [line("理由大量反", y: 71.8), line("复申请", y: 84)] + row("5、要求行", ["0", "0", "1", "0", "0", "0", "1"], y: 96.3)
            + [line("政机关确认", y: 109), line("或重新出具", y: 121.3), line("已获取信息", y: 133.6)]
            + row("（六）其他处理", zeros, y: 150))
        let labels = PDFLayout.lines(of: [first, second]).compactMap { line -> String? in
            if case .row(let cells) = line { return cells[0] } else { return nil }
        }
        #expect(labels.contains("5、要求行政机关确认或重新出具已获取信息"), "\(labels)")
        #expect(!labels.contains { $0.contains("理由大量反") && $0.contains("5、") }, "\(labels)")
    }

    @Test(arguments: [
        ("scan.pdf", "no_text_layer"), ("encrypted.pdf", "encrypted_pdf"), ("truncated", "broken_pdf"),
    ])
    func unreadablePDFsGetTheirOwnErrors(name: String, code: String) throws {
        let data = name == "truncated" ? Data(try WebSupport.seed("huaian_2024.pdf").prefix(300)) : try Self.fixture(name)
        let report = WebSupport.processor.process(data: data, sourcePath: name)
        #expect(report.errors.map(\.code) == [code])
        #expect(report.status == .failed)
        #expect(report.sections.isEmpty)
    }

    @Test func aLegacyWordFileIsUnsupported() {
        let ole = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504))
        let report = WebSupport.processor.process(data: ole, sourcePath: "年报.doc")
        #expect(report.errors.map(\.code) == ["unsupported_format"])
        #expect(report.errors.first?.message.contains("年报.doc") == true)
    }

    typealias Word = PDFReader.Word

    /// A browser's print of a cell holding noise and a number (`? ? 7`) wraps it over two lines,
    /// centred: the noise half a leading above the row, the number half a leading below, where the
    /// row has no cell. The number is the row's cell there; one right of the row's last number is
    /// not taken (nothing says whose it is).
    @Test func aNumberWrappedBelowAGapInTheRowIsTheRowsCell() {
        let row = [Self.word("规章", 0, line: 0)]
            + zip(["3", "5", "8", "2", "4", "9"], [50.0, 80, 110, 140, 200, 230]).map { Self.word($0, $1, line: 0) }
        let inGap = PDFLayout.lines(of: [PDFReader.Page(width: 595, height: 842, words: row + [Self.word("7", 170, line: 1)])])
        #expect(inGap == [.row(["规章", "3", "5", "8", "2", "7", "4", "9"])])
        let beyond = PDFLayout.lines(of: [PDFReader.Page(width: 595, height: 842, words: row + [Self.word("7", 260, line: 1)])])
        #expect(beyond == [.row(["规章", "3", "5", "8", "2", "4", "9"]), .text("7")])
    }

    /// A short row whose cells wrapped a piece onto a line of its own (a browser's print of a table
    /// with noise in its cells): when the piece stands over a column the row already fills, the
    /// columns of the one full row do not fit this row, and it stays short (its values unplaced)
    /// rather than have `143` moved into the next column; a piece in the column the row leaves
    /// empty agrees with the placing.
    @Test func aShortRowBesideAStrayPieceIsPlacedOnlyWhenThePieceAgrees() {
        let full = [Word("四、结转下年度继续办理", x0: 0, y0: 100, x1: 60, y1: 107)]
            + (0..<7).map { Word("0", x0: 100 + Double($0) * 30, y0: 100, x1: 105 + Double($0) * 30, y1: 107) }
        let short = [Word("（七）总计", x0: 0, y0: 127, x1: 25, y1: 134)]
            + zip(["143", "6", "4", "4", "1", "158"], 1...6).map { text, column in
                Word(text, x0: 100 + Double(column) * 30, y0: 127, x1: 100 + Double(column) * 30 + Double(text.count) * 5, y1: 134)
            }
        func lines(pieceAt x: Double) -> [PDFLayout.Line] {
            PDFLayout.lines(of: [PDFReader.Page(width: 595, height: 842,
                                                words: full + short + [Word("0", x0: x, y0: 139, x1: x + 5, y1: 146)])])
        }
        #expect(lines(pieceAt: 250)[1] == .row(["（七）总计", "143", "6", "4", "4", "1", "158"]))
        #expect(lines(pieceAt: 100)[1] == .row(["（七）总计", "", "143", "6", "4", "4", "1", "158"]))
    }

    /// A table as a PDF places it: labels wrapped over lines with their numbers on the middle line,
    /// a group label in a column of its own, a blank cell, a page number under the table.
    @Test func wrappedLabelsJoinTheirRowAndBlankCellsStay() {
        let words: [Word] = [
            Word("（二）部分公开（区分处理的，只计", x0: 100, y0: 100, x1: 240, y1: 108),
            Word("5", x0: 300, y0: 107, x1: 304, y1: 115), Word("6", x0: 340, y0: 107, x1: 344, y1: 115),
            Word("11", x0: 380, y0: 107, x1: 388, y1: 115),
            Word("这一情形）", x0: 100, y0: 115, x1: 140, y1: 123),
            Word("（三）总计", x0: 100, y0: 140, x1: 140, y1: 148),
            Word("7", x0: 300, y0: 140, x1: 304, y1: 148), Word("9", x0: 380, y0: 140, x1: 384, y1: 148),
            Word("-3-", x0: 290, y0: 800, x1: 305, y1: 815),
        ]
        let lines = PDFLayout.lines(of: [PDFReader.Page(width: 595, height: 842, words: words)])
        #expect(lines == [
            .row(["（二）部分公开（区分处理的，只计这一情形）", "5", "6", "11"]),
            .row(["（三）总计", "7", "", "9"]),
        ])
    }

    @Test func aVerticalLabelIsJoinedIntoOneLine() {
        var words: [Word] = []
        for (i, character) in ["三、", "本", "年", "度"].enumerated() {
            let y = 100 + Double(i) * 15
            words.append(Word(character, x0: 70, y0: y, x1: 78, y1: y + 8))
            words.append(Word("\(i + 1).项目", x0: 140, y0: y, x1: 180, y1: y + 8))
            words.append(Word("\(i)", x0: 300, y0: y, x1: 304, y1: y + 8))
            words.append(Word("\(i * 2)", x0: 340, y0: y, x1: 344, y1: y + 8))
        }
        let lines = PDFLayout.lines(of: [PDFReader.Page(width: 595, height: 842, words: words)])
        #expect(lines.first == .text("三、本年度"))
        #expect(lines.dropFirst() == [
            .row(["1.项目", "0", "0"]), .row(["2.项目", "1", "2"]), .row(["3.项目", "2", "4"]), .row(["4.项目", "3", "6"]),
        ])
    }

    @Test func runningHeadersAndPageNumbersAreDropped() {
        func page(_ n: Int) -> PDFReader.Page {
            PDFReader.Page(width: 595, height: 842, words: [
                Word("某某县人民政府办公室", x0: 250, y0: 30, x1: 350, y1: 40),
                Word("正文第\(n)页的内容", x0: 70, y0: 400, x1: 200, y1: 410),
                Word("第 \(n) 页 共 2 页", x0: 280, y0: 800, x1: 320, y1: 810),
            ])
        }
        #expect(PDFLayout.lines(of: [page(1), page(2)]) == [.text("正文第1页的内容"), .text("正文第2页的内容")])
    }

    /// A negative change (`-40`) is a number; the next row's wrapped label, whose first line
    /// stands right under this row's label, is that row's.
    @Test func aNegativeNumberAndTheNextRowsWrappedLabel() {
        func w(_ t: String, _ x: Double, _ y: Double, _ width: Double) -> Word { Word(t, x0: x, y0: y, x1: x + width, y1: y + 9.2) }
        let words = [
            w("规章", 76.9, 700.1, 20), w("1", 212.9, 700.1, 4.2), w("2", 318.8, 700.1, 4.2), w("3", 424.6, 700.1, 4.2),
            w("行政许可", 76.9, 722.1, 36), w("0", 212.9, 722.1, 4.2), w("33", 318.8, 722.1, 8.3), w("572", 424.6, 722.1, 12.5),
            w("其他对外管理服务", 76.9, 739.1, 118.7), w("事项", 76.9, 750.1, 18),
            w("31,893", 212.9, 744.6, 22.9), w("-40", 318.8, 744.6, 11.7), w("2,958", 424.6, 744.6, 18.8),
        ]
        #expect(PDFLayout.lines(of: [PDFReader.Page(width: 595, height: 900, words: words)]) == [
            .row(["规章", "1", "2", "3"]), .row(["行政许可", "0", "33", "572"]),
            .row(["其他对外管理服务事项", "31,893", "-40", "2,958"]),
        ])
    }
}
