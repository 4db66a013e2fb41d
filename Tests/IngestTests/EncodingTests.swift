import Foundation
import Testing
@testable import Ingest

/// The seeds re-encoded as the web serves them decode to the same text.
@Suite("Encodings")
struct EncodingTests {
    @Test("GB18030: every seed decodes to its original text", arguments: WebSupport.seedNames)
    func gb18030(seed: String) throws {
        let original = try WebSupport.seedText(seed)
        let bytes = try WebSupport.iconv(Data(original.utf8), from: "UTF-8", to: "GB18030")
        let decoded = try TextDecoder.decode(bytes)
        #expect(decoded.encoding == "gb18030")
        #expect(decoded.invalidSequences == 0)
        #expect(decoded.text == original)
    }

    @Test("UTF-16LE/BE with a BOM, UTF-8 with a BOM: every seed", arguments: WebSupport.seedNames)
    func unicodeForms(seed: String) throws {
        let original = try WebSupport.seedText(seed)
        let forms: [(Data, String)] = [
            (WebSupport.utf16(original, littleEndian: true, bom: true), "utf-16le"),
            (WebSupport.utf16(original, littleEndian: false, bom: true), "utf-16be"),
            (Data([0xEF, 0xBB, 0xBF] + Array(original.utf8)), "utf-8-bom"),
            (Data(original.utf8), "utf-8"),
        ]
        for (bytes, label) in forms {
            let decoded = try TextDecoder.decode(bytes)
            #expect(decoded.encoding == label)
            #expect(decoded.invalidSequences == 0)
            #expect(decoded.text == original, "\(label)")
        }
    }

    @Test("UTF-16 without a BOM is recognised by its NUL bytes", arguments: [WebSupport.seed001, WebSupport.seed003])
    func utf16WithoutBOM(seed: String) throws {
        let original = try WebSupport.seedText(seed)
        let le = try TextDecoder.decode(WebSupport.utf16(original, littleEndian: true, bom: false))
        #expect(le.encoding == "utf-16le")
        #expect(le.text == original)
        let be = try TextDecoder.decode(WebSupport.utf16(original, littleEndian: false, bom: false))
        #expect(be.encoding == "utf-16be")
        #expect(be.text == original)
    }

    @Test("Big5: seed 001 (traditional script)")
    func big5() throws {
        let original = Data(try WebSupport.seedText(WebSupport.seed001).utf8)
        // Big5 has no pinyin tone letters (ū, ǎ): they are left out, and the text expected back is
        // what Big5 can hold.
        let bytes = try WebSupport.iconv(original, from: "UTF-8", to: "BIG5", discard: true)
        let expected = String(decoding: try WebSupport.iconv(bytes, from: "BIG5", to: "UTF-8"), as: UTF8.self)
        #expect(expected.contains("江夏區") && expected.contains("收到和處"))
        let decoded = try TextDecoder.decode(bytes)
        #expect(decoded.encoding == "big5")
        #expect(decoded.invalidSequences == 0)
        #expect(decoded.text == expected)
        // A page that declares gb2312 and serves Big5: the hint is verified, not trusted.
        let page = Data("<html><head><meta charset=\"gb2312\"></head><body>".utf8) + bytes
        let fromPage = try TextDecoder.decode(page)
        #expect(fromPage.encoding == "big5")
        #expect(fromPage.text.hasSuffix(expected))
    }

    @Test("GBK and GB2312 are read as GB18030 and recorded as gb18030", arguments: ["GBK", "GB2312"])
    func gbFamily(charset: String) throws {
        let original = Data(try WebSupport.seedText(WebSupport.seed003).utf8)
        let bytes = try WebSupport.iconv(original, from: "UTF-8", to: charset, discard: true)
        let expected = String(decoding: try WebSupport.iconv(bytes, from: charset, to: "UTF-8"), as: UTF8.self)
        let decoded = try TextDecoder.decode(bytes)
        #expect(decoded.encoding == "gb18030")
        #expect(decoded.invalidSequences == 0)
        #expect(decoded.text == expected)
    }

    @Test("a short GB18030 text, where uchardet has little to go on")
    func shortGB18030() throws {
        for text in ["政府信息公开", "2021年度报告", "总计 | 0 | 12 |"] {
            let bytes = try WebSupport.iconv(Data(text.utf8), from: "UTF-8", to: "GB18030")
            let decoded = try TextDecoder.decode(bytes)
            #expect(decoded.text == text)
            #expect(decoded.encoding == "gb18030")
        }
    }

