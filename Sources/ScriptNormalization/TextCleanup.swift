/// Character-level cleanup of scraped text.
///
/// Both passes scan the UTF-8 bytes (every sequence they look for is fixed, and `?`, space, `|`,
/// digits and the line feed are ASCII, so no multi-byte character can be mistaken for one) and
/// return the text untouched when there is nothing to change.
public enum TextCleanup {
    /// NBSP, en/em spaces and the ideographic space become a plain space; full-width digits and
    /// Latin letters become ASCII; a BOM or zero-width character is dropped.
    public static func foldSpacesAndWidths(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String in
            guard let first = firstFoldable(bytes) else { return String(decoding: bytes, as: UTF8.self) }
            var out = [UInt8]()
            out.reserveCapacity(bytes.count)
            out.append(contentsOf: bytes[..<first])
            var i = first
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                if b == 0x0D { i += 1; continue }  // CRLF line ends
                if b == 0xC2, i + 1 < n, bytes[i + 1] == 0xA0 { out.append(0x20); i += 2; continue }  // NBSP
                if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80 {
                    switch bytes[i + 2] {
                    case 0x82, 0x83, 0x89: out.append(0x20); i += 3; continue  // U+2002, U+2003, U+2009
                    case 0x8B, 0x8C, 0x8D: i += 3; continue  // zero-width space / (non-)joiner
                    default: break
                    }
                }
                if b == 0xE3, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0x80 { out.append(0x20); i += 3; continue }
                if b == 0xEF, i + 2 < n {
                    let b1 = bytes[i + 1], b2 = bytes[i + 2]
                    if b1 == 0xBB, b2 == 0xBF { i += 3; continue }  // BOM
                    // U+FF10…FF19 → 0…9, U+FF21…FF3A → A…Z (EF BC xx); U+FF41…FF5A → a…z (EF BD xx).
                    if b1 == 0xBC, (0x90...0x99).contains(b2) { out.append(b2 - 0x90 + 0x30); i += 3; continue }
                    if b1 == 0xBC, (0xA1...0xBA).contains(b2) { out.append(b2 - 0xA1 + 0x41); i += 3; continue }
                    if b1 == 0xBD, (0x81...0x9A).contains(b2) { out.append(b2 - 0x81 + 0x61); i += 3; continue }
                }
                out.append(b)
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The offset of the first byte that may start a sequence `foldSpacesAndWidths` changes.
    static func firstFoldable(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        bytes.firstIndex { $0 == 0x0D || $0 == 0xC2 || $0 == 0xE2 || $0 == 0xE3 || $0 == 0xEF }
    }

    /// Removes `?` left where a non-breaking space was lost in a charset round trip: runs of `?`
    /// (with spaces) beside a digit, a table pipe, or the start or end of a line (`| ? ? 0 |`,
    /// `?2021年`, `文章来源:…局?`). A `?` inside words or URLs (`a?b=1`) stays.
    public static func removeQuestionMarkArtefacts(_ text: String) -> (text: String, removed: Int) {
        var text = text
        return text.withUTF8 { bytes -> (text: String, removed: Int) in
            guard let first = bytes.firstIndex(of: UInt8(ascii: "?")) else {
                return (String(decoding: bytes, as: UTF8.self), 0)
            }
            let n = bytes.count
            var out = [UInt8]()
            out.reserveCapacity(n)
            out.append(contentsOf: bytes[..<first])
            var removed = 0
            var i = first
            while i < n {
                guard bytes[i] == UInt8(ascii: "?") else {
                    out.append(bytes[i])
                    i += 1
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
