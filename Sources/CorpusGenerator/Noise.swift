import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Artefacts scraped pages carry.
enum Noise {
    /// Pinyin some sites print after traditional characters: `區(qū)`, `報(bào)` (seed 001).
    static let pinyin: [Character: String] = [
        "區": "qū", "報": "bào", "發": "fā", "來": "lái", "開": "kāi", "務": "wù", "與": "yǔ", "會": "huì",
        "關": "guān", "計": "jì", "處": "chù", "請": "qǐng", "應": "yīng", "業": "yè", "機": "jī", "構": "gòu",
        "結": "jié", "轉": "zhuǎn", "辦": "bàn", "規": "guī", "號": "hào", "條": "tiáo", "數": "shù", "據": "jù",
        "統": "tǒng", "護": "hù", "權": "quán", "總": "zǒng", "網": "wǎng", "絡": "luò", "時": "shí", "實": "shí",
        "現": "xiàn", "質": "zhì", "強": "qiáng", "進": "jìn", "對": "duì", "這": "zhè", "級": "jí", "為": "wèi",
    ]

    /// Annotates the characters of `pinyin` with their syllable in half-width brackets.
    static func annotatePinyin(_ text: String, rng: inout SplitMix64) -> String {
        // Every page that annotates does it for (nearly) all characters it can.
        let skip = rng.chance(0.3) ? 0.1 : 0.0
        var out = ""
        out.reserveCapacity(text.utf8.count * 2)
        for ch in text {
            out.append(ch)
            if let syllable = pinyin[ch], !rng.chance(skip) { out += "(" + syllable + ")" }
        }
        return out
    }

    /// Big5 has no non-breaking space: pages that had one show `?` where it was lost.
    static func nbspToQuestionMarks(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { s in
            s == "\u{00A0}" || s == "\u{2002}" ? "?" : s
        }))
    }
}

/// UTF-8 text to another charset through iconv.
enum Transcoder {
    /// nil when a character cannot be encoded in the charset.
    static func encode(_ text: String, to charset: String) -> [UInt8]? {
        let cd = iconv_open(charset, "UTF-8")
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        let produced: Int? = input.withUnsafeMutableBytes { inRaw in
            output.withUnsafeMutableBytes { outRaw in
                var inPtr = inRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = inRaw.count
                var outPtr = outRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outLeft = outRaw.count
                guard iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1, inLeft == 0 else { return nil }
                return outRaw.count - outLeft
            }
        }
        guard let produced else { return nil }
        return Array(output.prefix(produced))
    }
}
