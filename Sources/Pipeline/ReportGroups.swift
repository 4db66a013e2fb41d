import Foundation
import SystemBytes

/// The reports cut into groups in report order, each written as frames of its own in every file
/// that has a row per report: a later run copies a group's frames when the group is the same.
///
/// A group starts at a report whose id ends in seven zero bits (one report in 128, anywhere in
/// the order), so a new or removed file changes the one group it falls in, not the groups after
/// it. Copies of a file share its id and so its group.
struct ReportGroups {
    /// The group of each input in report order; nil for an input that could not be read (it
    /// writes no row to those files).
    let groupOf: [Int?]
    /// The first and last input of each group (every input between them is a member: inputs
    /// without an id come first in report order).
    let firstInput: [Int]
    let lastInput: [Int]
    /// What decides each group's rows: its inputs' cache keys (content, build and settings),
    /// paths and whether each is a copy of the one before, and the files' settings.
    let identities: [ContentDigest]
    /// Whether each input is a later copy of a file before it (it writes no rows).
    let duplicate: [Bool]

    /// Reports per group on average: a power of two.
    static let defaultSize = 128

    /// - cacheKeys: each input's cache key (content, build and settings); nil for one unread.
    /// - settings: the output settings that change the files' bytes (layout, level, BOM, part).
    init(_ inputs: [PipelineRunner.Input], cacheKeys: [ContentDigest?], settings: String, size: Int = defaultSize) {
        precondition(size > 0 && size & (size - 1) == 0, "a group size is a power of two")
        let startBits = UInt64(size - 1)
        var groupOf: [Int?] = []
        var firstInput: [Int] = []
        var lastInput: [Int] = []
        var duplicate: [Bool] = []
        var identities: [ContentDigest] = []
        var copies = CopyTracker()
        groupOf.reserveCapacity(inputs.count)
        duplicate.reserveCapacity(inputs.count)
        // A group's identity hashes its members' keys and paths gathered in one buffer (a hash
        // update per member was most of this step).
        let prefix = Array(("frames-1;size=\(size);" + settings + "\u{0}").utf8)
        var members: [UInt8] = []
        func close() {
            guard !firstInput.isEmpty else { return }
            var hasher = SHA256()
            hasher.update(data: prefix)
            members.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            identities.append(ContentDigest(hasher.finalize()))
            members.removeAll(keepingCapacity: true)
        }
        for (i, input) in inputs.enumerated() {
            guard let digest = input.digest, let key = cacheKeys[i] else {
                groupOf.append(nil)
                duplicate.append(false)
                continue
            }
            let (newID, isCopy) = copies.note(digest)
            if firstInput.isEmpty || (newID && digest.leadingWord & startBits == 0) {
                close()
                firstInput.append(i)
                lastInput.append(i)
            }
            members += key.bytes
            members += input.file.rawPath
            members += isCopy ? [0, 1] : [0, 0]
            groupOf.append(firstInput.count - 1)
            lastInput[firstInput.count - 1] = i
            duplicate.append(isCopy)
        }
        close()
        self.groupOf = groupOf
        self.firstInput = firstInput
        self.lastInput = lastInput
        self.duplicate = duplicate
        self.identities = identities
    }

    var count: Int { identities.count }

    func members(_ group: Int) -> Int { lastInput[group] - firstInput[group] + 1 }
}
