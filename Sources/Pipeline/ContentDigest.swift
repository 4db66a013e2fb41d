import SystemBytes
import Foundation
import ReportModel

/// A SHA-256 kept as its 32 bytes: the driver holds one per input for the whole run (report
/// order, duplicates, cache keys), and as 64-character strings they were most of the memory that
/// grew with the number of files.
struct ContentDigest: Hashable, Sendable {
    // Four big-endian words, so that comparing `leadingWord`s orders as the hex spelling does.
    private let words: (UInt64, UInt64, UInt64, UInt64)

    init(_ digest: SHA256Digest) {
        words = digest.withUnsafeBytes { raw in
            (UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
             UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
             UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
             UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)))
        }
    }

    /// From 64 hex digits (a cache entry's file name); nil for anything else.
    init?(hex: some StringProtocol) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 64 else { return nil }
        var parsed: [UInt64] = []
        for start in stride(from: 0, to: 64, by: 16) {
            var word: UInt64 = 0
            for byte in utf8[start..<start + 16] {
                let nibble: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = byte - UInt8(ascii: "a") + 10
                default: return nil
                }
                word = word << 4 | UInt64(nibble)
            }
            parsed.append(word)
        }
        words = (parsed[0], parsed[1], parsed[2], parsed[3])
    }

    static func of(_ data: Data) -> ContentDigest { ContentDigest(SHA256.hash(data: data)) }

    /// The first eight bytes: what the report id shows (16 hex digits), and so the report order.
    var leadingWord: UInt64 { words.0 }

    /// The 32 bytes, in order.
    var bytes: [UInt8] {
        withUnsafeBytes(of: (words.0.bigEndian, words.1.bigEndian, words.2.bigEndian, words.3.bigEndian)) { Array($0) }
    }

    var hex: String {
        withUnsafeBytes(of: (words.0.bigEndian, words.1.bigEndian, words.2.bigEndian, words.3.bigEndian)) {
            $0.lowercaseHex
        }
    }

    static func == (a: ContentDigest, b: ContentDigest) -> Bool {
        a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2 && a.words.3 == b.words.3
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}

/// Tells the later copies of a file in report order. Identical files share their report id, so
/// they are neighbours: only the digests seen under the current id are remembered, not every file's.
struct CopyTracker {
    private var id: UInt64?
    private var seen: [ContentDigest] = []

    /// Notes a file's digest: whether it starts a new report id, and whether a file before it
    /// had the same bytes.
    mutating func note(_ digest: ContentDigest) -> (newID: Bool, isCopy: Bool) {
        let newID = id != digest.leadingWord
        if newID { (id, seen) = (digest.leadingWord, []) }
        let isCopy = seen.contains(digest)
        if !isCopy { seen.append(digest) }
        return (newID, isCopy)
    }
}
