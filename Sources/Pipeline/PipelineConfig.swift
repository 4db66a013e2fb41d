import Foundation
import Output

/// `pipeline.json`: decoded strictly — an unknown key or a wrong type is an error naming the key.
public struct PipelineConfig: Codable, Sendable, Equatable {
    /// Folder of input reports; relative paths are resolved against the config file's folder.
    public var input: String
    /// Folder the output files are written to (replaced as a whole when a run completes).
    public var output: String
    /// Glob patterns of file names to read, matched against the file name.
    public var patterns: [String] = ["*.txt", "*.htm", "*.html", "*.shtml", "*.md", "*.pdf", "*.docx", "*.doc"]
    /// Files in flight at once; 0 means one per CPU core.
    public var jobs: Int = 0
    /// OpenCC configuration for traditional → simplified: `t2s`, `tw2s` or `hk2s`.
    public var openccConfig: String = "t2s"
    /// `zstd`, `gzip` or `none`.
    public var compression: Compression = .zstd
    /// zstd level, 1 (fast) … 19 (small).
    public var zstdLevel: Int = 3
    /// `files` (one file per table) or `dataset` (Hive-partitioned by report_year).
    public var layout: OutputLayout = .files
    /// Start every CSV with a UTF-8 byte order mark, for Excel.
    public var excelBOM = false
    /// Folder of cached per-file results; default `.NAME.cache` beside the output folder.
    public var cache: String?
    /// Above this fraction of failed inputs the run fails and the previous outputs stay in place.
    public var maxFailedFraction: Double = 1.0
    /// Larger inputs are not read (an `errors` row says so).
    public var maxFileMB: Int = 64
    /// A run whose input count falls by more than this fraction against the last run keeps the
    /// previous outputs (exit 1) unless `--allow-shrink` is given.
    public var maxShrinkFraction: Double = 0.5
    /// A file still processing after this long gets an `errors` row (`too_complex`) instead.
    public var maxFileSeconds: Int = 30
    /// `xlsx`: also write `gov-disclosure.xlsx` (nil: the CSV files alone, and no key in the digest).
    public var format: OutputFormat?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case input, output, patterns, jobs
        case openccConfig = "opencc_config"
        case compression
        case zstdLevel = "zstd_level"
        case excelBOM = "excel_bom"
        case layout
        case cache
        case maxFailedFraction = "max_failed_fraction"
        case maxFileMB = "max_file_mb"
        case maxShrinkFraction = "max_shrink_fraction"
        case maxFileSeconds = "max_file_seconds"
        case format
    }

    public init(input: String, output: String) {
        self.input = input
        self.output = output
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        input = try c.decode(String.self, forKey: .input)
        output = try c.decode(String.self, forKey: .output)
        patterns = try c.decodeIfPresent([String].self, forKey: .patterns) ?? patterns
        jobs = try c.decodeIfPresent(Int.self, forKey: .jobs) ?? jobs
        openccConfig = try c.decodeIfPresent(String.self, forKey: .openccConfig) ?? openccConfig
        compression = try c.decodeIfPresent(Compression.self, forKey: .compression) ?? compression
        zstdLevel = try c.decodeIfPresent(Int.self, forKey: .zstdLevel) ?? zstdLevel
        excelBOM = try c.decodeIfPresent(Bool.self, forKey: .excelBOM) ?? excelBOM
        layout = try c.decodeIfPresent(OutputLayout.self, forKey: .layout) ?? layout
        cache = try c.decodeIfPresent(String.self, forKey: .cache)
        maxFailedFraction = try c.decodeIfPresent(Double.self, forKey: .maxFailedFraction) ?? maxFailedFraction
        maxFileMB = try c.decodeIfPresent(Int.self, forKey: .maxFileMB) ?? maxFileMB
        maxShrinkFraction = try c.decodeIfPresent(Double.self, forKey: .maxShrinkFraction) ?? maxShrinkFraction
        maxFileSeconds = try c.decodeIfPresent(Int.self, forKey: .maxFileSeconds) ?? maxFileSeconds
        format = try c.decodeIfPresent(OutputFormat.self, forKey: .format)
    }

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads and validates a config file. Relative folders become absolute against its folder.
    public static func load(path: String) throws(Invalid) -> PipelineConfig {
        let url = URL(fileURLWithPath: path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw Invalid(description: "config: cannot read \(path)")
        }
        var config = try decode(data, source: path)
        let base = url.deletingLastPathComponent()
        config.input = resolve(config.input, against: base)
        config.output = resolve(config.output, against: base)
        config.cache = config.cache.map { resolve($0, against: base) }
        return config
    }

    public static func decode(_ data: Data, source: String = "config") throws(Invalid) -> PipelineConfig {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw Invalid(description: "\(source): not valid JSON (\(error.localizedDescription))")
        }
        guard let dict = object as? [String: Any] else { throw Invalid(description: "\(source): must be a JSON object") }
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        if let unknown = dict.keys.sorted().first(where: { !known.contains($0) }) {
            throw Invalid(description: "\(source): unknown key \"\(unknown)\" (known: \(known.sorted().joined(separator: ", ")))")
        }
        let config: PipelineConfig
        do { config = try JSONDecoder().decode(PipelineConfig.self, from: data) } catch let error as DecodingError {
            throw Invalid(description: "\(source): \(describe(error))")
        } catch {
            throw Invalid(description: "\(source): \(error)")
        }
        try config.validate(source: source)
        return config
    }

    /// The allowed range of every number (beyond it: a thread count that cannot be started, a
    /// byte limit that overflows).
    public static let jobsRange = 0...1024
    static let zstdLevelRange = 1...22
    static let maxFileMBRange = 1...1024
    static let maxFileSecondsRange = 1...86_400

    func validate(source: String) throws(Invalid) {
        func check(_ value: Int, _ key: CodingKeys, _ range: ClosedRange<Int>, _ note: String = "") throws(Invalid) {
            if !range.contains(value) {
                throw Invalid(description: "\(source): key \"\(key.rawValue)\" must be \(range.lowerBound) to \(range.upperBound)\(note), not \(value)")
            }
        }
        try check(jobs, .jobs, Self.jobsRange, " (0: one per core)")
        try check(zstdLevel, .zstdLevel, Self.zstdLevelRange)
        if !(0...1).contains(maxFailedFraction) {
            throw Invalid(description: "\(source): key \"max_failed_fraction\" must be between 0 and 1")
        }
        if !(0...1).contains(maxShrinkFraction) {
            throw Invalid(description: "\(source): key \"max_shrink_fraction\" must be between 0 and 1")
        }
        try check(maxFileMB, .maxFileMB, Self.maxFileMBRange)
        try check(maxFileSeconds, .maxFileSeconds, Self.maxFileSecondsRange)
        if patterns.isEmpty { throw Invalid(description: "\(source): key \"patterns\" must list at least one pattern") }
        if !["t2s", "tw2s", "hk2s", "tw2sp"].contains(openccConfig), !openccConfig.hasSuffix(".json") {
            throw Invalid(description: "\(source): key \"opencc_config\" must be t2s, tw2s, hk2s or a .json path")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .typeMismatch(let type, let ctx): return "key \"\(path(ctx))\" has the wrong type (expected \(type))"
        case .valueNotFound(_, let ctx): return "key \"\(path(ctx))\" is null"
        case .keyNotFound(let key, _): return "missing key \"\(key.stringValue)\""
        case .dataCorrupted(let ctx): return "key \"\(path(ctx))\": \(ctx.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    static func resolve(_ path: String, against base: URL) -> String {
        path.hasPrefix("/") ? path : base.appendingPathComponent(path).standardizedFileURL.path
    }

    /// The settings that change what is written, as canonical JSON (for the manifest's digest).
    public var canonicalJSON: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var copy = self
        copy.jobs = 0  // parallelism never changes the output
        copy.cache = nil
        return (try? encoder.encode(copy)) ?? Data()
    }

    /// The settings that change one file's result (the cache key's part besides the content).
    var perFileSettings: String { "opencc=\(openccConfig);layout=\(layout.rawValue)" }

}
