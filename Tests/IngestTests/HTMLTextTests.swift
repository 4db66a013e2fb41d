import Foundation
import Testing
@testable import Ingest

@Suite("HTMLText")
struct HTMLTextTests {
    func lines(_ html: String) throws -> [String] {
        try #require(HTMLText.extract(html)).components(separatedBy: "\n")
    }

    @Test("text seeds are not HTML; pages are")
    func detection() throws {
        for seed in WebSupport.seedNames {
            #expect(!HTMLText.looksLikeHTML(try WebSupport.seedText(seed)), "\(seed)")
        }
        for page in ["seed001.html", "seed003.html"] {
            #expect(HTMLText.looksLikeHTML(String(decoding: try WebSupport.fixture(page), as: UTF8.self)))
        }
        #expect(HTMLText.looksLikeHTML("  <div><p>一、总体情况</p></div>"))
        #expect(!HTMLText.looksLikeHTML("<中华人民共和国政府信息公开条例>规定…"))
        // Case, a BOM and wide spaces before the first tag; the marks only count in the first 16 KB.
        #expect(HTMLText.looksLikeHTML("<!DOCTYPE HTML><HTML><BODY>一、总体情况</BODY></HTML>"))
        #expect(HTMLText.looksLikeHTML("\u{FEFF}\u{3000}\n\t<TABLE><tr><td>1</td></tr></TABLE>"))
        #expect(!HTMLText.looksLikeHTML("一、总体情况 <span>"))
        #expect(!HTMLText.looksLikeHTML(String(repeating: "\u{3000}", count: 5462) + "<div>一、总体情况</div>"))
        #expect(HTMLText.looksLikeHTML(String(repeating: "\u{3000}", count: 5000) + "<div>一、总体情况</div>"))
        #expect(!HTMLText.looksLikeHTML(String(repeating: "。", count: 6000) + "<html><body>"))
    }

