/// Removes pinyin written in brackets right after a Han character, as some sites print it:
/// `區(qū)` → `區`, `公(gong)(gong)` → `公`. Real brackets stay: `(國務(wù)院令第492號)` keeps its
/// content because it is not a pinyin syllable. Must run *before* script conversion, which would
/// otherwise read the annotation as context (`乾(qián)坤` → `干(qián)坤`).
public enum PinyinAnnotations {
    /// The text without annotations, and how many were removed.
    public static func strip(_ text: String) -> (text: String, removed: Int) {
        guard mayHoldAnnotation(text) else { return (text, 0) }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var removed = 0
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if s == "(" || s == "（", let end = syllableEnd(scalars, open: i),
               out.last.map(isHan) == true || hasToneMark(scalars[(i + 1)..<end]) {
                // After a Han character any syllable is an annotation; elsewhere (a character lost
                // to mojibake: `^(qū)`) only one with a tone mark, which real text never brackets.
                removed += 1
                i = end + 1
                continue
            }
            if s == "?", let end = syllableEnd(scalars, open: i), hasToneMark(scalars[(i + 1)..<end]) {
                // `?yún)`: an annotation whose opening bracket was lost in a charset round trip.
                removed += 1
                i = end + 1
                continue
            }
            out.append(s)
            i += 1
        }
        return (String(out), removed)
    }

    /// The index of the closing bracket if `(…)` from `open` holds one pinyin syllable.
    static func syllableEnd(_ scalars: [Unicode.Scalar], open: Int) -> Int? {
        var j = open + 1
        var letters = 0
        var vowel = false
        while j < scalars.count, j - open <= 8 {
            let s = scalars[j]
            if s == ")" || s == "）" {
                return letters > 0 && vowel && isSyllable(scalars[(open + 1)..<j]) ? j : nil
            }
            if isPinyinVowel(s) {
                vowel = true
            } else if !(("a"..."z").contains(s) || (0x0300...0x036F).contains(s.value)) {
                return nil
            }
            letters += 1
            j += 1
        }
        return nil
    }

    /// Toneless spelling of a syllable: tone marks dropped, ü as v.
    static func toneless(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var out = ""
        for s in scalars {
            if (0x0300...0x036F).contains(s.value) { continue }  // combining tone mark
            switch s {
            case "ā", "á", "ǎ", "à": out.append("a")
            case "ē", "é", "ě", "è": out.append("e")
            case "ī", "í", "ǐ", "ì": out.append("i")
            case "ō", "ó", "ǒ", "ò": out.append("o")
            case "ū", "ú", "ǔ", "ù": out.append("u")
            case "ü", "ǖ", "ǘ", "ǚ", "ǜ": out.append("v")
            case "ń", "ň", "ǹ": out.append("n")
            case "ḿ": out.append("m")
            default: out.unicodeScalars.append(s)
            }
        }
        return out
    }

    /// An initial and a final of Mandarin pinyin (`gong`, `qu`, `zhuang`), so that a bracketed
    /// English word after a Han character (`下载(app)`, `(www)`) is not taken for an annotation.
    static let syllables: Set<String> = {
        let initials = ["", "zh", "ch", "sh"] + "bpmfdtnlgkhjqxrzcsyw".map(String.init)
        let finals = ["iang", "iong", "uang", "ueng", "ang", "eng", "ing", "ong", "ian", "iao", "uai", "uan", "van",
                      "ai", "ei", "ui", "ao", "ou", "iu", "ie", "ve", "ue", "er", "an", "en", "in", "un", "vn", "ia",
                      "ua", "uo", "a", "o", "e", "i", "u", "v"]
        return Set(initials.flatMap { i in finals.map { i + $0 } }).union(["ng", "n", "m", "hm", "hng"])
    }()

    static func isSyllable(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        syllables.contains(toneless(scalars))
    }

    static func hasToneMark(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        scalars.contains { $0.value > 0x7F && isPinyinVowel($0) && $0 != "ü" }
    }

    static func isPinyinVowel(_ s: Unicode.Scalar) -> Bool {
        "aeiouvüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ".unicodeScalars.contains(s)
    }

    /// Whether a bracket or `?` is followed by what can start a syllable: an ASCII letter, or
    /// the lead byte of a toned vowel (U+00C0…01FF), a combining mark (U+0300…036F) or ḿ. Most
    /// texts have none, and are returned as they are without decoding.
    static func mayHoldAnnotation(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { b in
            let n = b.count
            var i = 0
            while i < n {
                var next = -1
                if b[i] == 0x28 || b[i] == 0x3F {
                    next = i + 1
                } else if b[i] == 0xEF, i + 2 < n, b[i + 1] == 0xBC, b[i + 2] == 0x88 {  // （
                    next = i + 3
                }
                if next >= 0, next < n {
                    switch b[next] {
                    case 0x61...0x7A, 0xC3, 0xC4, 0xC5, 0xC7, 0xCC, 0xCD, 0xE1: return true
                    default: break
                    }
                }
                i += 1
            }
            return false
        }
    }

    static func isHan(_ s: Unicode.Scalar) -> Bool { isHan(value: s.value) }

    @inline(__always)
    static func isHan(value: UInt32) -> Bool {
        switch value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2EBEF, 0xF900...0xFAFF: true
        default: false
        }
    }
}
