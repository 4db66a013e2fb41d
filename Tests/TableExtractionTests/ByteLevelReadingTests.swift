import Foundation
import ReportModel
import Testing
@testable import TableExtraction

/// The byte- and scalar-level readers give the answers the rules on characters give.
@Suite("Byte-level reading keeps the rules' answers")
struct ByteLevelReadingTests {
    @Test("page furniture: the scalar reading agrees with the reading on characters", arguments: [
        ["-3-"], ["- 3 -"], ["—3—"], ["－3－"], ["–12–"], ["--3--"], ["-3"], ["3-"], ["-a-"], ["-12345-"],
        ["第 3 页"], ["第3页 共12页"], ["第3页共"], ["第页"], ["第12345页"], ["3 / 12"], ["3/12"], ["3／12"],
        ["/12"], ["3/"], ["Page 3"], ["page 12"], ["PAGE 7"], ["Pages 3"], ["Ｐage 3"], ["page"], ["1069"],
        ["1069", "119"], ["规章", "5"], [""], [" ", "?"], ["？3/12"],
        // Combining marks and other scalars that join: read on characters.
        ["-3\u{301}-"], ["3\u{301}/12"], ["第3\u{20DD}页"], ["-\u{301}3-"], ["p\u{301}age 3"],
    ])
    func furniture(row: [String]) {
        #expect(PageFurniture.isFurniture(row) == PageFurniture.isFurniture(characters: row), "\(row)")
    }

    @Test("page furniture: what is and is not a page number", arguments: [
        (["-3\u{301}-"], false), (["3/12"], true), (["Ｐage 3"], false), (["PAGE 7"], true), (["第3页共"], false),
    ])
    func furnitureAnswers(row: [String], expected: Bool) {
        #expect(PageFurniture.isFurniture(row) == expected)
    }

    @Test("labels without anything to fold are their own key; numbering past the first scalars is kept", arguments: [
        ("本年新收政府信息公开申请数量", "本年新收政府信息公开申请数量"), ("规范性文件", "规范性文件"),
        ("行政规则", "规范性文件"), ("其他", "其他"), ("第二十条第(一)项", "第二十条第(一)项"),
        ("(1234)其他", "(1234)其他"), ("1234.其他", "1234.其他"), ("第1(一)项规章", "规章"), ("", ""),
    ])
    func plainKeys(text: String, key: String) {
        #expect(LabelText.key(text) == key)
    }

    @Test("leading numbering is told past white space of every kind", arguments: [
        ("\u{3000}（三）不予公开", true), ("\u{2028}1.属于国家秘密", true), ("\u{85}一、本年新收", true),
        ("第 一 项", true), ("不予公开", false), ("1234.其他", false), ("", false), ("（", false),
    ])
    func numbering(text: String, expected: Bool) {
        #expect(LabelText.hasLeadingNumbering(text) == expected)
    }

    @Test("sums of cells written with separators or units are Decimal sums; of plain digits, integer sums")
    func identitySums() {
        func cell(_ row: String, _ column: String, _ raw: String) -> ApplicationCell {
            let value: Decimal? = if case .value(let v) = CellReader.classify(raw) { v.value } else { nil }
            return ApplicationCell(row: IdentityChecker.rowIndex[row]!, column: IdentityChecker.columnIndex[column]!,
                                   cell: CellValue(value: value, raw: raw))
        }
        let cells = [
            cell("new_received", "natural_person", "1,200"), cell("carried_over", "natural_person", "34"),
            cell("results_total", "natural_person", "1,230"), cell("carried_forward", "natural_person", "4"),
            cell("new_received", "total", "7"), cell("carried_over", "total", "3"),
            cell("results_total", "total", "9"), cell("carried_forward", "total", "1"),
        ]
        let outcome = IdentityChecker.check(applications: cells, reviewLitigation: [], rules: [.receivedEqualsHandled])
        let byColumn = Dictionary(uniqueKeysWithValues: outcome.results.map { ($0.columnKey, $0) })
        #expect(byColumn["natural_person"]?.lhs == Decimal(1234))
        #expect(byColumn["natural_person"]?.rhs == Decimal(1234))
        #expect(byColumn["total"]?.lhs == Decimal(10))
        #expect(byColumn["total"]?.passed == true)
        #expect(IdentityChecker.plainDigits("0012") == 12)
        #expect(IdentityChecker.plainDigits("1234567890123456") == nil)
        #expect(IdentityChecker.plainDigits("12万元") == nil)
    }
}
