import SystemBytes
/// Spam injected by a hijacked site: a brand token (`UedBet体育`, `乐鱼体育`) replacing ordinary
/// words, repeated through the page. Detected, cut out of the text, counted.
public enum SpamTokens {
    /// Han words that brand tokens carry after their Latin name.
    static let brandSuffixes = ["体育", "娱乐", "官网", "平台", "棋牌", "彩票", "电竞", "真人", "国际", "app", "APP"]
    /// A token must repeat this often to count as injected.
    static let minimumRepeats = 3

    /// The injected tokens in the text, most frequent first.
    ///
    /// Scans the UTF-8 bytes: a Latin run is ASCII letters then letters or digits, which no byte
    /// of a multi-byte character can be mistaken for; its neighbours are decoded only for runs.
    public static func find(in text: String) -> [String] {
        var counts = latinTokens(in: text).filter { $0.value >= minimumRepeats }
        for (token, n) in SpamBrands.find(in: text) { counts[token, default: 0] += n }
        return counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
    }

    /// The text with every injected token cut out, the tokens, and how many occurrences were cut.
    public static func cut(_ text: String) -> (text: String, tokens: [String], removed: Int) {
        let tokens = find(in: text)
        guard !tokens.isEmpty else { return (text, [], 0) }
        var out = text
        var removed = 0
        // Longest first: a token may hold a shorter one.
        // Until none is left: a token dropped inside another (`博鱼体博鱼体育育`) is whole again
        // once the inner one is cut.
        for token in tokens.sorted(by: { ($0.utf8.count, $0) > ($1.utf8.count, $1) }) {
            while case let n = SpamBrands.occurrencesCount(of: token, in: out), n > 0 {
                removed += n
                out = out.replacingUTF8(token, with: "")
            }
        }
        return (out, tokens, removed)
    }

    /// Latin brand runs glued to Han text, with their brand word, and how often each occurs.
    static func latinTokens(in text: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        var text = text
        text.withUTF8 { b in
            let n = b.count
            var i = 0
            while i < n {
                guard isLetter(b[i]) else { i += 1; continue }
                var j = i
                while j < n, isLetter(b[j]) || (0x30...0x39).contains(b[j]) { j += 1 }
                // A brand: mixed case or a brand suffix, glued to Han text (not a URL, not an English word).
                if j - i >= 3, (i > 0 && isHan(scalar(endingAt: i, b))) || (j < n && isHan(scalar(at: j, b).value)) {
                    let latin = String(decoding: b[i..<j], as: UTF8.self)
                    var restEnd = j
                    for _ in 0..<2 where restEnd < n { restEnd += scalar(at: restEnd, b).length }
                    let rest = String(decoding: b[j..<restEnd], as: UTF8.self)
                    let token = brandSuffixes.contains(rest) ? latin + rest : latin
                    let run = b[i..<j]
                    let mixedCase = run.contains { (0x41...0x5A).contains($0) } && run.contains { (0x61...0x7A).contains($0) }
                    if mixedCase || token != latin { counts[token, default: 0] += 1 }
                }
                i = j
            }
        }
        return counts
    }

    @inline(__always)
    static func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }

    static func isHan(_ value: UInt32) -> Bool { PinyinAnnotations.isHan(value: value) }

    /// The scalar value starting at `i` and its length in bytes (valid UTF-8; a stray byte is
    /// itself, one byte long).
    static func scalar(at i: Int, _ b: UnsafeBufferPointer<UInt8>) -> (value: UInt32, length: Int) {
        UTF8Scalar.decode(b, at: i) ?? (UInt32(b[i]), 1)
    }

    /// The scalar value of the character that ends just before `end`.
    static func scalar(endingAt end: Int, _ b: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var start = end - 1
        while start > 0, b[start] & 0xC0 == 0x80 { start -= 1 }
        return scalar(at: start, b).value
    }
}
