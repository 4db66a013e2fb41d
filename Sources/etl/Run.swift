import ArgumentParser
import Foundation
import Logging
import Pipeline

/// Exit codes, documented in `etl run --help` and the README.
enum ExitStatus: Int32 {
    case success = 0
    case someInputsFailed = 1
    case usage = 2
    case locked = 3
    case fatalIO = 4
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the pipeline over a folder of reports.",
        discussion: """
            Reads every matching file under the input folder, and writes the contract's CSV files \
            (reports, sections, active_disclosure, applications, review_litigation, checks, errors) \
            and manifest.json into the output folder, replacing it only when the run is complete.

            Exit codes:
              0  all inputs processed
              1  finished, but some inputs failed (see errors.csv.zst)
              2  usage or configuration error
              3  another run holds the output folder's lock
              4  fatal I/O error; the previous outputs are left untouched
            """)

    @Option(name: .long, help: "The pipeline configuration (JSON).")
    var config: String = "pipeline.json"

    @Option(name: .long, help: "Input folder (overrides the config).")
    var input: String?

    @Option(name: .long, help: "Output folder (overrides the config).")
    var output: String?

    @Option(name: .long, help: "Files processed at once (overrides the config; default: one per CPU core).")
    var jobs: Int?

    @Flag(name: .long, help: "Only errors on stderr; no summary.")
    var quiet = false

    func run() throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = quiet ? .error : .info
            return handler
        }
        let logger = Logger(label: "etl")
        var settings: PipelineConfig
        do {
            settings = try PipelineConfig.load(path: config)
        } catch {
            fail(error.description, .usage)
        }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        if let input { settings.input = URL(fileURLWithPath: input, relativeTo: cwd).standardizedFileURL.path }
        if let output { settings.output = URL(fileURLWithPath: output, relativeTo: cwd).standardizedFileURL.path }
        if let jobs {
            guard jobs >= 1 else { fail("--jobs must be 1 or more", .usage) }
            settings.jobs = jobs
        }

        let summary: PipelineRunner.Summary
        do {
            summary = try PipelineRunner(config: settings, logger: logger).run()
        } catch {
            switch error {
            case .configuration(let message): fail(message, .usage)
            case .io(let message): fail(message, .fatalIO)
            }
        }
        let c = summary.counts
        if !quiet {
            let mb = Double(summary.inputBytes) / 1_000_000
            print("outputs: \(summary.outputFolder)")
            print(String(format: "%d files: %d ok, %d partial, %d failed; %d error rows; %.2f s (%.1f MB/s)",
                         c.files, c.ok, c.partial, c.failed, c.errorRows, summary.seconds,
                         summary.seconds > 0 ? mb / summary.seconds : 0))
        }
        if c.failed > 0 { throw ExitCode(ExitStatus.someInputsFailed.rawValue) }
    }

    private func fail(_ message: String, _ status: ExitStatus) -> Never {
        FileHandle.standardError.write(Data("etl: \(message)\n".utf8))
        Foundation.exit(status.rawValue)
    }
}
