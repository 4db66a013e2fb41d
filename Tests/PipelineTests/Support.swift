import Foundation
import Pipeline
import ReportModel
import ScriptNormalization

/// Shared by the pipeline tests: the repo's folders and one normaliser (building the
/// traditional-character set takes a moment).
enum Support {
    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let samples = repoRoot.appendingPathComponent("data/samples")

    static let normalizer: ScriptNormalizer = {
        ScriptNormalizer(converter: try! ChineseConverter(config: "t2s"))
    }()

    static let processor = ReportProcessor(normalizer: normalizer)

    static func process(seed name: String) throws -> ProcessedReport {
        let data = try Data(contentsOf: samples.appendingPathComponent(name))
        return processor.process(data: data, sourcePath: name)
    }

    static var seedNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: samples.path)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
    }

    /// One folder per test process holds every test's folders and goes when the process exits,
    /// so a test run leaves nothing behind in the temporary directory.
    static let scratchRoot: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("etl-tests-\(getpid())-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: Support.scratchRoot) }
        return root
    }()

    static func temporaryFolder(_ name: String) throws -> URL {
        let url = scratchRoot.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs a command, returning its exit status and standard output.
    @discardableResult
    static func shell(_ arguments: [String], input: Data? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    /// The `etl` binary built beside the test bundle.
    static var etlBinary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("etl")
    }
}
