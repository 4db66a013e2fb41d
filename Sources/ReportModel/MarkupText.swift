/// Text written into HTML or XML that the writers make (the run report, generated pages, Word
/// files): one escaping for all of them.
package enum MarkupText {
    /// `&`, `<` and `>` as entities; `"` too when `quotes` (text that may stand in an attribute
    /// value), left as it is in element content, where it needs none.
    package static func escaped(_ text: String, quotes: Bool = true) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
