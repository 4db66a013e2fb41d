/// Character-level cleanup of scraped text.
public enum TextCleanup {
    /// NBSP, en/em spaces and the ideographic space become a plain space; full-width digits and
    /// Latin letters become ASCII; a BOM or zero-width character is dropped.
    public static func foldSpacesAndWidths(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        out.reserveCapacity(text.unicodeScalars.count)
        for s in text.unicodeScalars {
            switch s.value {
            case 0x00A0, 0x2002, 0x2003, 0x2009, 0x3000: out.append(" ")
            case 0xFEFF, 0x200B, 0x200C, 0x200D: continue
            case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A:
                out.append(Unicode.Scalar(s.value - 0xFEE0)!)
            case 0x0D: continue  // CRLF line ends
            default: out.append(s)
            }
        }
        return String(out)
    }

    /// Removes `?` left where a non-breaking space was lost in a charset round trip: runs of `?`
    /// (with spaces) beside a digit, a table pipe, or the start or end of a line (`| ? ? 0 |`,
    /// `?2021年`, `文章来源:…局?`). A `?` inside words or URLs (`a?b=1`) stays.
    public static func removeQuestionMarkArtefacts(_ text: String) -> (text: String, removed: Int) {
        guard text.contains("?") else { return (text, 0) }
        let chars = Array(text)
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var removed = 0
        var i = 0
        while i < chars.count {
            guard chars[i] == "?" else {
                out.append(chars[i])
                i += 1
                continue
            }
            // The run of ? and spaces starting here.
            var end = i
            while end < chars.count, chars[end] == "?" || chars[end] == " " { end += 1 }
            var before = i - 1
            while before >= 0, chars[before] == " " { before -= 1 }
            let prev: Character? = before >= 0 ? chars[before] : nil
            let next: Character? = end < chars.count ? chars[end] : nil
            if isAnchor(prev) || isAnchor(next) {
                removed += chars[i..<end].filter { $0 == "?" }.count
                out.append(" ")
            } else {
                out.append(contentsOf: chars[i..<end])
            }
            i = end
        }
        return (out, removed)
    }

    private static func isAnchor(_ c: Character?) -> Bool {
        guard let c else { return true }  // start or end of text
        return c == "\n" || c == "|" || (c.isASCII && c.isNumber)
    }
}
