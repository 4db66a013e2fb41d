import SystemBytes
import ReportModel

/// Gambling brands a hijacked site drops into a page (`乐鱼体育`, `九游会`): the known ones as data,
/// and the pattern that finds new ones — a brand stem before 体育 / 娱乐 / 官网 / 平台 / 注册 / app,
/// repeated, dropped into sentences it does not belong to.
public enum SpamBrands {
    /// A known brand: its stem, and whether the stem alone is a brand (`九游会`) or only with a
    /// brand word after it (`星空` is a word; `星空体育` is a brand).
    public struct Known: Sendable {
        public let stem: String
        public let alone: Bool
    }

    /// Known brands, kept as data: a new one is one more line.
    public static let known: [Known] = [
        Known(stem: "九游会", alone: true), Known(stem: "华体会", alone: true), Known(stem: "爱游戏", alone: true),
        Known(stem: "乐鱼", alone: false), Known(stem: "星空", alone: false), Known(stem: "开云", alone: false),
        Known(stem: "博鱼", alone: false), Known(stem: "亚博", alone: false), Known(stem: "米乐", alone: false),
        Known(stem: "必威", alone: false), Known(stem: "半岛", alone: false), Known(stem: "天博", alone: false),
        Known(stem: "欧宝", alone: false), Known(stem: "雷火", alone: false), Known(stem: "凯发", alone: false),
        Known(stem: "尊龙", alone: false), Known(stem: "沙巴", alone: false), Known(stem: "鸭脖", alone: false),
        Known(stem: "威尼斯人", alone: false), Known(stem: "新葡京", alone: true), Known(stem: "澳门金沙", alone: true),
    ]

    /// The words a brand stem carries after it, longest first.
    public static let brandWords = ["体育", "娱乐", "官网", "平台", "注册", "APP", "App", "app"]

    /// A new brand's token must occur this often, after and before at least two different
    /// characters (dropped into different sentences), and its stem nowhere else in the text.
    static let minimumRepeats = 3

    /// The stems, then the brand words, searched together.
    static let needles = NeedleSet(known.map(\.stem) + brandWords)

    /// The Han brand tokens in the text (stem plus brand word when one follows).
    ///
    /// Found by searching the text's bytes for the stems and brand words in one pass (few
    /// occurrences), and decoding only the characters around each.
    static func find(in text: String) -> [String: Int] {
        let found = needles.occurrences(in: text)
        let utf8 = text.utf8
        func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
        var counts: [String: Int] = [:]
        // Known brands, wherever they stand; an occurrence inside the brand word of the one
        // before is not one.
        for (k, brand) in known.enumerated() {
            var from = text.startIndex
            for offset in found[k] {
                let start = index(offset)
                guard start >= from else { continue }
                let end = index(offset + brand.stem.utf8.count)
                let word = brandWord(at: end, in: text)
                if brand.alone || word != nil { counts[brand.stem + (word?.text ?? ""), default: 0] += 1 }
                from = word?.end ?? end
            }
        }
        // New brands: a two-character Han stem before a brand word.
        var occurrences: [String: (count: Int, before: Set<Unicode.Scalar>, after: Set<Unicode.Scalar>)] = [:]
        let scalars = text.unicodeScalars
        for (k, word) in brandWords.enumerated() {
            for offset in found[known.count + k] {
                let lower = index(offset)
                guard let found = brandWord(at: lower, in: text), found.text == word,
                      lower > scalars.startIndex else { continue }
                let i2 = scalars.index(before: lower)
                guard i2 > scalars.startIndex else { continue }
                let i1 = scalars.index(before: i2)
                guard isHan(scalars[i1]), isHan(scalars[i2]) else { continue }
                let token = String(scalars[i1]) + String(scalars[i2]) + word
                var entry = occurrences[token] ?? (0, [], [])
                entry.count += 1
                entry.before.insert(i1 > scalars.startIndex ? scalars[scalars.index(before: i1)] : "\n")
                entry.after.insert(found.end < scalars.endIndex ? scalars[found.end] : "\n")
                occurrences[token] = entry
            }
        }
        for (token, entry) in occurrences where entry.count >= minimumRepeats && entry.before.count >= 2 && entry.after.count >= 2 {
            let stem = String(token.unicodeScalars.prefix(2).map(Character.init))
            if counts.keys.contains(where: { $0.containsUTF8(stem) }) { continue }
            if occurrencesCount(of: stem, in: text) == entry.count { counts[token] = entry.count }
        }
        return counts
    }

    /// The brand word starting at `i`, and where it ends. `app` followed by more Latin letters is
    /// an English word, not a brand word.
    static func brandWord(at i: String.Index, in text: String) -> (text: String, end: String.Index)? {
        let scalars = text.unicodeScalars
        guard i < scalars.endIndex else { return nil }
        for word in brandWords {
            var j = i
            var matched = true
            for w in word.unicodeScalars {
                guard j < scalars.endIndex, scalars[j] == w else { matched = false; break }
                j = scalars.index(after: j)
            }
            guard matched else { continue }
            if word.utf8.first! < 0x80, j < scalars.endIndex, scalars[j].isASCII, scalars[j].properties.isAlphabetic { return nil }
            return (word, j)
        }
        return nil
    }

    static func isHan(_ s: Unicode.Scalar) -> Bool { PinyinAnnotations.isHan(value: s.value) }

    static func occurrencesCount(of needle: String, in text: String) -> Int {
        var count = 0
        var from = text.startIndex
        while let range = text.rangeUTF8(of: needle, from: from) {
            count += 1
            from = range.upperBound
        }
        return count
    }
}
