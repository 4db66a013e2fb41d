/// The division and township names as a trie over their characters: a scan of a text finds the
/// names that start at a position in one walk along it, instead of building and hashing a string
/// for every name length that starts with that character.
struct NameTrie: Sendable {
    /// A character as the trie keys it: its scalar, or `absent` for a character of several
    /// scalars (a letter with a combining mark), which no division name holds.
    static func key(_ character: Character) -> UInt32 {
        let scalars = character.unicodeScalars
        return scalars.count == 1 ? scalars.first!.value : absent
    }

    static let absent = UInt32.max

    /// A name's characters as the trie keys them. A name of CJK ideographs and visible ASCII
    /// (every name the tables hold) is keyed by its scalars without finding its characters'
    /// boundaries: none of those scalars joins another into one character.
    static func keys(of name: String) -> [UInt32] {
        var keys: [UInt32] = []
        keys.reserveCapacity(name.utf8.count / 3 + 1)
        for scalar in name.unicodeScalars {
            let v = scalar.value
            guard (0x21...0x7E).contains(v) || (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) else {
                return name.map(key)
            }
            keys.append(v)
        }
        return keys
    }

    /// (parent node << 32 | character key) → child node; node 0 is the root.
    private var children: EdgeTable
    /// Whether a name ends at the node.
    private var endsName: [Bool] = [false]

    /// - minimumLength: names of fewer characters are left out.
    init(names: some Collection<String>, minimumLength: Int = 1) {
        var children = EdgeTable(capacity: names.count * 4)
        for name in names {
            let keys = Self.keys(of: name)
            guard keys.count >= minimumLength else { continue }
            var node: Int32 = 0
            for key in keys {
                let edge = UInt64(UInt32(node)) << 32 | UInt64(key)
                if let child = children[edge] {
                    node = child
                } else {
                    node = Int32(endsName.count)
                    endsName.append(false)
                    children.insert(edge, node)
                }
            }
            endsName[Int(node)] = true
        }
        self.children = children
    }

    @inline(__always)
    private func child(of node: Int32, _ key: UInt32) -> Int32? {
        key == Self.absent ? nil : children[UInt64(UInt32(node)) << 32 | UInt64(key)]
    }

    /// The length of the longest name of at least `minimum` characters that starts at
    /// `text[start]`.
    func longestName(in text: [UInt32], at start: Int, minimum: Int) -> Int? {
        var longest: Int? = nil
        var node: Int32 = 0
        var i = start
        while i < text.count, let next = child(of: node, text[i]) {
            node = next
            i += 1
            if endsName[Int(node)] && i - start >= minimum { longest = i - start }
        }
        return longest
    }

    /// The lengths (in characters) of the names of at least `minimum` characters that start at
    /// `text[start]`, longest first.
    func nameLengths(in text: [UInt32], at start: Int, minimum: Int) -> [Int] {
        var lengths: [Int] = []
        var node: Int32 = 0
        var i = start
        while i < text.count, let next = child(of: node, text[i]) {
            node = next
            i += 1
            if endsName[Int(node)] && i - start >= minimum { lengths.append(i - start) }
        }
        return lengths.reversed()
    }
}

/// The trie's edges in one open-addressing table: a lookup is a multiply and a probe or two,
/// where a `Dictionary` hashes each key with SipHash (a scan looks up every character of the text).
struct EdgeTable: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var shift: UInt64
    private var mask: Int
    private var count = 0
    /// A key no edge has: node numbers stay below 2^31, so no key has the top bit set.
    private static let empty = UInt64.max

    /// An empty table with room for about half `capacity` edges before it grows.
    init(capacity: Int) {
        var bits = 4
        while 1 << bits < capacity { bits += 1 }
        keys = [UInt64](repeating: Self.empty, count: 1 << bits)
        values = [Int32](repeating: 0, count: 1 << bits)
        shift = UInt64(64 - bits)
        mask = (1 << bits) - 1
    }

    /// Adds an edge the table does not hold; the table doubles when half full.
    mutating func insert(_ key: UInt64, _ value: Int32) {
        if (count + 1) * 2 > keys.count {
            var grown = EdgeTable(capacity: keys.count * 2)
            for (k, v) in zip(keys, values) where k != Self.empty { grown.insert(k, v) }
            self = grown
        }
        var slot = Self.slot(key, shift)
        while keys[slot] != Self.empty { slot = (slot + 1) & mask }
        keys[slot] = key
        values[slot] = value
        count += 1
    }

    @inline(__always)
    static func slot(_ key: UInt64, _ shift: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    subscript(key: UInt64) -> Int32? {
        var slot = Self.slot(key, shift)
        while true {
            let k = keys[slot]
            if k == key { return values[slot] }
            if k == Self.empty { return nil }
            slot = (slot + 1) & mask
        }
    }
}
