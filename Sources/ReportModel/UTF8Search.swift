/// Byte-level text tests for the hot loops (issue 7). With Foundation imported, `a.contains(b)`
/// on strings is Foundation's locale-aware search, and `trimmingCharacters(in:)` builds a
/// character set per call; on the normalised text here (CJK, ASCII, no combining marks) these
/// give the same answers at a fraction of the cost.
extension String {
    /// Whether `other` occurs in the string, byte for byte (as Foundation, false for "").
    public func containsUTF8(_ other: String) -> Bool {
        if other.isEmpty { return false }
        var haystack = self
        var needle = other
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard h.count >= n.count else { return false }
                let first = n[0]
                var i = 0
                let last = h.count - n.count
                while i <= last {
                    if h[i] == first {
                        var k = 1
                        while k < n.count, h[i + k] == n[k] { k += 1 }
                        if k == n.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    /// Whether the string holds this ASCII byte.
    @inlinable
    public func containsASCII(_ byte: UInt8) -> Bool { utf8.contains(byte) }
}

extension StringProtocol {
    /// Trims what `CharacterSet.whitespaces` holds (tab and the space separators, Zs) from both
    /// ends, scalar by scalar: the same result as `trimmingCharacters(in: .whitespaces)`.
    /// `keepingTabs` leaves tabs in place (the set without the tab).
    public func trimmingSpaceScalars(keepingTabs: Bool = false) -> String {
        let scalars = unicodeScalars
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
    @inline(__always)
    public static func isSpaceScalar(_ s: Unicode.Scalar, _ keepingTabs: Bool = false) -> Bool {
        switch s.value {
        case 0x09: !keepingTabs
        case 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}

extension Sequence where Element == UInt8 {
    /// Lower-case hex digits of the bytes (a digest's usual spelling), without a formatter per byte.
    public var lowercaseHex: String {
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
    /// The lines, split at each line feed byte, empty ones kept: what
    /// `split(separator: "\n", omittingEmptySubsequences: false)` gives for text without CR LF
    /// pairs (which the normalised text no longer has), without grapheme breaking.
    public func linesSplitAtLF() -> [Substring] {
        var lines: [Substring] = []
        var start = startIndex
        let bytes = utf8
        var i = bytes.startIndex
        while let lf = bytes[i...].firstIndex(of: 0x0A) {
            lines.append(self[start..<lf])
            i = bytes.index(after: lf)
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
    public func collapsingWhitespace() -> String { foldingWhitespace(keepOne: true) }

    /// The text without white space: `filter { !$0.isWhitespace }`, scalar by scalar.
    public func removingWhitespace() -> String { foldingWhitespace(keepOne: false) }

    private func foldingWhitespace(keepOne: Bool) -> String {
        var out = String.UnicodeScalarView()
        var pending = false
        for s in unicodeScalars {
            let space: Bool
            switch s.value {
            case 0x09...0x0D, 0x20: space = true
            case 0x21..<0x80: space = false
            default: space = s.properties.isWhitespace
            }
            if space {
                pending = !out.isEmpty
                continue
            }
            if pending, keepOne { out.append(" ") }
            pending = false
            out.append(s)
        }
        return String(out)
    }
}
