import Foundation
import ReportModel
import Testing
@testable import Ingest

@Suite("Document readers")
struct DocumentReaderTests {
    func markdown(_ text: String) throws -> [Document.Block] {
        try #require(MarkdownReader().read(text)).blocks
    }

    @Test("Markdown: ATX, setext and bold-only paragraphs are headings; their markup is gone")
    func markdownHeadings() throws {
        let blocks = try markdown("""
            # 2022年某局政府信息公开工作年度报告

            一、总体情况
            ------------

            ### 三、收到和处理政府信息公开申请情况

            **二、主动公开政府信息情况**

            **四、政府信息公开行政复议、行政诉讼情况**
            正文第一行，**加粗**在中间。

            正文里的**加粗**不是标题。
            """)
        #expect(blocks == [
            .heading(level: 1, text: "2022年某局政府信息公开工作年度报告"),
            .heading(level: 2, text: "一、总体情况"),
            .heading(level: 3, text: "三、收到和处理政府信息公开申请情况"),
            .heading(level: 0, text: "二、主动公开政府信息情况"),
            .heading(level: 0, text: "四、政府信息公开行政复议、行政诉讼情况"),
            .paragraph("正文第一行，加粗在中间。\n"),
            .paragraph("正文里的加粗不是标题。"),
        ])
    }

    @Test("Markdown: GFM tables with and without outer pipes; <br>, escaped pipes, links and bold in cells")
    func markdownTables() throws {
        let blocks = try markdown("""
            | 信息内容 | 本年制发件数 |
            |:---|---:|
            | **规章** | 3 |
            | [行政许可](http://x.cn/a) | 1<br>2 |

            行政复议 | 行政诉讼
            --- | ---
            a \\| b | 7
            """)
        #expect(blocks == [
            .table(TableGrid(texts: [["信息内容", "本年制发件数"], ["规章", "3"], ["行政许可", "1\n2"]])),
            .table(TableGrid(texts: [["行政复议", "行政诉讼"], ["a | b", "7"]])),
        ])
    }

    @Test("Markdown: the blank lines between paragraphs are kept (a table one cell per line, an empty cell an extra blank line)")
    func markdownBlankLines() throws {
        let text = "**三、收到和处理政府信息公开申请情况**\n\n自然人\n\n商业企业\n\n\n\n总计\n\n12\n"
        let blocks = try markdown(text)
        #expect(blocks == [
            .heading(level: 0, text: "三、收到和处理政府信息公开申请情况"),
            .paragraph("自然人\n"), .paragraph("商业企业\n\n\n"), .paragraph("总计\n"), .paragraph("12"),
        ])
        #expect(Document(blocks: Array(blocks.dropFirst())).text == "自然人\n\n商业企业\n\n\n\n总计\n\n12")
    }

    @Test("Markdown: a row wider than its header row keeps all its cells (GFM would cut it)")
    func markdownWideRows() throws {
        let blocks = try markdown("""
            | （本列数据的勾稽关系为…） | 申请人情况 |
            |---|---|
            | 一、本年新收政府信息公开申请数量 | 10 | [2](x) | 0 \\| 1 | 14 |
            二、上年结转 | 1 | 0
            """)
        #expect(blocks == [.table(TableGrid(texts: [
            ["（本列数据的勾稽关系为…）", "申请人情况"], ["一、本年新收政府信息公开申请数量", "10", "2", "0 | 1", "14"],
            ["二、上年结转", "1", "0"],
        ]))])
        #expect(MarkdownReader.cellCount("| a | b |") == 2)
        #expect(MarkdownReader.cellCount("a | b") == 2)
        #expect(MarkdownReader.cellCount("|  | b | c") == 3)
        #expect(MarkdownReader.cellCount("a \\| b | c |") == 2)
    }

    @Test("Markdown: lines without a pipe right under a table are text again, not rows")
    func markdownTableEnd() throws {
        let blocks = try markdown("""
            | 信息内容 | 本年制发件数 |
            |---|---|
            | 规章 | 1 |
            三、收到和处理政府信息公开申请情况
            正文
            """)
        #expect(blocks == [
            .table(TableGrid(texts: [["信息内容", "本年制发件数"], ["规章", "1"]])),
            .paragraph("三、收到和处理政府信息公开申请情况\n正文"),
        ])
        // A table that interrupts a paragraph (no blank line above it either).
        let interrupting = try markdown("# 标题\n一、总体情况\n二、主动公开政府信息情况\n| a | b |\n|---|---|\n| 1 | 2 |\n三、收到\n")
        #expect(interrupting == [
            .heading(level: 1, text: "标题"), .paragraph("一、总体情况\n二、主动公开政府信息情况"),
            .table(TableGrid(texts: [["a", "b"], ["1", "2"]])), .paragraph("三、收到"),
        ])
    }

    @Test("Markdown: links and images are their text; line breaks are kept; an HTML table is a grid")
    func markdownInlines() throws {
        let blocks = try markdown("""
            依据[《条例》](http://www.gov.cn/x.htm)编制，\\
            第二行
            第三行 ![二维码](qr.png)

            <table><tr><td>行政许可</td><td colspan="2">5</td></tr><tr><td>a</td><td>1</td><td>2</td></tr></table>
            """)
        #expect(blocks == [
            .paragraph("依据《条例》编制，\n第二行\n第三行 二维码"),
            .table(TableGrid(rows: [[.init("行政许可"), .init("5", columnSpan: 2)], [.init("a"), .init("1"), .init("2")]])),
        ])
    }

    @Test("HTML: h1-h6 and bold-only paragraphs are headings, tables keep their spans, the title comes first")
    func htmlBlocks() throws {
        let document = try #require(HTMLReader().read("""
            <html><head><title>某局2022年报告</title></head><body>
            <div class="nav">首页</div>
            <h2>一、总体情况</h2><p>正文。</p>
            <p><strong>二、主动公开</strong><b>政府信息情况</b></p>
            <p><strong>加粗</strong>与正文</p>
            <table><tr><td rowspan="2">规章</td><td colspan="2">本年</td></tr><tr><td>1</td><td>2</td></tr></table>
            </body></html>
            """))
        #expect(document.blocks == [
            .paragraph("某局2022年报告"),
            .heading(level: 2, text: "一、总体情况"),
            .paragraph("正文。"),
            .heading(level: 0, text: "二、主动公开政府信息情况"),
            .paragraph("加粗与正文"),
            .table(TableGrid(rows: [[.init("规章", rowSpan: 2), .init("本年", columnSpan: 2)], [.init("1"), .init("2")]])),
        ])
        // Spans expanded: a spanned label repeats, a spanned number would not.
        guard case .table(let grid) = document.blocks.last else { return }
        #expect(grid.expandedRows() == [["规章", "本年", "本年"], ["规章", "1", "2"]])
        #expect(grid.expanded().covered == [[false, false, true], [true, false, false]])
        #expect(TableGrid(rows: [[.init("行政许可"), .init("558", columnSpan: 3)]]).expandedRows() == [["行政许可", "558", "", ""]])
    }

    @Test("Plain text: the document's text is the input exactly, blank lines and all", arguments: [
        "", "\n", "a", "a\n", "\n\na\nb\n\n\nc\n", "一、总体情况\n\n\n12\n\n\n\n34  \n \n5", "a\r\n\r\nb",
    ])
    func plainTextExact(text: String) throws {
        let document = try #require(PlainTextReader().read(text))
        #expect(document.text == text)
    }

    @Test("Plain text: one paragraph of the lines as found (headings and tables are decided later)")
    func plainTextParagraph() throws {
        #expect(PlainTextReader().read("一、总体情况\nb\n\n\nc")?.blocks == [.paragraph("一、总体情况\nb\n\n\nc")])
    }

    @Test("The form: HTML by content, then the extension (.md, .markdown), else text")
    func forms() {
        #expect(InputForm.of(path: "a/b.md", text: "# 标题") == .markdown)
        #expect(InputForm.of(path: "b.MARKDOWN", text: "正文") == .markdown)
        #expect(InputForm.of(path: "b.txt", text: "<html><body>x</body></html>") == .html)
        #expect(InputForm.of(path: "b.txt", text: "# 标题") == .text)
        // Markdown saved as text: two section headings in markup make it Markdown.
        #expect(InputForm.of(path: "b.txt", text: "### 一、总体情况\n正文\n**二、主动公开政府信息情况**\n") == .markdown)
        #expect(InputForm.of(path: "b.txt", text: "### 一、总体情况\n正文\n二、主动公开政府信息情况\n") == .text)
        #expect(InputForm.of(path: "b.txt", text: "#一、总体情况\n**二、主动** 公开\n") == .text)
        #expect(InputForm.of(path: "b.html", text: "正文") == .text)
        // Saved on Windows: the bold headings' lines end in a carriage return.
        #expect(InputForm.of(path: "b.txt", text: "**一、总体情况**\r\n正文\r\n**二、主动公开政府信息情况**\r\n") == .markdown)
        #expect(InputForm.of(path: "b.txt", text: "**一、总体情况** \r\n**二、主动** 公开\r\n") == .text)
    }
}

@Suite("HTML pages through the document")
struct HTMLDocumentTests {
    @Test("a number cell spanning columns is written once even with a lost-NBSP `?` before it (spans expand after normalisation)")
    func spannedNumberWithArtefact() throws {
        let page = """
            <html><body><p>二、主动公开政府信息情况</p><table>
            <tr><td>信息内容</td><td>采购项目数量</td><td colspan="2">采购总金额</td></tr>
            <tr><td>政府集中采购</td><td>40</td><td colspan="2">?4577.18</td></tr>
            </table></body></html>
            """
        let report = WebSupport.processor.process(data: Data(page.utf8), sourcePath: "p.html")
        let section = try #require(report.sections.first { $0.key == .proactiveDisclosure })
        #expect(section.text == "| 信息内容 | 采购项目数量 | 采购总金额 | 采购总金额 |\n| 政府集中采购 | 40 | 4577.18 |  |")
    }
}
