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
    /// OpenCC's dictionaries folder; default: beside the installed binary, else the build's.
    public var openccData: String?
    /// Which failed inputs make the exit code 1: `new` ones (not failed in the previous run), `any`, `never`.
    public var failOn: FailOn = .new
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
        case openccData = "opencc_data"
        case failOn = "fail_on"
        case format
    }

    public init(input: String, output: String) {
        self.input = input
        self.output = output
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // Required, but the command line may give them (`load` checks after its overrides).
        input = try c.value(.input) ?? ""
        output = try c.value(.output) ?? ""
        patterns = try c.value(.patterns) ?? patterns
        jobs = try c.value(.jobs) ?? jobs
        openccConfig = try c.value(.openccConfig) ?? openccConfig
        compression = try c.choice(.compression) ?? compression
        zstdLevel = try c.value(.zstdLevel) ?? zstdLevel
        excelBOM = try c.value(.excelBOM) ?? excelBOM
        layout = try c.choice(.layout) ?? layout
        cache = try c.value(.cache)
        maxFailedFraction = try c.value(.maxFailedFraction) ?? maxFailedFraction
        maxFileMB = try c.value(.maxFileMB) ?? maxFileMB
        maxShrinkFraction = try c.value(.maxShrinkFraction) ?? maxShrinkFraction
        maxFileSeconds = try c.value(.maxFileSeconds) ?? maxFileSeconds
        openccData = try c.value(.openccData)
        failOn = try c.choice(.failOn) ?? failOn
        format = try c.choice(.format)
    }

    /// What is wrong with one key's value, in words (`decode` adds where it stands and what it is).
    struct KeyProblem: Error {
        let key: String
        let message: String
    }

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
        /// The key the error is about, when it is about one.
        public var key: String?
        public init(description: String, key: String? = nil) {
            self.description = description
            self.key = key
        }
    }

    /// Reads and validates a config file. Relative folders become absolute against its folder.
    public static func load(path: String) throws(Invalid) -> PipelineConfig {
        try load(path: Optional(path))
    }

    /// Reads a config file (none: the defaults, and `input` and `output` must come from
    /// `overrides`), resolves its relative folders against its folder, applies the command
    /// line's `overrides`, then validates the result.
    public static func load(path: String?, overrides: (inout PipelineConfig) -> Void = { _ in }) throws(Invalid) -> PipelineConfig {
        guard let path else {
            var config = PipelineConfig(input: "", output: "")
            overrides(&config)
            try config.validate(source: "command line")
            return config
        }
        let url = URL(fileURLWithPath: path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw Invalid(description: "config: cannot read \(path)")
        }
        let (decoded, syntax) = try parse(data, source: path)
        var config = decoded
        let base = url.deletingLastPathComponent()
        if !config.input.isEmpty { config.input = resolve(config.input, against: base) }
        if !config.output.isEmpty { config.output = resolve(config.output, against: base) }
        config.cache = config.cache.map { resolve($0, against: base) }
        config.openccData = config.openccData.map { resolve($0, against: base) }
        overrides(&config)
        try config.validate(source: path, at: syntax)
        return config
    }

    /// Decodes and validates a config file's bytes.
    public static func decode(_ data: Data, source: String = "config") throws(Invalid) -> PipelineConfig {
        let (config, syntax) = try parse(data, source: source)
        try config.validate(source: source, at: syntax)
        return config
    }

    /// Decoding without the range checks: strict JSON, known keys, each of the right type.
    static func parse(_ data: Data, source: String) throws(Invalid) -> (PipelineConfig, StrictJSON) {
        let syntax: StrictJSON
        do { syntax = try StrictJSON.check(Array(data)) } catch {
            throw Invalid(description: "\(source):\(error.position): not valid JSON: \(error.message)")
        }
        /// `source:line:column:` of a key when it is known, else `source:`.
        func at(_ key: String?) -> String {
            key.flatMap { syntax.keyPositions[$0] }.map { "\(source):\($0):" } ?? "\(source):"
        }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw Invalid(description: "\(source): not valid JSON (\(error.localizedDescription))")
        }
        guard let dict = object as? [String: Any] else { throw Invalid(description: "\(source):1:1: must be a JSON object ({...})") }
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        if let unknown = dict.keys.sorted().first(where: { !known.contains($0) }) {
            throw Invalid(description: "\(at(unknown)) unknown key \"\(unknown)\" (known: \(known.sorted().joined(separator: ", ")))", key: unknown)
        }
        /// A value as it was written, for the message.
        func written(_ key: String) -> String {
            guard let value = dict[key] else { return "" }
            if value is NSNull { return "" }
            guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .withoutEscapingSlashes]) else { return "" }
            let text = String(decoding: data, as: UTF8.self)
            return ", not " + (text.count > 60 ? String(text.prefix(57)) + "..." : text)
        }
        do { return (try JSONDecoder().decode(PipelineConfig.self, from: data), syntax) } catch let problem as KeyProblem {
            throw Invalid(description: "\(at(problem.key)) key \"\(problem.key)\" \(problem.message)\(written(problem.key))", key: problem.key)
        } catch let error as DecodingError {
            let key = describeKey(error)
            throw Invalid(description: "\(at(key)) \(describe(error))", key: key)
        } catch {
            throw Invalid(description: "\(source): \(error)")
        }
    }

    /// `validate`, its message pointing at the key in the file when the key is there.
    func validate(source: String, at syntax: StrictJSON) throws(Invalid) {
        do { try validate(source: source) } catch {
            let key = error.key ?? error.description.firstMatch(of: /key "([a-z_]+)"/).map { String($0.1) }
            guard let key, let position = syntax.keyPositions[key], error.description.hasPrefix("\(source): ") else { throw error }
            throw Invalid(description: "\(source):\(position): " + error.description.dropFirst(source.count + 2), key: key)
        }
    }

    /// The allowed range of every number (beyond it: a thread count that cannot be started, a
    /// byte limit that overflows).
    public static let jobsRange = 0...1024
    public static let zstdLevelRange = 1...22
    static let maxFileMBRange = 1...1024
    static let maxFileSecondsRange = 1...86_400

    func validate(source: String) throws(Invalid) {
        for (key, value) in [(CodingKeys.input, input), (.output, output)] where value.isEmpty {
            throw Invalid(description: "\(source): key \"\(key.rawValue)\" is missing (or give --\(key.rawValue) DIR)", key: key.rawValue)
        }
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

    /// The key a decoding error is about (others' keys decoded without `value`/`choice`).
    static func describeKey(_ error: DecodingError) -> String? {
        switch error {
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx), .dataCorrupted(let ctx): ctx.codingPath.first?.stringValue
        case .keyNotFound(let key, _): key.stringValue
        @unknown default: nil
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .typeMismatch(let type, let ctx): return "key \"\(path(ctx))\" has the wrong type (expected \(type))"
        case .valueNotFound(_, let ctx): return "key \"\(path(ctx))\" is null"
        case .keyNotFound(let key, _): return "missing key \"\(key.stringValue)\" (or give --\(key.stringValue))"
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
        copy.openccData = nil  // where the dictionaries are, like ETL_OPENCC_DATA; the build identity covers them
        copy.failOn = .new  // only the exit code
        return (try? encoder.encode(copy)) ?? Data()
    }

    /// The settings that change one file's result (the cache key's part besides the content).
    var perFileSettings: String { "opencc=\(openccConfig);layout=\(layout.rawValue)" }

}

