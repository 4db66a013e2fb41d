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

    /// The Han brand tokens in the text (stem plus brand word when one follows).
    static func find(in text: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        let scalars = Array(text.unicodeScalars)
        // Known brands, wherever they stand.
        for brand in known where text.containsUTF8(brand.stem) {
            let stem = Array(brand.stem.unicodeScalars)
            var i = 0
            while i + stem.count <= scalars.count {
                guard scalars[i] == stem[0], scalars[i..<(i + stem.count)].elementsEqual(stem) else { i += 1; continue }
                let word = brandWord(at: i + stem.count, scalars)
                if brand.alone || word != nil {
                    counts[brand.stem + (word ?? ""), default: 0] += 1
                    i += stem.count + (word?.unicodeScalars.count ?? 0)
                } else {
                    i += stem.count
                }
            }
        }
        // New brands: a two-character Han stem before a brand word.
        var occurrences: [String: (count: Int, before: Set<Unicode.Scalar>, after: Set<Unicode.Scalar>)] = [:]
        var i = 2
        while i < scalars.count {
            guard let word = brandWord(at: i, scalars), isHan(scalars[i - 1]), isHan(scalars[i - 2]) else { i += 1; continue }
            let token = String(String.UnicodeScalarView(scalars[(i - 2)..<i])) + word
            let end = i + word.unicodeScalars.count
            var entry = occurrences[token] ?? (0, [], [])
            entry.count += 1
            entry.before.insert(i >= 3 ? scalars[i - 3] : "\n")
            entry.after.insert(end < scalars.count ? scalars[end] : "\n")
            occurrences[token] = entry
            i = end
        }
        for (token, entry) in occurrences where entry.count >= minimumRepeats && entry.before.count >= 2 && entry.after.count >= 2 {
            let stem = String(token.unicodeScalars.prefix(2).map(Character.init))
            if counts.keys.contains(where: { $0.containsUTF8(stem) }) { continue }
            if occurrencesCount(of: stem, in: text) == entry.count { counts[token] = entry.count }
        }
        return counts
    }

    static func brandWord(at i: Int, _ scalars: [Unicode.Scalar]) -> String? {
        for word in brandWords {
            let w = Array(word.unicodeScalars)
            if i + w.count <= scalars.count, scalars[i..<(i + w.count)].elementsEqual(w) {
                // `app` followed by more letters is an English word, not a brand word.
                if w[0].isASCII, i + w.count < scalars.count, scalars[i + w.count].properties.isAlphabetic,
                   scalars[i + w.count].isASCII { return nil }
                return word
            }
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
