import Foundation
import SystemBytes

/// The output folder is replaced as a whole: a run writes into a staging folder beside it and
/// exchanges the two in one step (`renameat2(RENAME_EXCHANGE)`) when every file and the manifest
/// are complete; then the old outputs, now under the staging name, are deleted. At every instant a
/// reader of the target's path sees one complete run's folder. A run killed at any moment leaves
/// the previous outputs in place; what it left beside them is removed by the next run.
struct OutputFolder {
    /// The resolved path of the folder that is replaced.
    let target: URL
    let staging: URL
    /// Where an earlier build moved the old outputs during its two-rename swap.
    var legacyPrevious: URL { sibling(".\(target.lastPathComponent).previous") }
    /// A manifest written by a no-change run, before it is renamed into the target.
    var manifestTemporary: URL { sibling(".\(target.lastPathComponent).manifest.tmp-\(getpid())") }

    /// `target` must be resolved (`FileSystem.resolvedPath`): locking and swapping an alias would
    /// replace the symbolic link with a folder and let two runs hold different locks.
    init(resolvedTarget: String) {
        target = URL(fileURLWithPath: resolvedTarget)
        staging = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).tmp-\(getpid())")
    }

    private func sibling(_ name: String) -> URL { target.deletingLastPathComponent().appendingPathComponent(name) }

    /// Why etl will not replace a path.
    enum Refusal: Error, CustomStringConvertible {
        case notAFolder(String)
        case notWrittenByETL(String, example: String)

        var description: String {
            switch self {
            case .notAFolder(let path):
                "output \(path) is a file, not a folder; nothing was touched"
            case .notWrittenByETL(let path, let example):
                "output \(path) holds files etl did not write (\(example), and no etl manifest.json); "
                    + "etl replaces only an empty folder or one a previous run wrote; nothing was touched"
            }
        }
    }

    /// etl replaces only what is absent, an empty folder, or a folder a previous etl run wrote
    /// (its `manifest.json` says so).
    func checkReplaceable() throws(Refusal) {
        let path = target.path
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw .notAFolder(path) }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        if names.isEmpty || Self.isManifest(target.appendingPathComponent("manifest.json")) { return }
        throw .notWrittenByETL(path, example: names.sorted().first ?? "")
    }

    /// A `manifest.json` that etl wrote (a run's or a merge's): a JSON object with its keys.
    static func isManifest(_ url: URL) -> Bool {
        guard let data = FileManager.default.contents(atPath: url.path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return false }
        return object["pipeline_version"] is String && object["outputs"] is [Any]
    }

    /// Restores what an interrupted swap of an earlier build left, and removes the staging
    /// folders and temporary manifests of runs that are no longer alive.
    func recover() throws {
        let fm = FileManager.default
        if !fm.fileExists(atPath: target.path), Self.isManifest(legacyPrevious.appendingPathComponent("manifest.json")) {
            try fm.moveItem(at: legacyPrevious, to: target)
        }
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        let prefixes = [".\(name).tmp-", ".\(name).manifest.tmp-"]
        for entry in (try? fm.contentsOfDirectory(atPath: parent.path)) ?? [] {
            guard let prefix = prefixes.first(where: entry.hasPrefix), let pid = Int32(entry.dropFirst(prefix.count)) else { continue }
            if pid != getpid(), kill(pid, 0) == 0 || errno == EPERM { continue }
            try? fm.removeItem(at: parent.appendingPathComponent(entry))
        }
        if fm.fileExists(atPath: target.path) { try? fm.removeItem(at: legacyPrevious) }
    }

    func prepareStaging() throws {
        let fm = FileManager.default
        try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? fm.removeItem(at: staging)
        try fm.createDirectory(at: staging, withIntermediateDirectories: false)
    }

    /// Puts the staged folder in place of the target in one step, then deletes the old outputs.
    func commit() throws {
        FileSystem.syncFolder(staging.path)
        let parent = target.deletingLastPathComponent().path
        if FileManager.default.fileExists(atPath: target.path) {
            try FileSystem.exchange(staging.path, target.path)
            FileSystem.syncFolder(parent)
            try? FileManager.default.removeItem(at: staging)
        } else {
            try FileSystem.renameNoReplace(staging.path, target.path)
            FileSystem.syncFolder(parent)
        }
    }

    func abandon() {
        try? FileManager.default.removeItem(at: staging)
    }
}
