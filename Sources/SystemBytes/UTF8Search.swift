#if canImport(Glibc)
import CFileSystem
import Glibc
#endif
/// Byte-level text tests for the hot loops. With Foundation imported, `a.contains(b)`
/// on strings is Foundation's locale-aware search, and `trimmingCharacters(in:)` builds a
/// character set per call; on the normalised text here (CJK, ASCII, no combining marks) these
/// give the same answers at a fraction of the cost.
extension String {
    /// Whether `other` occurs in the string, byte for byte (as Foundation, false for "").
    package func containsUTF8(_ other: String) -> Bool {
        if other.isEmpty { return false }
        var haystack = self
        var needle = other
        return haystack.withUTF8 { h in needle.withUTF8 { n in UTF8Bytes.contains(n, in: h) } }
    }
}

/// Scalars that are each a character of their own whatever stands beside them: ASCII, Latin up
/// to U+02FF, general punctuation and spaces (not the joiners U+200C/200D or the direction marks
/// after them), CJK punctuation without its combining tone marks, kana, CJK ideographs,
/// full-width forms without the half-width voicing marks, U+FFFD. (Only `\r` before `\n` joins,
/// which the callers that care test themselves.) On text of such scalars, bytes cut where
/// `Character`s would.
package enum PlainScalar {
    /// The UTF-8 length of the scalar starting at `i` when it is plain; nil when it is not.
    @inline(__always)
    package static func length(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let b = bytes[i]
        if b < 0x80 { return 1 }
        if b < 0xE0 { return b >= 0xC2 && b < 0xCC ? 2 : nil }  // U+0300 and above: combining marks and scripts
        guard b < 0xF0, i + 2 < bytes.count else { return nil }
        switch UInt32(b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F) {
        case 0x2000...0x200B, 0x2010...0x2027, 0x2030...0x205F,
             0x3000...0x3029, 0x3030...0x3096, 0x30A0...0x30FF,
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF9D, 0xFFFD:
            return 3
        default:
            return nil
        }
    }
}

extension String {
    /// `String(prefix(count))`: the first `count` characters. Read from the bytes when each
    /// character up to the cut, and the one after it, is a `PlainScalar` other than `\r`: then
    /// characters are scalars. Any other text is cut by `Character`, as `prefix` does.
    package func characterPrefix(_ count: Int) -> String {
        var text = self
        let end: Int? = text.withUTF8 { bytes in
            var i = 0
            var taken = 0
            while i < bytes.count {
                // (`\r\n` is one character.)
                guard bytes[i] != 0x0D, let length = PlainScalar.length(bytes, at: i) else { return nil }
                // The scalar after the cut is plain too: it starts a character of its own.
                if taken == count { return i }
                taken += 1
                i += length
            }
            return bytes.count
        }
        guard let end else { return String(prefix(count)) }
        return end == utf8.count ? self : String(decoding: utf8.prefix(end), as: UTF8.self)
    }
}

extension StringProtocol {
    /// Trims what `CharacterSet.whitespaces` holds (tab and the space separators, Zs) from both
    /// ends, scalar by scalar: the same result as `trimmingCharacters(in: .whitespaces)`.
    /// `keepingTabs` leaves tabs in place (the set without the tab).
    @inlinable  // specialised where it is called: generic over StringProtocol, it went through witness tables
    package func trimmingSpaceScalars(keepingTabs: Bool = false) -> String {
        let scalars = unicodeScalars
        // Most lines and cells have nothing to trim: told from their first and last scalars.
        guard let first = scalars.first, let last = scalars.last else { return "" }
        if !Self.isSpaceScalar(first, keepingTabs), !Self.isSpaceScalar(last, keepingTabs) { return String(self) }
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, Self.isSpaceScalar(scalars[start], keepingTabs) { start = scalars.index(after: start) }
        while end > start {
            let before = scalars.index(before: end)
            guard Self.isSpaceScalar(scalars[before], keepingTabs) else { break }
            end = before
        }
        return String(self[start..<end])
    }

