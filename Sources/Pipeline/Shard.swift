import SystemBytes
import Foundation

/// A deterministic 1/N share of the inputs, chosen by a hash of each file's relative path, so N
/// machines (a Kubernetes Indexed Job, a Slurm array) split a corpus without talking to each other.
public struct Shard: Sendable, Equatable {
    public let index: Int
    public let count: Int

    /// `K/N` with 0 ≤ K < N.
    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (0..<n).contains(k) else { return nil }
        index = k
        count = n
    }

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    func contains(_ file: InputFile) -> Bool {
        let digest = Array(SHA256.hash(data: Data(file.rawPath)))
        let value = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Int(value % UInt64(count)) == index
    }

    /// The shard's own output folder, under the configured output folder.
    public var folderName: String { String(format: "shard-%05d-of-%05d", index, count) }
}
