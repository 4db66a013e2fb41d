/// Several short needles found in one pass over a text's UTF-8 bytes, where a search per needle
/// reads the text once for each. A character is decoded, looked up in a bitmap of the needles'
/// first characters, and only on a hit compared with the needles that start with it.
package struct NeedleSet: Sendable {
    package let needles: [String]
    private let bytes: [[UInt8]]
    /// One bit per Basic Multilingual Plane scalar: whether a needle starts with it.
    private let firstScalars: [UInt64]
    /// The needles by their first scalar.
    private let byFirst: [UInt32: [Int]]

    /// `needles`: not empty, each starting with a scalar of the Basic Multilingual Plane.
    package init(_ needles: [String]) {
        self.needles = needles
        bytes = needles.map { Array($0.utf8) }
        var bits = [UInt64](repeating: 0, count: 1024)
        var byFirst: [UInt32: [Int]] = [:]
        for (i, needle) in needles.enumerated() {
            let first = needle.unicodeScalars.first!.value
            precondition(first <= 0xFFFF, "a needle starting outside the Basic Multilingual Plane")
            bits[Int(first >> 6)] |= 1 << (first & 63)
            byFirst[first, default: []].append(i)
        }
        firstScalars = bits
        self.byFirst = byFirst
    }

    /// The byte offsets of every occurrence of each needle (overlapping ones included), in
    /// increasing order, by needle.
    package func occurrences(in text: String) -> [[Int]] {
        var found = [[Int]](repeating: [], count: needles.count)
        var text = text
        text.withUTF8 { b in
            let n = b.count
            var i = 0
            while i < n {
                guard let (value, length) = UTF8Scalar.decode(b, at: i) else { i += 1; continue }
                // (A needle starts inside the Basic Multilingual Plane.)
                guard value <= 0xFFFF else { i += length; continue }
                if firstScalars[Int(value >> 6)] & (1 << (value & 63)) != 0 {
                    for k in byFirst[value] ?? [] {
                        let needle = bytes[k]
                        if i + needle.count <= n, (0..<needle.count).allSatisfy({ b[i + $0] == needle[$0] }) {
                            found[k].append(i)
                        }
                    }
                }
                i += length
            }
        }
        return found
    }
}
