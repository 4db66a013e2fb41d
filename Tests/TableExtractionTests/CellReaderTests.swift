import Foundation
import ReportModel
import Testing
@testable import TableExtraction

@Suite("CellReader")
struct CellReaderTests {
    func value(_ raw: String) -> CellValue? {
        if case .value(let v) = CellReader.classify(raw) { return v }
        return nil
    }

    @Test("numbers", arguments: [
        ("0", "0"), ("12", "12"), ("558794", "558794"), ("668.57", "668.57"), ("-3", "-3"), ("+4", "4"),
        ("１２", "12"), ("６６８．５７", "668.57"), ("1,234", "1234"), ("1,234,567", "1234567"), ("12,345.6", "12345.6"),
        ("１，２３４", "1234"), (" 7 ", "7"), ("? ? 0", "0"), ("?0", "0"), ("\u{00A0}22", "22"), ("\u{2002}401\u{3000}", "401"),
        ("12件", "12"), ("3个", "3"), ("5项", "5"), ("-1,500", "-1500"), ("0.5", "0.5"), ("0.00", "0"),
    ])
    func numbers(raw: String, expected: String) throws {
        let cell = try #require(value(raw), "\(raw.debugDescription) should be a value cell")
        #expect(cell.value == Decimal(string: expected))
        #expect(cell.raw == raw)
        #expect(!cell.unreadable)
        #expect(cell.statedUnit == nil)
    }

    @Test("units stated in the cell")
    func units() throws {
        var cell = try #require(value("668.57万元"))
        #expect(cell.value == Decimal(string: "668.57"))
        #expect(cell.statedUnit == .tenThousandYuan)
        cell = try #require(value("251000元"))
        #expect(cell.value == 251000)
        #expect(cell.statedUnit == .yuan)
        cell = try #require(value("1,380元"))
        #expect(cell.value == 1380)
        #expect(cell.statedUnit == .yuan)
        cell = try #require(value("１２万元"))
        #expect(cell.value == 12)
        #expect(cell.statedUnit == .tenThousandYuan)
    }

    @Test("missing marks are missing, never 0", arguments: ["", " ", "—", "——", "-", "/", "／", "无", "?", "? ?", "\u{00A0}"])
    func missing(raw: String) throws {
        let cell = try #require(value(raw), "\(raw.debugDescription) should be a value cell")
        #expect(cell.value == nil)
        #expect(!cell.unreadable)
        #expect(cell.raw == raw)
    }

    @Test("a cell that starts like a number but is not one is unreadable: missing and flagged",
          arguments: ["3.5%", "12个月", "1,2", "1.2.3", "12,34", "5月", "1-2", "３．５％",
                       // A leading zero: two cells' zeros run together, or a wrapped number's first piece lost.
                       "00", "012", "０５", "0 0", "05.5", "00件"])
    func unreadable(raw: String) throws {
        let cell = try #require(value(raw), "\(raw.debugDescription) should be a value cell")
        #expect(cell.value == nil)
        #expect(cell.unreadable)
        #expect(cell.raw == raw)
    }

    @Test("labels, including numbered ones and prose, are not values", arguments: [
        "规章", "1.属于国家秘密", "2、重复申请", "12.其他", "（1）属于国家秘密", "(一)予以公开", "三、本年度办理结果",
        "自然人", "总计", "本年增/减", "2021年，本机关共收到政府信息公开申请5件。", "2021,托里县坚持以习近平新时代中国特色社会主义思想为指导",
        "第二十条第(一)项", "本年收费金额(单位:万元)", "4.", "4）", "12、", "01.属于国家秘密",
    ])
    func labels(raw: String) {
        #expect(CellReader.classify(raw) == .label, "\(raw)")
    }
}
