import SystemBytes

/// A section's prose cut into sentences on its UTF-8 bytes: lines that are table rows (a `|` or
/// a tab) left out, each line's ends trimmed, the lines joined (a sentence wrapped over lines is
/// one again), then cut at `。`, `；` and `;`, each sentence trimmed.
///
/// Cutting bytes is cutting characters only where every character is one scalar that joins no
/// neighbour (no combining mark, joiner, variation selector, Hangul jamo, emoji); a text with any
/// other character is cut by `Character`, the way the byte path reproduces.
///
/// `mentioning`: only the sentences whose bytes hold that word (no other can be about it).
enum ProseSentences {
    static func split(_ text: String, mentioning word: String? = nil) -> [Substring] {
        let needle = word.map { Array($0.utf8) } ?? []
        var bytes = Array(text.utf8)
        guard isPlain(bytes) else {
            return splitByCharacter(text).filter { holds(Array($0.utf8)[...], needle) }
        }
        var prose: [UInt8] = []
        prose.reserveCapacity(bytes.count)
        var start = 0
        var i = 0
        func takeLine(_ end: Int) {
            guard end > start else { return }
            if bytes[start..<end].contains(where: { $0 == 0x7C || $0 == 0x09 }) { return }  // `|`, tab
            let (from, to) = trimmed(bytes, start, end)
            prose.append(contentsOf: bytes[from..<to])
        }
        while i < bytes.count {
            let n = newlineLength(bytes, i)
            if n > 0 {
                takeLine(i)
                i += n
                start = i
            } else {
                i += 1
            }
        }
        takeLine(bytes.count)
        bytes = prose

        var sentences: [Substring] = []
        start = 0
        i = 0
        func takeSentence(_ end: Int) {
            let (from, to) = trimmed(bytes, start, end)
            guard to > from, holds(bytes[from..<to], needle) else { return }
            sentences.append(Substring(String(decoding: bytes[from..<to], as: UTF8.self)))
        }
        while i < bytes.count {
            let b = bytes[i]
            let n: Int
            if b == 0x3B {
                n = 1  // ;
            } else if b == 0xE3, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x82 {
                n = 3  // 。
            } else if b == 0xEF, i + 2 < bytes.count, bytes[i + 1] == 0xBC, bytes[i + 2] == 0x9B {
                n = 3  // ；
            } else {
                i += 1
                continue
            }
            takeSentence(i)
            i += n
            start = i
        }
        takeSentence(bytes.count)
        return sentences
    }

    /// The same cut by `Character`, for the texts the byte path does not cover.
    static func splitByCharacter(_ text: String) -> [Substring] {
        let prose = text.split(whereSeparator: \.isNewline)
            .filter { !$0.contains("|") && !$0.contains("\t") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .joined()
        return prose.split(whereSeparator: { $0 == "。" || $0 == "；" || $0 == ";" })
            .map { Substring($0.trimmingCharacters(in: .whitespaces)) }
            .filter { !$0.isEmpty }
    }

    static func holds(_ bytes: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        guard bytes.count >= needle.count else { return false }
        var i = bytes.startIndex
        let last = bytes.endIndex - needle.count
        while i <= last {
            if bytes[i] == first && bytes[i..<i + needle.count].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }

    /// Whether every scalar is one the byte path cuts as the `Character` path would (lines are
    /// cut first, so `\r\n` does not matter here).
    static func isPlain(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { bytes in
            var i = 0
            while i < bytes.count {
                guard let length = PlainScalar.length(bytes, at: i) else { return false }
                i += length
            }
            return true
        }
    }

    /// `\n`, vertical tab, form feed, `\r`, U+0085, U+2028, U+2029: `Character.isNewline`.
    static func newlineLength(_ bytes: [UInt8], _ i: Int) -> Int {
        let b = bytes[i]
        if b >= 0x0A && b <= 0x0D { return 1 }
        if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0x85 { return 2 }
        if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 { return 3 }
        return 0
    }

    /// Foundation's `CharacterSet.whitespaces` as it trims: tab, U+0020, U+00A0, U+1680,
    /// U+2000–U+200B, U+202F, U+205F, U+3000.
    static func spaceLength(_ bytes: [UInt8], at i: Int) -> Int {
        let b = bytes[i]
        if b == 0x20 || b == 0x09 { return 1 }
        if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0xA0 { return 2 }
        guard i + 2 < bytes.count else { return 0 }
        switch (b, bytes[i + 1], bytes[i + 2]) {
        case (0xE1, 0x9A, 0x80), (0xE2, 0x81, 0x9F), (0xE3, 0x80, 0x80): return 3
        case (0xE2, 0x80, let c) where (0x80...0x8B).contains(c) || c == 0xAF: return 3
        default: return 0
        }
    }

    /// `bytes[start..<end]` without its leading and trailing spaces, as offsets.
    static func trimmed(_ bytes: [UInt8], _ start: Int, _ end: Int) -> (Int, Int) {
        var from = start, to = end
        while from < to {
            let n = spaceLength(bytes, at: from)
            guard n > 0 else { break }
            from += n
        }
        while to > from {
            // The last character's first byte: step back over continuation bytes.
            var lead = to - 1
            while lead > from, bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
            let n = spaceLength(bytes, at: lead)
            guard n > 0, lead + n == to else { break }
            to = lead
        }
        return (from, to)
    }
}