/// Decoding one key with a message that names it and says what it must be: Foundation's own
/// says "Cannot initialize Compression from invalid String value zst", or names key "" for 3.5.
extension KeyedDecodingContainer where Key == PipelineConfig.CodingKeys {
    func value<T: Decodable>(_ key: Key) throws -> T? {
        guard contains(key) else { return nil }
        do {
            if try decodeNil(forKey: key) { throw PipelineConfig.KeyProblem(key: key.rawValue, message: "must not be null") }
            if T.self == Int.self {
                // Foundation's decoder reports 3.5 for an Int as invalid JSON at no key.
                let number = try decode(Double.self, forKey: key)
                guard number.rounded() == number else {
                    throw PipelineConfig.KeyProblem(key: key.rawValue, message: "must be a whole number")
                }
                // Beyond 2^53 a Double is not exact: the integer as written (the range check follows).
                return abs(number) < 0x1p53 ? Int(number) as? T : try decode(T.self, forKey: key)
            }
            return try decode(T.self, forKey: key)
        } catch let problem as PipelineConfig.KeyProblem {
            throw problem
        } catch {
            // (A number beyond Int's range is Foundation's internal JSONError, not a DecodingError.)
            throw PipelineConfig.KeyProblem(key: key.rawValue, message: "must be " + Self.expected(T.self))
        }
    }

    /// One of an enumeration's values, named in the message when another is given.
    func choice<T: RawRepresentable & CaseIterable>(_ key: Key) throws -> T? where T.RawValue == String {
        let allowed = T.allCases.map(\.rawValue)
        let list = allowed.dropLast().joined(separator: ", ") + " or " + allowed.last!
        guard let raw: String = try? value(key) else {
            if contains(key) { throw PipelineConfig.KeyProblem(key: key.rawValue, message: "must be \(list)") }
            return nil
        }
        guard let parsed = T(rawValue: raw) else { throw PipelineConfig.KeyProblem(key: key.rawValue, message: "must be \(list)") }
        return parsed
    }

    private static func expected(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type, is Int?.Type: "a whole number"
        case is Double.Type, is Double?.Type: "a number"
        case is Bool.Type, is Bool?.Type: "true or false"
        case is String.Type, is String?.Type: "a string in double quotes"
        case is [String].Type: "a list of strings, e.g. [\"*.txt\"]"
        default: "a \(type)"
        }
    }
}
