/// The generator's only source of randomness: SplitMix64, so that a report is a function of
/// (seed, index) on every machine and Swift version. `SystemRandomNumberGenerator` is never used.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for one item of a stream: independent of the items before it.
    public init(seed: UInt64, stream: UInt64, index: UInt64) {
        var mixer = SplitMix64(seed: seed ^ (stream &* 0xD6E8_FEB8_6659_FD93))
        state = mixer.next() ^ (index &* 0x9E37_79B9_7F4A_7C15)
        _ = next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in the range (no modulo bias worth caring about for a corpus).
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % span)
    }

    public mutating func chance(_ p: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < p
    }

    public mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// One of the items, by weight.
    public mutating func weighted<T>(_ items: [(T, Int)]) -> T {
        let total = items.reduce(0) { $0 + $1.1 }
        var n = int(0...(total - 1))
        for (item, weight) in items {
            if n < weight { return item }
            n -= weight
        }
        return items[items.count - 1].0
    }

    /// A count as reports show them: mostly small, sometimes zero, now and then large.
    public mutating func count(zero: Double = 0.3, max: Int = 60) -> Int {
        if chance(zero) { return 0 }
        if chance(0.1) { return int(max...(max * 20)) }
        return int(1...max)
    }
}
