import SystemBytes
import Foundation
import ReportModel
import Testing

/// The byte-level searches the hot loops use find what Foundation's literal search finds.
@Suite("UTF-8 byte search")
struct UTF8SearchTests {
    static let texts = ["江夏区人民政府2021年政府信息公开工作年度报告", "a政府b政府c", "政府", "", "ab", "政府信息公开政府信息公开",
                        "😀政府😀", "一、总体情况\n二、主动公开政府信息情况"]
    static let needles = ["政府", "信息公开", "a", "😀", "情况\n二", "不在", "政府信息公开政府信息公开政府"]

    @Test("first ranges, from the start and from later offsets")
    func ranges() {
        for text in Self.texts {
            for needle in Self.needles {
                var from = text.startIndex
                while true {
                    let expected = text.range(of: needle, options: .literal, range: from..<text.endIndex)
                    #expect(text.rangeUTF8(of: needle, from: from) == expected, "\(needle) in \(text) from \(from.utf16Offset(in: text))")
                    #expect(text.containsUTF8(needle) == text.contains(needle), "\(needle) in \(text)")
                    guard let found = expected else { break }
                    from = found.upperBound
                }
            }
        }
    }

    /// The first n characters read from the bytes are `prefix(n)`'s, whatever joins characters:
    /// `\r\n`, combining marks, zero-width joiners, variation selectors, emoji with skin tones, flags.
    @Test("character prefixes")
    func characterPrefixes() {
        let pieces = ["政", "府", "a", "1", "，", "。", "\n", "\r\n", "\r", "e\u{301}", "\u{200D}", "\u{FE0F}", "👍🏽", "🇨🇳",
                      "\u{3099}", "ｶ\u{FF9E}", "\u{00A0}", "\u{3000}", "é", "👨\u{200D}👩", "\u{0085}", "한", "\u{1100}\u{1161}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            for n in [0, 1, 2, 3, 5, 8, 30] {
                #expect(Array(text.characterPrefix(n).utf8) == Array(String(text.prefix(n)).utf8), "\(n) of \(text.debugDescription)")
            }
        }
        #expect("江夏区人民政府".characterPrefix(2) == "江夏")
    }

    @Test("line feeds found from any position")
    func lineFeeds() {
        for text in Self.texts + ["\n", "a\n\n政府\n", "政府\r\n公开\n", String(repeating: "政府\n", count: 50)] {
            var i = text.startIndex
            while true {
                #expect(text.lineFeed(from: i) == text.utf8[i...].firstIndex(of: 0x0A), "\(text.debugDescription)")
                guard i < text.endIndex else { break }
                i = text.unicodeScalars.index(after: i)
            }
        }
    }

    @Test("every occurrence replaced")
    func replacing() {
        for text in Self.texts {
            for needle in Self.needles {
                #expect(text.replacingUTF8(needle, with: "\n") == text.replacingOccurrences(of: needle, with: "\n", options: .literal))
            }
        }
        #expect("政府资讯公开，政府资讯公开".replacingUTF8("政府资讯公开", with: "政府信息公开") == "政府信息公开，政府信息公开")
    }
}

/// One pass for several needles finds what a search for each finds.
@Suite struct NeedleSetTests {
    @Test func everyOccurrenceOfEveryNeedleIsFound() {
        let needles = ["乐鱼", "体育", "app", "APP", "鱼体", "育育", "a"]
        let set = NeedleSet(needles)
        let pieces = ["乐", "鱼", "体", "育", "a", "p", "P", "A", "😀", "é", "\n", "政府"]
        var state: UInt64 = 7
        for _ in 0..<500 {
            var text = ""
            for _ in 0..<30 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text += pieces[Int(state >> 33) % pieces.count]
            }
            let bytes = Array(text.utf8)
            let expected = needles.map { needle in
                let n = Array(needle.utf8)
                return bytes.indices.filter { $0 + n.count <= bytes.count && Array(bytes[$0..<$0 + n.count]) == n }
            }
            #expect(set.occurrences(in: text) == expected, "\(text)")
        }
    }
}
