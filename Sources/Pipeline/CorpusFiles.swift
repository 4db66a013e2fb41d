import Foundation

/// A folder's inputs as the driver finds and reads them, for the benchmarks (a target of their
/// own, which only `etl` links).
package enum CorpusFiles {
    /// The readable files under `root` matching `patterns`, read into memory, in the driver's
    /// order; files that cannot be read are left out.
    package static func read(root: String, patterns: [String], maxBytes: Int = 64 << 20) -> [(path: String, data: Data)] {
        InputDiscovery.find(root: root, patterns: patterns).files.compactMap { file in
            guard case .success(let data) = InputReader.read(root: root, file: file, maxBytes: maxBytes) else { return nil }
            return (file.path, data)
        }
    }
}
