import Foundation
import Output

/// `manifest.json`, written last: a folder without one is not a finished run.
public struct Manifest: Codable, Sendable {
    public struct Counts: Codable, Sendable {
        public var files: Int
        public var ok = 0
        public var partial = 0
        public var failed = 0
        /// Reports taken from the cache because their file did not change.
        public var unchanged = 0
        public var errorRows = 0

        public init(files: Int) { self.files = files }

        enum CodingKeys: String, CodingKey {
            case files, ok, partial, failed
            case unchanged = "unchanged_from_cache"
            case errorRows = "error_rows"
        }
    }

    public var contractVersion = 1
    public var pipelineVersion: String
    public var runID: String
    public var startedAt: String
    public var finishedAt: String
    public var configDigest: String
    public var inputs: Counts
    public var outputs: [OutputSet.FileSummary]
    /// What the outputs were made from (`UnchangedRun.inputsDigest`): a run that finds the same
    /// keeps them.
    public var inputsDigest: String? = nil

    enum CodingKeys: String, CodingKey {
        case contractVersion = "contract_version"
        case pipelineVersion = "pipeline_version"
        case runID = "run_id"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case configDigest = "config_digest"
        case inputs, outputs
        case inputsDigest = "inputs_digest"
    }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(10)
        return data
    }
}

public enum PipelineVersion {
    public static let current = "0.3.0"
}