    /// Tab and Unicode's space separators (Zs): CharacterSet.whitespaces.
    @inlinable @inline(__always)
    package static func isSpaceScalar(_ s: Unicode.Scalar, _ keepingTabs: Bool = false) -> Bool {
        switch s.value {
        case 0x09: !keepingTabs
        case 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}

extension Sequence where Element == UInt8 {
    /// Lower-case hex digits of the bytes (a digest's usual spelling), without a formatter per byte.
    package var lowercaseHex: String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    /// The first line feed at or after `from`, found by memchr (the generic search over `utf8`
    /// cost several instructions a byte).
    package func lineFeed(from: String.Index) -> String.Index? {
        let utf8 = self.utf8
        let start = utf8.distance(from: utf8.startIndex, to: from)
        let found: Int?? = utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            guard start < bytes.count, let base = bytes.baseAddress,
                  let hit = memchr(base + start, 0x0A, bytes.count - start) else { return nil }
            return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
        }
        guard let found else { return utf8[from...].firstIndex(of: 0x0A) }
        return found.map { utf8.index(utf8.startIndex, offsetBy: $0) }
    }

    /// The lines, split at each line feed byte, empty ones kept: what
    /// `split(separator: "\n", omittingEmptySubsequences: false)` gives for text without CR LF
    /// pairs (which the normalised text no longer has), without grapheme breaking.
    package func linesSplitAtLF() -> [Substring] {
        var lines: [Substring] = []
        let utf8 = self.utf8
        let split: Void? = utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            var start = 0
            var startIndex = utf8.startIndex
            while true {
                // memchr: the lines of a report are found at memory speed.
                guard let hit = memchr(base + start, 0x0A, bytes.count - start) else { break }
                let lf = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                let lfIndex = utf8.index(startIndex, offsetBy: lf - start)
                lines.append(self[startIndex..<lfIndex])
                start = lf + 1
                startIndex = utf8.index(after: lfIndex)
                if start == bytes.count { break }
            }
            lines.append(self[startIndex..<endIndex])
        }
        if split != nil { return lines.isEmpty ? [self[...]] : lines }
        var start = startIndex
        var i = utf8.startIndex
        while let lf = utf8[i...].firstIndex(of: 0x0A) {
            lines.append(self[start..<lf])
            i = utf8.index(after: lf)
            start = i
        }
        lines.append(self[start..<endIndex])
        return lines
    }
}

extension String {
    /// Runs of white space (Unicode White_Space: NBSP and U+3000 too) become one space and the
    /// ends are dropped: `split(whereSeparator: \.isWhitespace).joined(separator: " ")`, scalar
    /// by scalar.
    package func collapsingWhitespace() -> String { foldingWhitespace(keepOne: true) }

    /// The text without white space: `filter { !$0.isWhitespace }`, scalar by scalar.
    package func removingWhitespace() -> String { foldingWhitespace(keepOne: false) }

    private func foldingWhitespace(keepOne: Bool) -> String {
        let folded = utf8.withContiguousStorageIfAvailable { UTF8WhiteSpace.folded($0, keepOne: keepOne) }
            ?? Array(utf8).withUnsafeBufferPointer { UTF8WhiteSpace.folded($0, keepOne: keepOne) }
        return String(decoding: folded, as: UTF8.self)
    }
}

extension String {
    /// `unicodeScalars.count`, from the UTF-8 bytes: every byte but a continuation byte starts a scalar.
    package var unicodeScalarCount: Int {
        utf8.withContiguousStorageIfAvailable { bytes in bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } }
            ?? unicodeScalars.count
    }
}

