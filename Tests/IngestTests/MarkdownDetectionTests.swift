@testable import Ingest
import Testing

/// A Markdown page saved as `.txt` is told by its marked-up section headings, however they are
/// numbered; plain text with one stray marked line is not.
@Suite struct MarkdownDetectionTests {
    @Test(arguments: [
        "### 一、概述\n正文\n### 二、主动公开政府信息情况\n",
        "### Ⅰ、概述\n正文\n### Ⅱ、主动公开政府信息情况\n",
        "## 第一部分 总体情况\n正文\n## 第二部分 主动公开政府信息情况\n",
        "**1、总体情况**\n正文\n**2、主动公开政府信息情况**\n",
        "**（一）总体情况**\n正文\n**（二）主动公开政府信息情况**\n",
        "### 概述\n正文\n### 主动公开政府信息情况\n",
    ])
    func markedHeadingsMakeMarkdown(text: String) {
        #expect(MarkdownReader.headsSectionsInMarkup(text))
    }

    @Test(arguments: [
        "一、概述\n正文\n二、主动公开政府信息情况\n",
        "**注：**本表数据截至年底。\n一、概述\n",
        "### 一、概述\n正文\n二、主动公开政府信息情况\n",
        "**2024年度**\n**2.5倍**\n",
    ])
    func plainTextStaysText(text: String) {
        #expect(!MarkdownReader.headsSectionsInMarkup(text))
    }
}
