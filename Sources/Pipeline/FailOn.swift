import Foundation

/// Which failed inputs make `etl run` exit 1 (config `fail_on`, `--fail-on`). A nightly run that
/// exits 1 for as long as one old bad file stays in the folder trains people to ignore it.
public enum FailOn: String, Codable, Sendable, CaseIterable {
    /// Only inputs that did not fail in the previous run (the default).
    case new
    /// Any failed input.
    case any
    /// None: the exit code says only whether the run completed.
    case never

    /// Whether a run with these failures exits 1.
    public func exitsWithFailure(failed: Int, new: Int) -> Bool {
        switch self {
        case .new: new > 0
        case .any: failed > 0
        case .never: false
        }
    }
}

/// The inputs a run could not process, by path; recorded in the manifest so that the next run can
/// tell new failures from old ones.
enum FailureSet {
    /// The previous run's failed inputs, from its manifest; nil when there is none or it predates
    /// the record (every failure then counts as new).
    static func previous(in folder: URL) -> Set<String>? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("manifest.json").path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let failed = object["failed_inputs"] as? [[String: Any]] else { return nil }
        return Set(failed.compactMap { $0["path"] as? String })
    }

    /// How many of `failed` are not in `previous`.
    static func newCount(_ failed: [Manifest.FailedInput], previous: Set<String>?) -> Int {
        guard let previous else { return failed.count }
        return failed.filter { !previous.contains($0.path) }.count
    }
}
