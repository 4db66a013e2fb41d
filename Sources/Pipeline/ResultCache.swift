import Crypto
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

    func key(contentSHA256: String) -> String {
        SHA256.hash(data: Data((salt + "\u{0}" + contentSHA256).utf8)).lowercaseHex
    }

    private func url(for key: String) -> URL {
        folder.appendingPathComponent(String(key.prefix(2))).appendingPathComponent(key)
    }

    func load(_ key: String) -> RenderedReport? {
        guard let data = FileManager.default.contents(atPath: url(for: key).path) else { return nil }
        return RenderedReport(serialized: data)
    }

    func store(_ report: RenderedReport, key: String) throws {
        let target = url(for: key)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try report.serialized().write(to: target, options: .atomic)
    }

    /// Removes the entries no current input uses (and stray temp files).
    func prune(keeping keys: Set<String>) {
        let fm = FileManager.default
        for sub in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] {
            let dir = folder.appendingPathComponent(sub)
            for name in (try? fm.contentsOfDirectory(atPath: dir.path)) ?? [] where !keys.contains(name) {
                try? fm.removeItem(at: dir.appendingPathComponent(name))
            }
        }
    }
}
