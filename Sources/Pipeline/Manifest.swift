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
        /// Files under the input folder whose names match none of the patterns.
        public var skippedByPatterns = 0

        public init(files: Int) { self.files = files }

        enum CodingKeys: String, CodingKey {
            case files, ok, partial, failed
            case unchanged = "unchanged_from_cache"
            case errorRows = "error_rows"
            case skippedByPatterns = "skipped_by_patterns"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            files = try c.decode(Int.self, forKey: .files)
            ok = try c.decode(Int.self, forKey: .ok)
            partial = try c.decode(Int.self, forKey: .partial)
            failed = try c.decode(Int.self, forKey: .failed)
            unchanged = try c.decode(Int.self, forKey: .unchanged)
            errorRows = try c.decode(Int.self, forKey: .errorRows)
            skippedByPatterns = try c.decodeIfPresent(Int.self, forKey: .skippedByPatterns) ?? 0
        }
    }

    public var contractVersion = OutputContract.version
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
    /// The inputs that failed (`fail_on: new` compares the next run's with these).
    public var failedInputs: [FailedInput]? = nil

    public struct FailedInput: Codable, Sendable, Equatable {
        public var path: String
        public var stage: String
        public var code: String
    }

    enum CodingKeys: String, CodingKey {
        case contractVersion = "contract_version"
        case pipelineVersion = "pipeline_version"
        case runID = "run_id"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case configDigest = "config_digest"
        case inputs, outputs
        case inputsDigest = "inputs_digest"
        case failedInputs = "failed_inputs"
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
