@testable import Consistency
import CorpusGenerator
import Testing

/// The byte-level cut of prose into sentences gives what the cut by `Character` gives.
@Suite struct ProseSentencesTests {
    /// Pieces a report's prose is made of, and the ones where bytes and characters part ways:
    /// every newline form, every space `CharacterSet.whitespaces` trims (U+200B included), table
    /// rows, the three terminators, and combining marks or joiners next to them.
    static let pieces = [
        "本年度共收到政府信息公开申请", "859", "件", "，", "办结", "3050", "１２", "。", "；", ";", "\n", "\r\n", "\r",
        "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}", " ", "\t", "\u{A0}", "\u{3000}", "\u{200B}", "\u{2003}",
        "\u{202F}", "\u{205F}", "|", "| 1 | 2 |", "abc", "é", "\u{301}", "\u{200D}", "\u{FE0F}", "😀", "한국", "ｱ", "\u{FF9E}",
        "〇", "（一）", "\u{302A}", "٣",
    ]

    @Test func bytesCutAsCharactersDo() {
        var rng = SplitMix64(seed: 16)
        var plain = 0
        for round in 0..<3000 {
            // Most rounds draw from the pieces of plain text only, so the byte path is exercised.
            let pool = round % 3 == 0 ? Self.pieces : Self.pieces.filter { ProseSentences.isPlain(Array($0.utf8)) }
            var text = ""
            for _ in 0..<Int(rng.next() % 40) { text += pool[Int(rng.next() % UInt64(pool.count))] }
            if ProseSentences.isPlain(Array(text.utf8)) { plain += 1 }
            #expect(ProseSentences.split(text).map(String.init) == ProseSentences.splitByCharacter(text).map(String.init),
                    "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            // Mentioning is a filter on bytes: what it keeps holds every sentence about the word.
            #expect(ProseSentences.split(text, mentioning: "件").filter { $0.contains("件") }.map(String.init)
                    == ProseSentences.splitByCharacter(text).filter { $0.contains("件") }.map(String.init))
        }
        #expect(plain > 1500)
    }

    @Test func aPDFsWrappedSentenceIsJoinedAndTableRowsLeftOut() {
        let text = "  本年度答\n复3050件；\n| 项目 | 数量 |\n\t其中予以公开 12 件。"
        #expect(ProseSentences.split(text) == ["本年度答复3050件"])
        #expect(ProseSentences.split("收到申请\u{3000}12件。\n无\u{200B}") == ["收到申请\u{3000}12件", "无"])
        #expect(ProseSentences.split("收到申请12件。", mentioning: "件") == ["收到申请12件"])
        #expect(ProseSentences.split("收到申请12个。", mentioning: "件").isEmpty)
    }

    @Test func textWithJoiningCharactersIsCutByCharacter() {
        #expect(!ProseSentences.isPlain(Array("收到。\u{301}申请".utf8)))
        // `。` with a combining mark is not a terminator.
        #expect(ProseSentences.split("收到。\u{301}申请；完") == ["收到。\u{301}申请", "完"])
    }
}
