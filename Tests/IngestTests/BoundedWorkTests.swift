import Foundation
import Pipeline
import ReportModel
import Testing
@testable import Ingest

/// One file cannot stall or exhaust a run: pages past the work limits are refused before libxml2
/// sees them, oversized rows are left out, NUL bytes are removed wherever they are.
@Suite("Bounded work per file")
struct BoundedWorkTests {
    func process(_ data: Data, _ name: String) -> ProcessedReport {
        WebSupport.processor.process(data: data, sourcePath: name)
    }

    static func nestedTables(_ depth: Int) -> String {
        "<html><body>" + String(repeating: "<table><tr><td>", count: depth) + "本年新收"
            + String(repeating: "</td></tr></table>", count: depth) + "</body></html>"
    }

    @Test("10,000 nested tables (330 KB) are too_complex at once, not walked for minutes")
    func nestedTablesAreRefused() {
        let page = Self.nestedTables(10_000)
        let clock = ContinuousClock()
        var report: ProcessedReport!
        let elapsed = clock.measure { report = process(Data(page.utf8), "nested.html") }
        #expect(report.status == .failed)
        #expect(report.errors.map(\.code) == ["too_complex"])
        #expect(report.errors.first?.message.contains("nested more than 32 deep") == true)
        #expect(elapsed < .seconds(2), "\(elapsed)")
    }

    @Test("the nesting limit is 32 tables deep")
    func nestingLimit() {
        #expect(PageLimits.htmlProblem(Self.nestedTables(32)) == nil)
        #expect(PageLimits.htmlProblem(Self.nestedTables(33))?.code == "too_complex")
        // Tables in comments and scripts are not tables.
        let hidden = "<html><body><!--" + String(repeating: "<table>", count: 100) + "--><script>var t = '"
            + String(repeating: "<table>", count: 100) + "';</script><table><tr><td>1</td></tr></table></body></html>"
        #expect(PageLimits.htmlProblem(hidden) == nil)
    }

    @Test("a 12 MB table of 50,000 columns is too_complex before it is parsed")
    func wideTable() {
        let row = "<tr>" + String(repeating: "<td>1</td>", count: 50_000) + "</tr>\n"
        let page = "<html><body><table>" + String(repeating: row, count: 24) + "</table></body></html>"
        #expect(page.utf8.count > 12_000_000)
        let report = process(Data(page.utf8), "wide.html")
        #expect(report.status == .failed)
        #expect(report.errors.map(\.code) == ["too_complex"])
        #expect(report.errors.first?.message.contains("more than 200000 table cells") == true)
    }

    @Test("one wide row pads every row: the grid counts rows × the widest row, spans included")
    func gridLimit() {
        // 1,000 cells in one row, 300 rows: 2,300 cells but a grid of 300,000 positions.
        let wide = "<tr>" + String(repeating: "<td>1</td>", count: 1_000) + "</tr>"
        let page = "<table>" + wide + String(repeating: "<tr><td>a</td><td>1</td></tr>", count: 299) + "</table>"
        #expect(PageLimits.htmlProblem(page)?.message.contains("and 1000 columns, more than 200000 positions") == true)
        // colspan counts as the columns it covers (capped at 200 as the table reader caps it).
        let spans = "<table>" + String(repeating: "<tr><td colspan=\"150\">x</td><td colspan=9999>y</td></tr>", count: 600) + "</table>"
        #expect(PageLimits.htmlProblem(spans)?.code == "too_complex")
        #expect(PageLimits.htmlProblem(String(spans.prefix(2_000)) + "</td></tr></table>") == nil)
    }

    @Test("the report pages of the fixtures are far within the limits", arguments: ["seed001.html", "seed003.html"])
    func realPagesPass(name: String) throws {
        let page = String(decoding: try WebSupport.fixture(name), as: UTF8.self)
        #expect(PageLimits.htmlProblem(page) == nil)
        var text = page
        var report = ProcessedReport(reportID: "r", sourcePath: name, sourceSHA256: "")
        #expect(PageLimits.bound(&text, report: &report))
        #expect(text == page)
        #expect(report.flags.isEmpty && report.errors.isEmpty)
    }

    /// Seed 003 with a line inserted in section 三.
    func seedWithLine(_ line: String) throws -> Data {
        let seed = try WebSupport.seedText(WebSupport.seed003)
        let heading = "三、收到和处理政府信息公开申请情况"
        let range = try #require(seed.range(of: heading))
        return Data((seed[..<range.upperBound] + "\n" + line + seed[range.upperBound...]).utf8)
    }

