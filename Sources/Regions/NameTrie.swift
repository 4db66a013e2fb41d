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

    /// (parent node << 32 | character key) → child node; node 0 is the root.
    private var children: [UInt64: Int32] = [:]
    /// Whether a name ends at the node.
    private var endsName: [Bool] = [false]

    init(names: some Sequence<String>) {
        for name in names {
            var node: Int32 = 0
            // A name of one-scalar characters (every name the tables hold) is keyed by its scalars.
            let keys = name.unicodeScalars.count == name.count ? name.unicodeScalars.map(\.value) : name.map(Self.key)
            for key in keys {
                let edge = UInt64(UInt32(node)) << 32 | UInt64(key)
                if let child = children[edge] {
                    node = child
                } else {
                    node = Int32(endsName.count)
                    endsName.append(false)
                    children[edge] = node
                }
            }
            endsName[Int(node)] = true
        }
    }

    /// The lengths (in characters) of the names of at least `minimum` characters that start at
    /// `text[start]`, longest first.
    func nameLengths(in text: [UInt32], at start: Int, minimum: Int) -> [Int] {
        var lengths: [Int] = []
        var node: Int32 = 0
        var i = start
        while i < text.count, text[i] != Self.absent,
              let child = children[UInt64(UInt32(node)) << 32 | UInt64(text[i])] {
            node = child
            i += 1
            if endsName[Int(node)] && i - start >= minimum { lengths.append(i - start) }
        }
        return lengths.reversed()
    }
}