    @Test("the title comes first; chrome is dropped; blocks and <br> break lines")
    func chrome() throws {
        let html = """
            <html><head><title> 2023年 年度报告 </title><script>var a = "一、总体情况";</script>
            <style>p { color: red }</style></head><body>
            <div id="header"><a href="/login">登录</a></div>
            <nav><a href="/">首页</a></nav>
            <div class="top-menu">首页 政务公开</div>
            <div class="breadcrumbs">您的位置：首页 &gt; 年报</div>
            <div class="content"><h1>某县2023年政府信息公开工作年度报告</h1>
            <p>一、<b>总体</b>情况</p><p>第一行<br>第二行</p>
            <ul><li>甲</li><li>乙</li></ul>
            <div style="display: none">隐藏</div><div hidden>也隐藏</div>
            <noscript>请启用脚本</noscript><iframe src="x"></iframe><form><input value="搜索"></form>
            </div>
            <div class="bdsharebuttonbox">分享到：</div><div class="sidebar">热点</div>
            <footer>版权所有</footer><div id="site-footer">主办单位</div>
            </body></html>
            """
        #expect(try lines(html) == [
            "2023年 年度报告", "某县2023年政府信息公开工作年度报告", "一、总体情况", "第一行", "第二行", "甲", "乙",
        ])
    }

    @Test("a style hides an element only when it says so, in any case and spacing")
    func hidingStyles() throws {
        let html = """
            <html><body><p>正文</p>
            <p style="DISPLAY : None">甲</p><span style="Visibility: HIDDEN;color:red">乙</span>
            <p style="font-family:仿宋; font-size:16px">丙</p><p style="display:block">丁</p>
            </body></html>
            """
        #expect(try lines(html) == ["正文", "丙", "丁"])
        #expect(DOM.mentionsHiding("font-size:16px;display:NONE"))
        #expect(!DOM.mentionsHiding("font-family:仿宋;font-size:16px"))
    }

    @Test("rowspan and colspan: every row has every column; labels repeat, numbers do not")
    func spans() throws {
        let html = """
            <table>
            <tr><td colspan="2" rowspan="2">（本列数据的勾稽关系）</td><td colspan="3">申请人情况</td></tr>
            <tr><td>自然人</td><td>法人</td><td>总计</td></tr>
            <tr><td colspan="2">一、本年新收</td><td>1</td><td>2</td><td>3</td></tr>
            <tr><td rowspan="2">三、本年度办理结果</td><td>（一）予以公开</td><td>1</td><td rowspan="2">&nbsp;</td><td>1</td></tr>
            <tr><td>（二）部分公开</td><td colspan="2">7</td></tr>
            </table>
            """
        #expect(try lines(html) == [
            "| （本列数据的勾稽关系） | （本列数据的勾稽关系） | 申请人情况 | 申请人情况 | 申请人情况 |",
            "| （本列数据的勾稽关系） | （本列数据的勾稽关系） | 自然人 | 法人 | 总计 |",
            "| 一、本年新收 | 一、本年新收 | 1 | 2 | 3 |",
            "| 三、本年度办理结果 | （一）予以公开 | 1 |  | 1 |",
            "| 三、本年度办理结果 | （二）部分公开 | 7 |  |  |",
        ])
    }

    @Test("a cell is its whole text: spans, <p>, <o:p>, &nbsp; and | inside")
    func cells() throws {
        let html = """
            <table class=MsoNormalTable>
            <tr><td><p class=MsoNormal><span lang=EN-US>1.</span><span>属于</span><span>国家秘密</span><o:p></o:p></p></td>
            <td><p class=MsoNormal><span lang=EN-US>&nbsp;</span><o:p>&nbsp;</o:p></p></td>
            <td><p>商业</p><p>企业</p></td><td> a | b </td></tr>
            <tr><td>&nbsp;&nbsp;</td><td>　</td><td></td><td></td></tr>
            <tr><td>行政许可</td><td>1,234</td><td> 668.57万元 </td><td>—</td></tr>
            </table>
            """
        #expect(try lines(html) == [
            "| 1.属于国家秘密 |  | 商业 企业 | a ｜ b |",
            "| 行政许可 | 1,234 | 668.57万元 | — |",
        ])
    }

    @Test("a layout table is read as blocks, and the data table inside it as rows")
    func layoutTable() throws {
        let html = """
            <table width="1000"><tr><td>当前位置：首页</td></tr><tr><td>
            <p>二、主动公开政府信息情况</p>
            <table><caption>表一</caption><tr><th>信息内容</th><th>本年制发件数</th></tr><tr><td>规章</td><td>0</td></tr></table>
            <p>三、收到和处理政府信息公开申请情况</p>
            </td></tr></table>
            <table><tr><td>只有一格的表</td></tr></table>
            """
        #expect(try lines(html) == [
            "当前位置：首页", "二、主动公开政府信息情况", "表一", "| 信息内容 | 本年制发件数 |", "| 规章 | 0 |",
            "三、收到和处理政府信息公开申请情况", "只有一格的表",
        ])
    }

    @Test("Word-exported paragraphs")
    func wordExport() throws {
        let html = """
            <html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
            <!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]--></head>
            <body lang=ZH-CN><div class=WordSection1>
            <p class=MsoNormal style='text-indent:32.0pt'><span style='font-family:仿宋_GB2312'>一、总体</span><span
            style='font-family:仿宋_GB2312'>情况</span><span lang=EN-US><o:p></o:p></span></p>
            <p class=MsoNormal><span lang=EN-US>2021</span><span>年，本机关</span><span lang=EN-US>&nbsp;</span></p>
            </div></body></html>
            """
        #expect(try lines(html) == ["一、总体情况", "2021年，本机关"])
    }

    @Test("a deeply nested page is walked without recursion")
    func deepNesting() throws {
        let depth = 20_000
        let html = "<html><body>" + String(repeating: "<div><span>", count: depth) + "深处的文字"
            + String(repeating: "</span></div>", count: depth) + "<p>之后</p></body></html>"
        let text = try #require(HTMLText.extract(html))
        #expect(text.contains("深处的文字"))
    }

    @Test("the fixture pages: chrome gone, tables as pipe rows")
    func fixturePages() throws {
        let page = String(decoding: try WebSupport.fixture("seed003.html"), as: UTF8.self)
        let lines = try lines(page)
        #expect(lines.first == "伊宁县政府信息公开工作2023年度报告_伊宁县人民政府")
        for chrome in ["首页", "分享到", "登录", "var ts", "新ICP备", "导盲模式"] {
            #expect(!lines.contains { $0.contains(chrome) && !$0.hasPrefix("当前位置") }, "\(chrome)")
        }
        #expect(lines.contains("| 第二十条第(一)项 | 第二十条第(一)项 | 第二十条第(一)项 | 第二十条第(一)项 |"))
        #expect(lines.contains("| 第二十条第(五)项 |  |  |  |"))
        #expect(lines.contains("| 行政许可 | 45 |  |  |"))
        #expect(lines.contains { $0.hasPrefix("| 三、本年度办理结果 | (三)不予公开 | 2.其他法律行政法规禁止公开 | 0 |") })
        #expect(lines.contains("| 四、结转下年度继续办理 | 四、结转下年度继续办理 | 四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"))
    }
}