    @Test("a lying <meta charset=gb2312> on a UTF-8 page: UTF-8 stays UTF-8")
    func lyingMeta() throws {
        let page = try WebSupport.fixture("seed001.html")
        let decoded = try TextDecoder.decode(page)
        #expect(decoded.encoding == "utf-8")
        #expect(decoded.invalidSequences == 0)
        #expect(decoded.text == String(decoding: page, as: UTF8.self))
        // The same page served as GB18030, as it declares (gb2312, a subset it outgrows).
        let gb = try WebSupport.iconv(page, from: "UTF-8", to: "GB18030")
        let fromGB = try TextDecoder.decode(gb)
        #expect(fromGB.encoding == "gb18030")
        #expect(fromGB.text == decoded.text)
    }

    @Test("invalid bytes in GB18030 text: one U+FFFD each, the rest intact")
    func invalidGB18030() throws {
        let text = try WebSupport.seedText(WebSupport.seed003)
        var bytes = [UInt8](try WebSupport.iconv(Data(text.utf8), from: "UTF-8", to: "GB18030"))
        let middle = bytes.count / 2
        // A byte no GB18030 character starts with, between two characters.
        var at = middle
        while bytes[at] >= 0x80 || bytes[at - 1] >= 0x80 { at += 1 }
        bytes.insert(0xFF, at: at)
        let decoded = try TextDecoder.decode(Data(bytes))
        #expect(decoded.encoding == "gb18030")
        #expect(decoded.invalidSequences == 1)
        #expect(decoded.text.replacingOccurrences(of: "\u{FFFD}", with: "") == text)
    }

    @Test("a GB18030 file cut inside a character ends in one U+FFFD")
    func truncatedGB18030() throws {
        let text = try WebSupport.seedText(WebSupport.seed003)
        // The text up to its last Chinese character, encoded, less that character's last byte.
        let last = try #require(text.lastIndex { $0.unicodeScalars.first!.value >= 0x4E00 })
        let prefix = String(text[...last])
        let bytes = try WebSupport.iconv(Data(prefix.utf8), from: "UTF-8", to: "GB18030").dropLast()
        let decoded = try TextDecoder.decode(Data(bytes))
        #expect(decoded.encoding == "gb18030")
        #expect(decoded.invalidSequences == 1)
        #expect(decoded.text == prefix.dropLast() + "\u{FFFD}")
    }

    @Test("UTF-8 with a damaged byte among many characters stays UTF-8")
    func damagedUTF8() throws {
        var bytes = [UInt8](try WebSupport.seed(WebSupport.seed003))
        bytes[bytes.count / 2] = 0xFF
        let decoded = try TextDecoder.decode(Data(bytes))
        #expect(decoded.encoding == "utf-8")
        #expect(decoded.invalidSequences >= 1 && decoded.invalidSequences <= 3)
    }

    @Test("damaged UTF-8: the repaired text has one U+FFFD per invalid sequence counted", arguments: [
        [0xFF], [0xE4, 0xB8], [0xE4, 0xB8, 0x41], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0x80, 0x80, 0x80],
        [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x98], [0xE4, 0xB8, 0xFF, 0xE4, 0xB8, 0x80],
    ] as [[UInt8]])
    func damagedSequences(_ damage: [UInt8]) throws {
        // Enough good multibyte text around the damage that the file stays UTF-8.
        let good = Array(String(repeating: "政府信息公开", count: 8).utf8)
        let bytes = good + damage + good
        let decoded = try TextDecoder.decode(Data(bytes))
        #expect(decoded.encoding == "utf-8")
        var expected = String.UnicodeScalarView()
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var errors = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): expected.append(s)
            case .emptyInput: break loop
            case .error: errors += 1; expected.append("\u{FFFD}")
            }
        }
        #expect(decoded.invalidSequences == errors)
        #expect(decoded.text == String(expected))
    }

    @Test("the declared charset of a page", arguments: [
        ("<meta charset=\"gb2312\">", "gb2312"),
        ("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=GBK\">", "gbk"),
        ("<meta http-equiv=Content-Type content=\"text/html; charset=big5\">", "big5"),
        ("<meta charset='utf-8'/>", "utf-8"),
        ("<meta name=\"keywords\" content=\"charset\"><p>charset=gbk</p>", nil),
        ("<p>no meta at all</p>", nil),
    ] as [(String, String?)])
    func declaredCharset(html: String, expected: String?) {
        #expect(CharsetHint.declared(in: Array(html.utf8)) == expected)
    }

    @Test("charset names map to the labels recorded")
    func labels() {
        #expect(TextDecoder.legacyLabel("GB2312") == "gb18030")
        #expect(TextDecoder.legacyLabel("x-gbk") == "gb18030")
        #expect(TextDecoder.legacyLabel("BIG5") == "big5")
        #expect(TextDecoder.legacyLabel("WINDOWS-1252") == nil)
        #expect(TextDecoder.legacyLabel("UTF-8") == nil)
    }
}
