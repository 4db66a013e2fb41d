import Foundation
import Pipeline
import ReportModel
import Testing
@testable import Ingest

/// What a scraper's folder also holds: each gives its error or status, never a crash.
@Suite("Junk inputs")
struct JunkInputTests {
    func process(_ data: Data, _ name: String) -> ProcessedReport {
        WebSupport.processor.process(data: data, sourcePath: name)
    }

    @Test("an empty file")
    func empty() {
        let report = process(Data(), "empty.html")
        #expect(report.status == .failed)
        #expect(report.errors.map(\.code) == ["empty_file"])
    }

    @Test("binary files", arguments: [
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52],
        (0..<4096).map { UInt8(truncatingIfNeeded: ($0 &* 1_103_515_245 &+ 12345) >> 16) },  // noise, NULs on both sides
        Array(repeating: 0x01, count: 200) + Array("text".utf8),  // control bytes, no NUL
    ] as [[UInt8]])
    func binary(bytes: [UInt8]) {
        let report = process(Data(bytes), "file.bin.html")
        #expect(report.status == .failed)
        #expect(report.errors.map(\.code) == ["binary_file"])
        #expect(throws: TextDecoder.Failure.binary) { try TextDecoder.decode(Data(bytes)) }
    }

    @Test("a 404 page")
    func notFound() throws {
        let page = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>404 Not Found</title></head>
            <body><div class="error"><h1>404</h1><p>抱歉，您访问的页面不存在或已被删除！</p>
            <p><a href="/">返回首页</a></p></div><hr><center>nginx</center></body></html>
            """
        let report = process(Data(page.utf8), "404.html")
        #expect(report.status == .failed)
        #expect(report.errors.map(\.code) == ["not_a_report"])
        #expect(report.sectionsFound == 0)
    }

    @Test("a page that is only a list of links")
    func linkList() throws {
        var items = ""
        for year in 2015...2023 {
            items += "<li><a href=\"/nb/\(year).html\">\(year)年政府信息公开工作年度报告</a><span>\(year + 1)-01-20</span></li>\n"
        }
        let page = """
            <html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
            <title>政府信息公开年报_某县人民政府</title></head><body>
            <div class="nav">首页 | 政务公开</div><ul class="list">\(items)</ul>
            <div class="page">共9条 首页 上一页 1 下一页 尾页</div></body></html>
            """
        let data = try WebSupport.iconv(Data(page.utf8), from: "UTF-8", to: "GB18030")
        let report = process(data, "list.html")
        #expect(report.sourceEncoding == "gb18030")
        #expect(report.status == .failed)
        #expect(report.errors.map(\.code) == ["not_a_report"])
        #expect(report.tables?.applications.isEmpty ?? true)
    }

    @Test("a GB18030 report cut inside a character")
    func truncatedGB18030() throws {
        let text = try WebSupport.seedText(WebSupport.seed003)
        let bytes = try WebSupport.iconv(Data(text.utf8), from: "UTF-8", to: "GB18030")
        // The seed ends in a Chinese character and a full stop: drop the stop and one more byte.
        let cut = bytes.dropLast(3)
        let report = process(Data(cut), "cut.txt")
        #expect(report.sourceEncoding == "gb18030")
        #expect(report.flags.contains(.invalidBytes))
        #expect(report.errors.map(\.code) == ["invalid_bytes"])
        // The tables come before the cut: the report is still read.
        #expect(report.status == .ok)
        #expect(WebSupport.tableValues(report) == WebSupport.tableValues(process(try WebSupport.seed(WebSupport.seed003), "003")))
    }

    @Test("broken markup, an unclosed table, a page that is all script")
    func brokenMarkup() {
        for page in [
            "<html><body><table><tr><td>一、总体情况<td>0<tr><td rowspan=999999 colspan=-3>x",
            "<html><head><script>while(true){}</script></head><body></body></html>",
            "<html><body><table></table><table><tr></tr></table></body></html>",
            "<html>" + String(repeating: "<table><tr><td>", count: 3000) + "深处",
        ] {
            let report = process(Data(page.utf8), "broken.html")
            #expect(report.status == .failed)
            #expect(!report.errors.isEmpty)
        }
    }
}
