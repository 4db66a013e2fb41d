import SystemBytes
import Foundation
import ReportModel

/// Stage 1a: raw bytes to text, with the encoding that was used.
///
/// The order of decisions:
/// 1. a BOM (UTF-8, UTF-16LE, UTF-16BE) is a fact;
/// 2. UTF-16 without a BOM when the NUL bytes sit on one side of the code units (ASCII in UTF-16);
/// 3. binary: a binary format's signature (PDF, images, zip and Office files, archives,
///    executables), or, in the first 8 KiB, NULs in more than 1 byte of 8 or control bytes in more
///    than 1 of 20 of the others;
/// 4. any other NUL byte, wherever it is, is removed (counted in `nulBytes`): text with stray
///    NULs is read as text whether the first NUL comes at byte 10 or at byte 100,000;
/// 5. valid UTF-8 stays UTF-8 (uchardet misguesses short texts), and so does UTF-8 with a few bad
///    bytes among many good multibyte characters;
/// 6. otherwise the legacy candidates — uchardet's guess, the `<meta charset>` hint, `gb18030`,
///    `big5` — are each decoded (iconv) and the one with the fewest invalid sequences wins (ties
///    go to the earlier candidate), provided it halves UTF-8's count. A declared charset is a
///    hint to verify, never a fact: sites declare gb2312 and serve GB18030 or UTF-8.
///
/// GBK and GB2312 are decoded as GB18030 (a superset) and recorded as `gb18030`.
public enum TextDecoder {
    public struct Decoded: Sendable {
        public let text: String
        /// `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`, `gb18030`, `big5`.
        public let encoding: String
        /// Byte sequences that were not valid in that encoding (each became U+FFFD).
        public let invalidSequences: Int
        /// NUL bytes (U+0000 code units in UTF-16) removed from the text.
        public var nulBytes = 0
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case empty
        case binary
        public var description: String {
            switch self {
            case .empty: "the file is empty"
            case .binary: "the file holds binary data, not text"
            }
        }
    }