/// Unicode White_Space (what `Character.isWhitespace` and `CharacterSet.whitespacesAndNewlines`
/// hold: U+0009–000D, U+0020, U+0085, U+00A0, U+1680, U+2000–200A, U+2028, U+2029, U+202F,
/// U+205F, U+3000) found on UTF-8 bytes, for the loops that see every character of a report.
package enum UTF8WhiteSpace {
    /// The byte length of the white-space character starting at `i`, or 0.
    @inline(__always)
    package static func length(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let b = p[i]
        if b < 0x80 { return (0x09...0x0D).contains(b) || b == 0x20 ? 1 : 0 }
        switch b {
        case 0xC2:
            return i + 1 < p.count && (p[i + 1] == 0x85 || p[i + 1] == 0xA0) ? 2 : 0
        case 0xE1, 0xE2, 0xE3:
            guard i + 2 < p.count else { return 0 }
            return isThreeByteSpace(b, p[i + 1], p[i + 2]) ? 3 : 0
        default:
            return 0
        }
    }

    /// The byte length of the white-space character ending just before `end`, or 0.
    @inline(__always)
    package static func length(_ p: UnsafeBufferPointer<UInt8>, endingAt end: Int) -> Int {
        guard end > 0 else { return 0 }
        let b = p[end - 1]
        if b < 0x80 { return (0x09...0x0D).contains(b) || b == 0x20 ? 1 : 0 }
        if end >= 2, p[end - 2] == 0xC2, b == 0x85 || b == 0xA0 { return 2 }
        if end >= 3, isThreeByteSpace(p[end - 3], p[end - 2], b) { return 3 }
        return 0
    }

    @inline(__always)
    static func isThreeByteSpace(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
        switch (a, b) {
        case (0xE1, 0x9A): c == 0x80                                      // U+1680
        case (0xE2, 0x80): (0x80...0x8A).contains(c) || c == 0xA8 || c == 0xA9 || c == 0xAF  // U+2000–200A, 2028, 2029, 202F
        case (0xE2, 0x81): c == 0x9F                                      // U+205F
        case (0xE3, 0x80): c == 0x80                                      // U+3000
        default: false
        }
    }

    /// The byte length of the space separator (Zs) or tab starting at `i`, or 0: what
    /// `isSpaceScalar` and `trimmingSpaceScalars` treat as space.
    @inline(__always)
    package static func spaceLength(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let b = p[i]
        if b < 0x80 { return b == 0x20 || b == 0x09 ? 1 : 0 }
        let n = length(p, at: i)
        // White space that is not a space separator: U+0085, U+2028, U+2029.
        if n == 2 { return p[i + 1] == 0xA0 ? 2 : 0 }
        if n == 3, b == 0xE2, p[i + 1] == 0x80, p[i + 2] == 0xA8 || p[i + 2] == 0xA9 { return 0 }
        return n
    }

    /// The byte length of the space separator or tab ending just before `end` and starting at
    /// or after `start`, or 0.
    @inline(__always)
    package static func spaceLength(_ p: UnsafeBufferPointer<UInt8>, endingAt end: Int, from start: Int) -> Int {
        guard end > start else { return 0 }
        let b = p[end - 1]
        if b < 0x80 { return b == 0x20 || b == 0x09 ? 1 : 0 }
        let n = length(p, endingAt: end)
        guard n > 0, end - n >= start else { return 0 }
        return spaceLength(p, at: end - n) == n ? n : 0
    }

    /// Runs of white space become one space (`keepOne`) or nothing, and the ends are dropped.
    package static func folded(_ p: UnsafeBufferPointer<UInt8>, keepOne: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(p.count)
        var pending = false
        var i = 0
        while i < p.count {
            let space = length(p, at: i)
            if space > 0 {
                pending = !out.isEmpty
                i += space
                continue
            }
            if pending, keepOne { out.append(0x20) }
            pending = false
            out.append(p[i])
            i += 1
        }
        return out
    }

    /// The bytes without white space at either end.
    package static func trimmed(_ p: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = p.count
        while start < end {
            let n = length(p, at: start)
            guard n > 0 else { break }
            start += n
        }
        while end > start {
            let n = length(p, endingAt: end)
            guard n > 0 else { break }
            end -= n
        }
        return UnsafeBufferPointer(rebasing: p[start..<end])
    }
}

extension StringProtocol {
    /// The first occurrence of `needle` at or after `from`, byte for byte: Foundation's
    /// `range(of:)` without its locale-aware machinery (the texts here are normalised already).
    package func rangeUTF8(of needle: String, from: Index? = nil) -> Range<Index>? {
        guard !needle.isEmpty else { return nil }
        let view = utf8
        let startOffset = from.map { view.distance(from: view.startIndex, to: $0) } ?? 0
        var needle = needle
        let found: Int?? = needle.withUTF8 { n in
            view.withContiguousStorageIfAvailable { h -> Int? in
                guard startOffset <= h.count else { return nil }
                return UTF8Bytes.firstOffset(of: n, in: UnsafeBufferPointer(rebasing: h[startOffset...])).map { $0 + startOffset }
            }
        }
        let offset: Int?
        if let found { offset = found } else {
            // (Not contiguous: bridged text, never seen here.)
            let bytes = Array(view)
            let n = Array(needle.utf8)
            offset = bytes.indices.dropFirst(startOffset).first { i in
                i + n.count <= bytes.count && bytes[i..<(i + n.count)].elementsEqual(n)
            }
        }
        guard let offset else { return nil }
        let lower = view.index(view.startIndex, offsetBy: offset)
        return lower..<view.index(lower, offsetBy: needle.utf8.count)
    }
}

