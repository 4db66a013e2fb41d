import Foundation
import Output
import SystemBytes

/// `etl merge`: combines the folders written by `--shard K/N` runs (files layout) into one folder
/// equal to a single full run's. Every shard's files are sorted by report_id (errors: by path), so
/// a streaming k-way merge restores the global order with bounded memory.
public enum ShardMerger {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public static func merge(shards: [URL], into output: URL) throws -> [OutputSet.FileSummary] {
        guard !shards.isEmpty else { throw Failure(description: "no shard folders given") }
        let manifests = try shards.map { shard -> (Compression, OutputLayout) in
            let url = shard.appendingPathComponent("manifest.json")
            guard let data = FileManager.default.contents(atPath: url.path),
                  let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let outputs = json["outputs"] as? [[String: Any]],
                  let first = outputs.first?["file"] as? String
            else { throw Failure(description: "\(shard.path) is not a finished shard (no manifest.json)") }
            guard !first.contains("/") else {
                throw Failure(description: "\(shard.path) uses the dataset layout: read the shards' datasets together instead")
            }
            let compression: Compression = first.hasSuffix(".zst") ? .zstd : first.hasSuffix(".gz") ? .gzip : .none
            return (compression, .files)
        }
        let compression = manifests[0].0
        guard manifests.allSatisfy({ $0.0 == compression }) else {
            throw Failure(description: "the shards use different compressions")
        }
        let folder = OutputFolder(resolvedTarget: FileSystem.resolvedPath(output.path))
        for shard in shards where FileSystem.contains(folder.target.path, FileSystem.resolvedPath(shard.path)) {
            throw Failure(description: "the merged output \(output.path) contains the shard \(shard.path); nothing was touched")
        }
        do { try folder.checkReplaceable() } catch { throw Failure(description: error.description) }
        let lock = RunLock(outputFolder: folder.target)
        if case .held(let holder) = try lock.acquire() {
            throw Failure(description: "another run (pid \(holder)) is writing \(folder.target.path)")
        }
        defer { lock.release() }
        try folder.recover()
        try folder.prepareStaging()
        do {
            let set = try OutputSet(folder: folder.staging, compression: compression, zstdLevel: 3)
            for file in OutputFile.allCases where !CrossReportMerge.files.contains(file) {
                let readers = try shards.map {
                    try RecordReader(path: $0.appendingPathComponent(file.rawValue + compression.fileExtension).path,
                                     compression: compression)
                }
                // Drop each shard's header.
                var heads: [[UInt8]?] = try readers.map { reader in
                    _ = try reader.next()
                    return try reader.next()
                }
                // A report found in several shards (identical files whose paths hashed apart) is
                // written once, as a full run writes it: its rows from one shard, and the
                // `reports` row of the copy with the first path.
                let perReport = file.columns.first == "report_id"
                var last: (key: String, shard: Int)? = nil
                while true {
                    var best: Int? = nil
                    var bestKey = ""
                    for (i, head) in heads.enumerated() {
                        guard let head else { continue }
                        let key = RecordReader.firstField(head)
                        if best == nil || key < bestKey
                            || (file == .reports && key == bestKey && firstPath(head, before: heads[best!]!)) {
                            best = i
                            bestKey = key
                        }
                    }
                    guard let i = best, let record = heads[i] else { break }
                    if !perReport || last?.key != bestKey || last?.shard == i {
                        try set.appendEncoded(record, rows: 1, to: file)
                        last = (bestKey, i)
                    }
                    heads[i] = try readers[i].next()
                }
            }
            try CrossReportMerge.write(shards: shards, compression: compression, to: set)
            let summaries = try set.finish()
            try DataDictionary.csv(compression: compression).withUnsafeBytes {
                try Data($0).write(to: folder.staging.appendingPathComponent("dictionary.csv"))
            }
            try DataPackage.json(compression: compression, layout: .files, paths: DataPackage.paths(of: summaries.map(\.file)))
                .write(to: folder.staging.appendingPathComponent(DataPackage.fileName))
            let manifest: [String: Any] = [
                "contract_version": OutputContract.version, "pipeline_version": PipelineVersion.current,
                "merged_from": shards.map(\.lastPathComponent),
                "outputs": summaries.map { ["file": $0.file, "rows": $0.rows, "bytes": $0.bytes, "sha256": $0.sha256] },
            ]
            try JSONSerialization.data(withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys])
                .write(to: folder.staging.appendingPathComponent("manifest.json"))
            try folder.commit()
            return summaries
        } catch {
            folder.abandon()
            throw error
        }
    }

    /// Whether `a`'s `source_path` comes before `b`'s in report order (bytewise).
    static func firstPath(_ a: [UInt8], before b: [UInt8]) -> Bool {
        Array(RecordReader.field(a, at: 1).utf8).lexicographicallyPrecedes(Array(RecordReader.field(b, at: 1).utf8))
    }
}
