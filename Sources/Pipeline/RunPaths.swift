import Foundation
import SystemBytes

/// The run's folders, every symbolic link resolved, checked so that a run never touches what it
/// did not write: the inputs, the output and the cache may not contain one another, and the output
/// must be a folder etl may replace (`OutputFolder.checkReplaceable`).
struct RunPaths {
    /// The input root.
    let input: String
    /// The folder the run replaces: the output, or the shard's folder under it.
    let target: String
    let cache: String

    static func resolve(config: PipelineConfig, shard: Shard?) throws(PipelineRunner.Failure) -> RunPaths {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: config.input, isDirectory: &isDirectory) else {
            throw .configuration("input folder not found: \(config.input)")
        }
        guard isDirectory.boolValue else { throw .configuration("input \(config.input) is a file, expected a folder") }
        let input = FileSystem.resolvedPath(config.input)
        let output = FileSystem.resolvedPath(config.output)
        // The default cache sits beside the output's real folder, so that aliases of it share one.
        let cacheName = config.cache ?? (output as NSString).deletingLastPathComponent + "/.\((output as NSString).lastPathComponent).cache"
        let cache = FileSystem.resolvedPath(cacheName)
        let named = [("input", config.input, input), ("output", config.output, output), ("cache", cacheName, cache)]
        for (i, a) in named.enumerated() {
            for b in named[(i + 1)...] where FileSystem.contains(a.2, b.2) || FileSystem.contains(b.2, a.2) {
                let relation = a.2 == b.2 ? "is the same folder as" : FileSystem.contains(a.2, b.2) ? "contains" : "lies inside"
                throw .configuration("\(a.0) \(a.1) \(relation) \(b.0) \(b.1) (\(a.2), \(b.2)): "
                                     + "the input, output and cache folders must be apart; nothing was touched")
            }
        }
        var info = stat()
        if lstat(output, &info) == 0, info.st_mode & S_IFMT != S_IFDIR {
            throw .configuration("output \(config.output) is a file, not a folder; nothing was touched")
        }
        let target = shard.map { output + "/" + $0.folderName } ?? output
        do { try OutputFolder(resolvedTarget: target).checkReplaceable() } catch { throw .configuration(error.description) }
        // A shard keeps a cache of its own inside the configured one: a run removes the entries
        // its inputs do not use, which in a shared folder would be every other shard's.
        return RunPaths(input: input, target: target, cache: shard.map { cache + "/" + $0.folderName } ?? cache)
    }
}

/// A run that finds no inputs (a mount gone missing at night), or far fewer than the last run had,
/// keeps the previous outputs instead of replacing them with near-empty tables.
enum ShrinkGuard {
    static func check(inputs: Int, skipped: Int, previous folder: URL, maxShrink: Double, input: String) throws(PipelineRunner.Failure) {
        let suffix = "; the previous outputs are left in place (--allow-shrink publishes them anyway)"
        if inputs == 0 {
            throw .shrunk("no input files found under \(input) (\(skipped) file(s) skipped by the patterns)" + suffix)
        }
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("manifest.json").path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let counts = object["inputs"] as? [String: Any], let before = counts["files"] as? Int, before > 0
        else { return }
        if Double(inputs) < Double(before) * (1 - maxShrink) {
            throw .shrunk(String(format: "%d input files, down from %d in the last run: more than max_shrink_fraction %.3g", inputs, before, maxShrink)
                          + suffix)
        }
    }
}