extension String {
    /// Every occurrence of `target` replaced, byte for byte (see `rangeUTF8`).
    package func replacingUTF8(_ target: String, with replacement: String) -> String {
        guard let first = rangeUTF8(of: target) else { return self }
        var out = String(self[..<first.lowerBound])
        out += replacement
        var rest = first.upperBound
        while let r = rangeUTF8(of: target, from: rest) {
            out += self[rest..<r.lowerBound]
            out += replacement
            rest = r.upperBound
        }
        out += self[rest...]
        return out
    }
}

package enum UTF8Bytes {
    /// Whether `needle` (not empty) occurs in `haystack`.
    @inline(__always)
    package static func contains(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        firstOffset(of: needle, in: haystack) != nil
    }

    /// Where `needle` (not empty) first occurs in `haystack`: glibc's memmem, whose shift table
    /// over byte pairs skips ahead where a scan for the first byte stops at every Han character
    /// (they share a handful of lead bytes).
    package static func firstOffset(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let n = needle.baseAddress, let h = haystack.baseAddress, haystack.count >= needle.count else { return nil }
        guard let hit = etl_memmem(h, haystack.count, n, needle.count) else { return nil }
        return UnsafeRawPointer(hit) - UnsafeRawPointer(h)
    }
}

extension StringProtocol {
    /// Whether the text holds this ASCII byte: memchr, where `utf8.contains` steps through the
    /// view a byte at a time.
    package func containsASCII(_ byte: UInt8) -> Bool {
        utf8.withContiguousStorageIfAvailable { p in
            p.baseAddress.map { memchr($0, Int32(byte), p.count) != nil } ?? false
        } ?? utf8.contains(byte)
    }
}

/// Eight bytes tested at once, as a `UInt64` read from a buffer: for scans that look for a few
/// ASCII bytes in long runs of text (a CSV field's quoting, a file's control bytes).
package enum ByteWord {
    /// The eight bytes at `p`, in any alignment.
    @inlinable @inline(__always)
    package static func load(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
    }

    /// Whether one of the eight bytes is below `limit` (at most 0x80).
    @inlinable @inline(__always)
    package static func hasByte(_ word: UInt64, below limit: UInt8) -> Bool {
        (word &- 0x0101_0101_0101_0101 &* UInt64(limit)) & ~word & 0x8080_8080_8080_8080 != 0
    }

    /// Whether one of the eight bytes is `byte`.
    @inlinable @inline(__always)
    package static func hasByte(_ word: UInt64, equalTo byte: UInt8) -> Bool {
        hasByte(word ^ (0x0101_0101_0101_0101 &* UInt64(byte)), below: 1)
    }
}

package enum UTF8Scalar {
    /// The scalar starting at byte `i` of valid UTF-8, and its length in bytes; nil at a
    /// continuation byte or a sequence the buffer's end cuts off. For the loops that decode only
    /// some characters of a report (Han characters, a needle's first characters).
    @inline(__always)
    package static func decode(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (value: UInt32, length: Int)? {
        let lead = b[i]
        if lead < 0x80 { return (UInt32(lead), 1) }
        if lead < 0xC0 { return nil }
        if lead < 0xE0 {
            guard i + 1 < b.count else { return nil }
            return (UInt32(lead & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F), 2)
        }
        if lead < 0xF0 {
            guard i + 2 < b.count else { return nil }
            return (UInt32(lead & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F), 3)
        }
        guard i + 3 < b.count else { return nil }
        return (UInt32(lead & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6
            | UInt32(b[i + 3] & 0x3F), 4)
    }
}

/// A number written as plain ASCII digits (`156`, with `signed` also `-35`), of at most
/// `maxDigits` digits: its value without Decimal's cost; nil for any other text.
package func plainInteger(_ text: String, maxDigits: Int, signed: Bool = false) -> Int64? {
    var text = text
    return text.withUTF8 { bytes -> Int64? in
        var digits = bytes[...]
        let negative = signed && digits.first == UInt8(ascii: "-")
        if negative { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.count <= min(maxDigits, 18) else { return nil }
        var value: Int64 = 0
        for byte in digits {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int64(byte - 0x30)
        }
        return negative ? -value : value
    }
}