    @Test("a 5,000,000-cell row is left out and flagged; the report reads as without it")
    func oversizedRow() throws {
        let clean = process(try WebSupport.seed(WebSupport.seed003), "clean.txt")
        let huge = "| " + Array(repeating: "7", count: 5_000_000).joined(separator: " | ") + " |"
        let report = process(try seedWithLine(huge), "huge-row.txt")
        #expect(report.flags.contains(.oversizedRows))
        #expect(report.flags.subtracting([.oversizedRows]) == clean.flags)
        #expect(report.status == clean.status)
        #expect(report.errors.map(\.code) == ["oversized_rows"])
        #expect(report.errors.first?.message.contains("the largest 5000002") == true)
        #expect(WebSupport.tableValues(report) == WebSupport.tableValues(clean))
        #expect(report.sections.map(\.text) == clean.sections.map(\.text))
        // 2,000 cells is still a row (of no table): kept, not flagged.
        let long = process(try seedWithLine(Array(repeating: "x", count: 2_000).joined(separator: "\t")), "long-row.txt")
        #expect(!long.flags.contains(.oversizedRows))
    }

    @Test("more than 500,000 lines and cells in all: too_complex")
    func tooManyCells() {
        // `| a | b |` counts 4: what a reader splitting at `|` could make of it.
        for (lines, accepted) in [(125_000, true), (125_001, false)] {
            var text = String(repeating: "| a | b |\n", count: lines)
            var report = ProcessedReport(reportID: "r", sourcePath: "cells.txt", sourceSHA256: "")
            #expect(PageLimits.bound(&text, report: &report) == accepted)
            #expect(report.errors.map(\.code) == (accepted ? [] : ["too_complex"]))
        }
    }

    @Test("a budget runs out at its deadline, or when it or its parent is called off; the HTML walk stops then")
    func workBudget() {
        let run = WorkBudget()
        let file = WorkBudget(seconds: 60, parent: run)
        #expect(!file.isExhausted)
        run.cancel()
        #expect(file.isExhausted)
        #expect(!WorkBudget(seconds: 60).isExhausted)
        #expect(WorkBudget(seconds: 0).isExhausted)
        #expect(!WorkBudget.exhausted)  // no budget set: never out of time
        let page = "<html><body><p>本年新收</p><p>上年结转</p></body></html>"
        #expect(HTMLText.extract(page) == "本年新收\n上年结转")
        WorkBudget.$current.withValue(WorkBudget(seconds: 0)) {
            #expect(WorkBudget.exhausted)
            #expect(HTMLText.extract(page) == "")
        }
    }

    // MARK: NUL bytes

    @Test("a NUL byte is removed and flagged wherever it is: in the first 8 KiB as after it", arguments: [100, 20_000])
    func nulBytes(offset: Int) throws {
        // The seed and 27 KB more of its last section: long enough for a NUL past the first 8 KiB.
        let seed = try WebSupport.seed(WebSupport.seed003) + Data(String(repeating: "本机关将继续做好政府信息公开工作。\n", count: 500).utf8)
        let clean = process(seed, "clean.txt")
        var damaged = seed
        // At a line break, so that the NUL splits no character.
        let at = try #require(seed[offset...].firstIndex(of: 0x0A))
        damaged.insert(0, at: at)
        let report = process(damaged, "nul.txt")
        #expect(report.status == clean.status)
        #expect(report.flags == clean.flags.union([.nulBytes]))
        #expect(WebSupport.tableValues(report) == WebSupport.tableValues(clean))
        #expect(report.sections.map(\.text) == clean.sections.map(\.text))
        #expect(!report.sections.contains { $0.text.contains("\u{0}") })
        #expect(try TextDecoder.decode(damaged).nulBytes == 1)
    }

    @Test("NULs in GB18030 and UTF-16 text are removed too; UTF-16's own NUL bytes are not NULs")
    func nulBytesInOtherEncodings() throws {
        let original = try WebSupport.seedText(WebSupport.seed003)
        let utf16 = try TextDecoder.decode(WebSupport.utf16(original, littleEndian: true, bom: true))
        #expect(utf16.nulBytes == 0)
        #expect(utf16.text == original)
        let withNUL = try TextDecoder.decode(WebSupport.utf16("\u{0}" + original, littleEndian: false, bom: false))
        #expect(withNUL.nulBytes == 1)
        #expect(withNUL.text == original)
        var gb = try WebSupport.iconv(Data(original.utf8), from: "UTF-8", to: "GB18030")
        gb.insert(0, at: 50)
        let decoded = try TextDecoder.decode(gb)
        #expect(decoded.encoding == "gb18030")
        #expect(decoded.nulBytes == 1)
        #expect(decoded.text == original)
    }

    @Test("binary files are still refused, by signature when their head looks like text", arguments: [
        Array("%PDF-1.4\n".utf8) + Array(repeating: UInt8(ascii: "a"), count: 9_000) + [0, 1, 2],
        [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00] + Array("word/document.xml".utf8),
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0x41, count: 100),
        [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8),
        Array(repeating: 0, count: 3_000) + Array("政府信息公开".utf8),  // mostly NULs
    ] as [[UInt8]])
    func binaryStillRefused(bytes: [UInt8]) {
        #expect(throws: TextDecoder.Failure.binary) { try TextDecoder.decode(Data(bytes)) }
    }
}
