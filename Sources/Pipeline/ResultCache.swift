import SystemBytes
import Foundation
import ReportModel

/// Per-file results kept between runs, keyed by (content hash, pipeline version, the settings
/// that change results), so a nightly run processes only new or changed files. Entries are
/// written atomically (temp file + rename): a killed run leaves whole entries or none.
struct ResultCache {
    let folder: URL
    /// Digest of what, besides the content, decides a result.
    let salt: String

    init(folder: URL, pipelineVersion: String, relevantSettings: String) {
        self.folder = folder
        salt = pipelineVersion + "\u{0}" + relevantSettings
    }

    func key(content: ContentDigest) -> ContentDigest {
        ContentDigest(SHA256.hash(data: Data((salt + "\u{0}" + content.hex).utf8)))
    }

    /// (A string, not `URL.appendingPathComponent`: building URLs was a twentieth of a no-change run.)
    private func path(for key: ContentDigest) -> String {
        let name = key.hex
        return folder.path + "/" + name.prefix(2) + "/" + name
    }

    func load(_ key: ContentDigest) -> RenderedReport? {
        guard let data = FileManager.default.contents(atPath: path(for: key)) else { return nil }
        return RenderedReport(serialized: data)
    }

    /// Written to a temporary name and renamed, without `fsync`: a killed run cannot leave a torn
    /// entry under a key, and after a power loss a damaged entry fails `RenderedReport`'s length
    /// checks and is processed again. (`Data.write(options: .atomic)` syncs each entry, a twentieth
    /// of a full run.)
    func store(_ report: RenderedReport, key: ContentDigest) throws {
        let target = path(for: key)
        let data = try report.serialized()
        // A `--full` run makes the entries it finds again, byte for byte: replacing a file by
        // rename makes ext4 write the old one back first, a few percent of the run.
        if let existing = FileManager.default.contents(atPath: target), existing == data { return }
        let temporary = target + ".tmp\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        var fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0, errno == ENOENT {
            try FileManager.default.createDirectory(atPath: folder.path + "/" + key.hex.prefix(2), withIntermediateDirectories: true)
            fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { throw CacheFailure.write(temporary, errno) }
        let written = data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        let failure = errno
        close(fd)
        guard written, rename(temporary, target) == 0 else {
            let error = CacheFailure.write(target, written ? errno : failure)
            unlink(temporary)
            throw error
        }
    }

    enum CacheFailure: Error, CustomStringConvertible {
        case write(String, Int32)
        var description: String {
            switch self {
            case .write(let path, let code): "cannot write \(path): \(String(cString: strerror(code)))"
            }
        }
    }

    /// Removes the entries no current input uses (and stray temp files).
    func prune(keeping keys: Set<ContentDigest>) {
        let fm = FileManager.default
        for sub in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] {
            let dir = folder.appendingPathComponent(sub)
            for name in (try? fm.contentsOfDirectory(atPath: dir.path)) ?? [] where !(ContentDigest(hex: name).map(keys.contains) ?? false) {
                try? fm.removeItem(at: dir.appendingPathComponent(name))
            }
        }
    }
}
