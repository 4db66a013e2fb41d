import Foundation

/// The output folder is replaced as a whole: a run writes into a temporary folder beside it and
/// swaps it in only when every file and the manifest are complete. A run killed at any moment
/// leaves the previous outputs in place (or in `.NAME.previous`, restored by the next run).
struct OutputFolder {
    let target: URL
    var previous: URL { target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).previous") }
    let staging: URL

    init(target: String) {
        self.target = URL(fileURLWithPath: target).standardizedFileURL
        let parent = self.target.deletingLastPathComponent()
        staging = parent.appendingPathComponent(".\(self.target.lastPathComponent).tmp-\(getpid())")
    }

    /// Restores what an interrupted swap left and clears staging folders of dead runs.
    func recover() throws {
        let fm = FileManager.default
        if !fm.fileExists(atPath: target.path), fm.fileExists(atPath: previous.path) {
            try fm.moveItem(at: previous, to: target)
        }
        let parent = target.deletingLastPathComponent()
        let stagePrefix = ".\(target.lastPathComponent).tmp-"
        for name in (try? fm.contentsOfDirectory(atPath: parent.path)) ?? [] where name.hasPrefix(stagePrefix) {
            if let pid = Int32(name.dropFirst(stagePrefix.count)), pid != getpid(), kill(pid, 0) == 0 { continue }
            try? fm.removeItem(at: parent.appendingPathComponent(name))
        }
    }

    func prepareStaging() throws {
        let fm = FileManager.default
        try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? fm.removeItem(at: staging)
        try fm.createDirectory(at: staging, withIntermediateDirectories: false)
    }

    /// Puts the staged folder in place of the target.
    func commit() throws {
        let fm = FileManager.default
        syncDirectory(staging)
        if fm.fileExists(atPath: target.path) {
            try? fm.removeItem(at: previous)
            try fm.moveItem(at: target, to: previous)
        }
        try fm.moveItem(at: staging, to: target)
        syncDirectory(target.deletingLastPathComponent())
        try? fm.removeItem(at: previous)
    }

    func abandon() {
        try? FileManager.default.removeItem(at: staging)
    }

    private func syncDirectory(_ url: URL) {
        let fd = open(url.path, O_RDONLY | O_DIRECTORY)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }
}
