/// Spam injected by a hijacked site: a foreign brand token (`UedBet体育`) replacing ordinary
/// words, repeated through the page. Detected, reported, never silently kept in metadata.
public enum SpamTokens {
    /// Han words that brand tokens carry after their Latin name.
    static let brandSuffixes = ["体育", "娱乐", "官网", "平台", "棋牌", "彩票", "电竞", "真人", "国际", "app", "APP"]
    /// A token must repeat this often to count as injected.
    static let minimumRepeats = 3

    /// The injected tokens in the text, most frequent first.
    public static func find(in text: String) -> [String] {
        var counts: [String: Int] = [:]
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            guard chars[i].isASCII, chars[i].isLetter else { i += 1; continue }
            var j = i
            while j < chars.count, chars[j].isASCII, chars[j].isLetter || chars[j].isNumber { j += 1 }
            let latin = String(chars[i..<j])
            // A brand: mixed case or a brand suffix, glued to Han text (not a URL, not an English word).
            let glued = (i > 0 && isHan(chars[i - 1])) || (j < chars.count && isHan(chars[j]))
            if glued, latin.count >= 3 {
                let rest = String(chars[j..<min(chars.count, j + 2)])
                let token = brandSuffixes.contains(rest) ? latin + rest : latin
                let mixedCase = latin.contains(where: \.isUppercase) && latin.contains(where: \.isLowercase)
                if mixedCase || token != latin { counts[token, default: 0] += 1 }
            }
            i = j
        }
        return counts.filter { $0.value >= minimumRepeats }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
    }

    static func isHan(_ c: Character) -> Bool {
        c.unicodeScalars.first.map(PinyinAnnotations.isHan) ?? false
    }
}
