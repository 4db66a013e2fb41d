import Foundation
import Testing
@testable import Ingest

@Suite("TextDecoder")
struct TextDecoderTests {
    let sample = "2021年江夏区政府信息公开工作年度报告\n| 0 | 𠀀 |"

    @Test("binary: NULs in more than 1 byte of 8, or control bytes in more than 1 in 20 of the others, in the first 8 KiB")
    func binarySniffing() {
        let text = Array(String(repeating: "政府信息公开\t2021\r\n", count: 400).utf8)
        #expect(!TextDecoder.looksBinary(text))
        #expect(!TextDecoder.looksBinary([]))
        // A stray NUL makes no binary file, wherever it falls (decoding removes it).
        for offset in [0, 1, 7, 8, 13, 8183, 8191, 9000] {
            var bytes = text
            bytes[offset] = 0
            #expect(!TextDecoder.looksBinary(bytes), "NUL at \(offset)")
        }
        // 1 in 8 is the line: 1,024 NULs in 8,192 bytes are not binary, 1,025 are.
        for (n, binary) in [(1024, false), (1025, true)] {
            var bytes = [UInt8](repeating: 0x41, count: 8192)
            for k in 0..<n { bytes[k * 7] = 0 }
            #expect(TextDecoder.looksBinary(bytes) == binary, "\(n) NULs")
        }
        // 5 % is the line: 409 control bytes in 8192 are not binary, 410 are.
        for (n, binary) in [(409, false), (410, true)] {
            var bytes = [UInt8](repeating: 0x41, count: 8192)
            for k in 0..<n { bytes[k * 20 + k % 7] = k % 2 == 0 ? 0x01 : 0x7F }
            #expect(TextDecoder.looksBinary(bytes) == binary, "\(n) control bytes")
        }
    }

    @Test("UTF-8 without a BOM")
    func utf8() throws {
        let decoded = try TextDecoder.decode(Data(sample.utf8))
        #expect(decoded.text == sample)
        #expect(decoded.encoding == "utf-8")
        #expect(decoded.invalidSequences == 0)
    }

    @Test("UTF-8 with a BOM: the BOM is dropped")
    func utf8BOM() throws {
        let decoded = try TextDecoder.decode(Data([0xEF, 0xBB, 0xBF] + Array(sample.utf8)))
        #expect(decoded.text == sample)
        #expect(decoded.encoding == "utf-8-bom")
        #expect(decoded.invalidSequences == 0)
        #expect(decoded.text.unicodeScalars.first != "\u{FEFF}")
    }

    @Test("UTF-16 with a BOM, both byte orders")
    func utf16() throws {
        let units = Array(sample.utf16)
        let le: [UInt8] = [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be: [UInt8] = [0xFE, 0xFF] + units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let decodedLE = try TextDecoder.decode(Data(le))
        #expect(decodedLE.text == sample)
        #expect(decodedLE.encoding == "utf-16le")
        #expect(decodedLE.invalidSequences == 0)
        let decodedBE = try TextDecoder.decode(Data(be))
        #expect(decodedBE.text == sample)
        #expect(decodedBE.encoding == "utf-16be")
        #expect(decodedBE.invalidSequences == 0)
    }

    @Test("UTF-16: a lone surrogate becomes U+FFFD and is counted")
    func utf16Invalid() throws {
        // "政" D800(lone high surrogate) "A", little-endian.
        let decoded = try TextDecoder.decode(Data([0xFF, 0xFE, 0x3F, 0x65, 0x00, 0xD8, 0x41, 0x00]))
        #expect(decoded.text == "政\u{FFFD}A")
        #expect(decoded.invalidSequences == 1)
    }

    @Test("invalid UTF-8 bytes become U+FFFD and are counted")
    func invalidUTF8() throws {
        let decoded = try TextDecoder.decode(Data([0x61, 0xFF, 0x62] + Array("政".utf8) + [0xFE, 0x63]))
        #expect(decoded.text == "a\u{FFFD}b政\u{FFFD}c")
        #expect(decoded.invalidSequences == 2)
        #expect(decoded.encoding == "utf-8")
        // A truncated sequence at the end.
        let truncated = try TextDecoder.decode(Data(Array("公开".utf8).dropLast()))
        #expect(truncated.text == "公\u{FFFD}")
        #expect(truncated.invalidSequences == 1)
    }

    @Test("an empty file")
    func empty() {
        #expect(throws: TextDecoder.Failure.empty) { try TextDecoder.decode(Data()) }
    }

    @Test("NULs in more than 1 byte of 8, or a binary signature: binary", arguments: [
        [0x61, 0x00, 0x62],
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D],
        Array("政府 report".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },  // UTF-16 without a BOM
    ] as [[UInt8]])
    func binary(bytes: [UInt8]) {
        #expect(throws: TextDecoder.Failure.binary) { try TextDecoder.decode(Data(bytes)) }
    }
}

@Suite("PageChrome")
struct PageChromeTests {
    @Test("chrome lines are removed", arguments: [
        "您的位置:首页 >信息公开>信息公开专栏>政府信息公开>政府信息公开年报>公开年报2021年>正文",
        "当前位置：首页 > 政务公开", "分享到:", "分享到：", "分享到", "【关闭】", "【打印】", "[关闭]", "×", "用户登录", "登录",
        "登录| 注册  ", "  • 点击数:人次", "  • 来源:", "  • 作者:admin", "无障碍", "打印本页", "关闭窗口",
        "按回车键在新窗口打开无障碍说明页面,按Ctrl+~键打开导盲模式。", "上一篇:关于印发2020年工作要点的通知",
        "【打印本页】【关闭窗口】", "[打印] [关闭]", "【打印】 【关闭】",
    ])
    func removed(line: String) {
        let (text, removedLines) = PageChrome.strip("标题\n\(line)\n正文")
        #expect(text == "标题\n正文")
        #expect(removedLines == 1)
    }

    @Test("ordinary lines that mention 打印 or 关闭 are kept", arguments: [
        "2022-02-26 12:18:24 托里县人民政府办公室 点击:[] 打印",
        "申请人可自行打印本报告,或到政务服务中心领取。",
        "本年度关闭网站栏目3个,整合栏目12个。",
        "关闭已失效的政务新媒体账号2个。",
        "打印机等办公设备统一登记。",
        "登录政府门户网站即可查询公开信息。",
        "一、总体情况",
        "| 关闭 | 0 | 0 |",
    ])
    func kept(line: String) {
        let input = "标题\n\(line)\n正文"
        let (text, removedLines) = PageChrome.strip(input)
        #expect(text == input)
        #expect(removedLines == 0)
    }

    @Test("a page header: chrome goes, content and blank lines stay")
    func header() {
        let input = """
            新疆伊宁县

            登录| 注册  
            无障碍
            伊宁县政府信息公开工作2023年度报告
            2024-01-26   伊宁县人民政府办公室
            分享到:
            【关闭】
            """
        let (text, removedLines) = PageChrome.strip(input)
        #expect(text == "新疆伊宁县\n\n伊宁县政府信息公开工作2023年度报告\n2024-01-26   伊宁县人民政府办公室")
        #expect(removedLines == 4)
    }
}