    /// - Parameter declaredCharset: the charset the source declared (an HTTP header, say). When nil,
    ///   an HTML `<meta charset>` in the first bytes is used as the hint.
    public static func decode(_ data: Data, declaredCharset: String? = nil) throws(Failure) -> Decoded {
        guard !data.isEmpty else { throw .empty }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let nulBytes = removeNULs(&bytes)
            var decoded = utf8(bytes.dropFirst(3), label: "utf-8-bom")
            decoded.nulBytes = nulBytes
            return decoded
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return utf16(bytes.dropFirst(2), littleEndian: true)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return utf16(bytes.dropFirst(2), littleEndian: false)
        }
        if let littleEndian = utf16ByteOrder(bytes) {
            let decoded = utf16(bytes[...], littleEndian: littleEndian)
            // Text, not a binary format that happens to have NULs on one side.
            let controls = decoded.text.unicodeScalars.filter { $0.value < 0x20 && !"\t\n\r\u{0B}\u{0C}".unicodeScalars.contains($0) }
            if decoded.invalidSequences * 100 <= bytes.count / 2, (controls.count + decoded.nulBytes) * 20 <= bytes.count / 2 {
                return decoded
            }
            throw .binary
        }
        if BinarySignature.matches(bytes) || looksBinary(bytes) { throw .binary }
        let nulBytes = removeNULs(&bytes)
        var decoded = try decodeText(bytes, declaredCharset: declaredCharset)
        decoded.nulBytes = nulBytes
        return decoded
    }

    /// Bytes that are text (no NUL, not UTF-16) in UTF-8 or a legacy encoding.
    private static func decodeText(_ bytes: [UInt8], declaredCharset: String?) throws(Failure) -> Decoded {
        guard !bytes.isEmpty else { throw .binary }  // nothing but NULs

        // Valid UTF-8 (nearly every file): validated and copied at once.
        if let text = String(validating: bytes, as: UTF8.self) {
            return Decoded(text: text, encoding: "utf-8", invalidSequences: 0)
        }
        // The repaired UTF-8 text is made only when it is the answer: a GB18030 or Big5 file
        // is counted, not decoded, as UTF-8.
        let (invalidUTF8, validMultibyte) = utf8Counts(bytes[...])
        var asUTF8: Decoded { Decoded(text: String(decoding: bytes, as: UTF8.self), encoding: "utf-8", invalidSequences: invalidUTF8) }
        // UTF-8 with a few damaged bytes: legacy bytes seldom form valid multibyte sequences
        // (about one for every six invalid ones in GB18030 text).
        if validMultibyte >= 4 * invalidUTF8 { return asUTF8 }

        let hint = declaredCharset ?? CharsetHint.declared(in: bytes)
        var candidates: [String] = []
        for label in [CharsetDetector.guess(bytes).flatMap(legacyLabel), hint.flatMap(legacyLabel), "gb18030", "big5"] {
            if let label, !candidates.contains(label) { candidates.append(label) }
        }
        var best: Decoded? = nil
        for label in candidates {
            guard let decoded = Iconv.decode(bytes, from: iconvName(label), label: label) else { continue }
            if best == nil || decoded.invalidSequences < best!.invalidSequences { best = decoded }
            if decoded.invalidSequences == 0 { break }
        }
        if let best, best.invalidSequences * 2 < invalidUTF8 { return best }
        return asUTF8
    }

    /// The label a charset name is decoded and recorded as, for the legacy Chinese encodings; nil
    /// for any other (UTF-8 and UTF-16 are recognised before; other scripts are not reports).
    static func legacyLabel(_ name: String) -> String? {
        let n = name.lowercased().replacingOccurrences(of: "_", with: "-")
        switch n {
        case "gb18030", "gbk", "gb2312", "gb-2312", "x-gbk", "cp936", "windows-936", "euc-cn", "x-euc-cn",
             "csgb2312", "chinese", "iso-ir-58":
            return "gb18030"
        case "big5", "big-5", "x-big5", "cn-big5", "csbig5", "cp950", "windows-950", "big5-hkscs":
            return "big5"
        default:
            return nil
        }
    }

    /// iconv's name for a recorded label (`gb18030`, `big5`).
    public static func iconvName(_ label: String) -> String {
        label == "big5" ? "BIG5-HKSCS" : label.uppercased()
    }

    // MARK: UTF-16 without a BOM, binary data

    /// UTF-16 without a BOM shows in ASCII characters: one byte of each code unit is NUL. Nil when
    /// the sample is too short to tell (under 32 code units) or the NULs are on both sides.
    static func utf16ByteOrder(_ bytes: [UInt8]) -> Bool? {
        let sample = bytes.prefix(8192)
        guard sample.count >= 64, sample.contains(0) else { return nil }
        var even = 0, odd = 0
        for (i, b) in sample.enumerated() where b == 0 {
            if i % 2 == 0 { even += 1 } else { odd += 1 }
        }
        let units = sample.count / 2
        // CJK characters such as 一 (U+4E00) have a NUL low byte, so the other side is not NUL-free.
        if odd * 20 >= units, odd >= 4 * even { return true }
        if even * 20 >= units, even >= 4 * odd { return false }
        return nil
    }

    /// In the first 8 KiB, NUL bytes (not explained by UTF-16) in more than 1 byte of 8, or control
    /// bytes other than white space and ESC in more than 1 of 20 of the others.
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        let count = min(bytes.count, 8192)
        guard count > 0 else { return false }
        var controls = 0
        var nuls = 0
        return bytes.withUnsafeBufferPointer { p -> Bool in
            let base = p.baseAddress!
            var i = 0
            while i < count {
                // Eight bytes at a time: a word with no byte under 0x20 and no DEL is skipped.
                if i + 8 <= count {
                    let word = ByteWord.load(base + i)
                    if !ByteWord.hasByte(word, below: 0x20), !ByteWord.hasByte(word, equalTo: 0x7F) {
                        i += 8
                        continue
                    }
                }
                let end = min(i + 8, count)
                while i < end {
                    switch base[i] {
                    case 0: nuls += 1
                    case 0x09...0x0D, 0x1B: break
                    case 0x01..<0x20, 0x7F: controls += 1
                    default: break
                    }
                    i += 1
                }
            }
            return nuls * 8 > count || controls * 20 > count - nuls
        }
    }

    /// Removes every NUL byte; how many there were.
    static func removeNULs(_ bytes: inout [UInt8]) -> Int {
        let first = bytes.withUnsafeBufferPointer { p -> Int? in
            guard let hit = memchr(p.baseAddress!, 0, p.count) else { return nil }
            return p.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
        guard let first else { return 0 }
        var kept = first
        for i in first..<bytes.count where bytes[i] != 0 {
            bytes[kept] = bytes[i]
            kept += 1
        }
        let removed = bytes.count - kept
        bytes.removeLast(removed)
        return removed
    }

    // MARK: Unicode decoders

    static func utf8(_ bytes: ArraySlice<UInt8>, label: String) -> Decoded {
        // Valid UTF-8 (nearly every file): validated and copied at once, not scalar by scalar.
        if let text = String(validating: bytes, as: UTF8.self) {
            return Decoded(text: text, encoding: label, invalidSequences: 0)
        }
        return Decoded(text: String(decoding: bytes, as: UTF8.self), encoding: label, invalidSequences: utf8Counts(bytes).invalid)
    }

    /// Invalid sequences (each one U+FFFD in the repaired text) and valid multibyte characters,
    /// read as UTF-8.
    static func utf8Counts(_ bytes: ArraySlice<UInt8>) -> (invalid: Int, validMultibyte: Int) {
        var invalid = 0
        var multibyte = 0
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): if !s.isASCII { multibyte += 1 }
            case .emptyInput: return (invalid, multibyte)
            case .error: invalid += 1
            }
        }
    }

    static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> Decoded {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            i += 2
        }
        var invalid = 0
        var nulBytes = 0
        var scalars = String.UnicodeScalarView()
        var decoder = UTF16()
        var iterator = units.makeIterator()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                if s.value == 0 { nulBytes += 1 } else { scalars.append(s) }
            case .emptyInput: break loop
            case .error:
                invalid += 1
                scalars.append("\u{FFFD}")
            }
        }
        // A file cut inside a code unit: one more invalid sequence.
        if bytes.count % 2 == 1 {
            invalid += 1
            scalars.append("\u{FFFD}")
        }
        return Decoded(text: String(scalars), encoding: littleEndian ? "utf-16le" : "utf-16be", invalidSequences: invalid,
                       nulBytes: nulBytes)
    }
}
