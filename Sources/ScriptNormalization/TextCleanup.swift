import SystemBytes
import ReportModel

/// Character-level cleanup of scraped text.
///
/// Both passes scan the UTF-8 bytes (every sequence they look for is fixed, and `?`, space, `|`,
/// digits and the line feed are ASCII, so no multi-byte character can be mistaken for one) and
/// return the text untouched when there is nothing to change.
public enum TextCleanup {
    /// NBSP, en/em spaces and the ideographic space become a plain space; full-width digits and
    /// Latin letters become ASCII; a BOM, zero-width character, joiner (U+200C, U+200D, U+2060,
    /// the combining grapheme joiner U+034F) or variation selector (U+FE00…FE0F) is dropped: the
    /// marks a scraped page leaves after a label or a `。` would otherwise glue onto the character
    /// before them.
    public static func foldSpacesAndWidths(_ text: String) -> String {
        var text = text
        // Unchanged runs are copied whole, and a text with nothing to fold is returned as it is:
        // the lead bytes looked at (E2, E3, EF) start most Chinese punctuation, so candidates are
        // everywhere but changes are few.
        let folded: [UInt8]? = text.withUTF8 { bytes in
            var out: [UInt8]? = nil
            var copied = 0
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                guard b == 0x0D || b == 0xC2 || b == 0xCD || b == 0xE2 || b == 0xE3 || b == 0xEF else {
                    i += 1
                    continue
                }
                // The change at i: how many bytes it replaces, and the ASCII byte it writes (nil: none).
                var length = 0
                var replacement: UInt8? = nil
                if b == 0x0D {
                    length = 1  // CRLF line ends
                } else if b == 0xC2, i + 1 < n, bytes[i + 1] == 0xA0 {
                    (length, replacement) = (2, 0x20)  // NBSP
                } else if b == 0xCD, i + 1 < n, bytes[i + 1] == 0x8F {
                    length = 2  // U+034F combining grapheme joiner
                } else if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x81, bytes[i + 2] == 0xA0 {
                    length = 3  // U+2060 word joiner
                } else if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80 {
                    switch bytes[i + 2] {
                    case 0x82, 0x83, 0x89: (length, replacement) = (3, 0x20)  // U+2002, U+2003, U+2009
                    case 0x8B, 0x8C, 0x8D: length = 3  // zero-width space / (non-)joiner
                    default: break
                    }
                } else if b == 0xE3, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0x80 {
                    (length, replacement) = (3, 0x20)  // U+3000
                } else if b == 0xEF, i + 2 < n {
                    let b1 = bytes[i + 1], b2 = bytes[i + 2]
                    if b1 == 0xBB, b2 == 0xBF { length = 3 }  // BOM
                    else if b1 == 0xB8, (0x80...0x8F).contains(b2) { length = 3 }  // U+FE00…FE0F variation selectors
                    // U+FF10…FF19 → 0…9, U+FF21…FF3A → A…Z (EF BC xx); U+FF41…FF5A → a…z (EF BD xx).
                    else if b1 == 0xBC, (0x90...0x99).contains(b2) { (length, replacement) = (3, b2 - 0x90 + 0x30) }
                    else if b1 == 0xBC, (0xA1...0xBA).contains(b2) { (length, replacement) = (3, b2 - 0xA1 + 0x41) }
                    else if b1 == 0xBD, (0x81...0x9A).contains(b2) { (length, replacement) = (3, b2 - 0x81 + 0x61) }
                }
                guard length > 0 else {
                    i += 1
                    continue
                }
                if out == nil {
                    out = []
                    out!.reserveCapacity(n)
                }
                out!.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<i]))
                if let replacement { out!.append(replacement) }
                i += length
                copied = i
            }
            guard var out else { return nil }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<n]))
            return out
        }
        guard let folded else { return text }
        return String(decoding: folded, as: UTF8.self)
    }

    /// `｜` as a table's separators (a row typed in a full-width input mode) becomes `|`: on a
    /// line with no `|` and two or more `｜`, each with white space, another `｜` or the line's
    /// end on both sides (`｜ 其他处理 ｜ 2 ｜ 0 ｜`). A `｜` inside words (`首页｜政务公开`), alone
    /// on a line, or on a line with `|` (a laid-out PDF's row, whose cells write `|` as `｜`) stays.
    public static func foldFullWidthPipes(_ text: String) -> String {
        guard text.containsUTF8("｜") else { return text }
        var changed = false
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            let s = Array(line.unicodeScalars)
            let pipes = s.indices.filter { s[$0] == "｜" }
            guard pipes.count >= 2, !s.contains("|") else { return line }
            func separates(_ i: Int) -> Bool { i < 0 || i >= s.count || s[i] == " " || s[i] == "\t" || s[i] == "｜" }
            guard pipes.allSatisfy({ separates($0 - 1) && separates($0 + 1) }) else { return line }
            changed = true
            return Substring(line.replacingOccurrences(of: "｜", with: "|"))
        }
        return changed ? lines.joined(separator: "\n") : text
    }

    /// Removes `?` left where a non-breaking space was lost in a charset round trip: runs of `?`
    /// (with spaces) beside a digit, a table pipe, or the start or end of a line (`| ? ? 0 |`,
    /// `?2021年`, `文章来源:…局?`). A `?` inside words or URLs (`a?b=1`) stays.
    public static func removeQuestionMarkArtefacts(_ text: String) -> (text: String, removed: Int) {
        // Most texts hold no `?`: returned as they are, uncopied.
        guard text.containsASCII(UInt8(ascii: "?")) else { return (text, 0) }
        var text = text
        return text.withUTF8 { bytes -> (text: String, removed: Int) in
            let n = bytes.count
            var out = [UInt8]()
            out.reserveCapacity(n)
            var removed = 0
            var i = 0
            while i < n {
                guard bytes[i] == UInt8(ascii: "?") else {
                    // The text up to the next `?`, copied at once.
                    let next = bytes[i...].firstIndex(of: UInt8(ascii: "?")) ?? n
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<next]))
                    i = next
                    continue
                }
                // The run of ? and spaces starting here.
                var end = i
                var marks = 0
                while end < n, bytes[end] == UInt8(ascii: "?") || bytes[end] == 0x20 {
                    if bytes[end] == UInt8(ascii: "?") { marks += 1 }
                    end += 1
                }
                var before = i - 1
                while before >= 0, bytes[before] == 0x20 { before -= 1 }
                if isAnchor(before >= 0 ? bytes[before] : nil) || isAnchor(end < n ? bytes[end] : nil) {
                    removed += marks
                    out.append(0x20)
                } else {
                    out.append(contentsOf: bytes[i..<end])
                }
                i = end
            }
            return (String(decoding: out, as: UTF8.self), removed)
        }
    }

    /// A line feed, a pipe, an ASCII digit, or the start or end of the text. (The byte before or
    /// after a run is the last or first byte of a character: a multi-byte one never matches.)
    private static func isAnchor(_ byte: UInt8?) -> Bool {
        guard let byte else { return true }
        return byte == 0x0A || byte == UInt8(ascii: "|") || (0x30...0x39).contains(byte)
    }
}
