import ArgumentParser
import Dispatch
import Foundation
import Logging
import Output
import Pipeline

/// Exit codes, documented in `etl run --help` and the README.
enum ExitStatus: Int32 {
    case success = 0
    case someInputsFailed = 1
    case usage = 2
    case locked = 3
    case fatalIO = 4
    case interrupted = 130
}

enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the pipeline over a folder of reports.",
        discussion: """
            Reads every matching file under the input folder and writes the contract's CSV files \
            (reports, sections, active_disclosure, applications, review_litigation, checks, errors) \
            and manifest.json into the output folder, replacing it only when the run is complete. \
            Files unchanged since the last run are taken from the result cache.

            Exit codes:
              0    all inputs processed
              1    finished, but some inputs failed (see errors.csv.zst); or more failed than
                   max_failed_fraction allows, or no inputs were found, or far fewer than the
                   last run had (max_shrink_fraction), in which case the previous outputs are kept
              2    usage or configuration error, or folders etl must not touch (an output folder
                   it did not write, input/output/cache inside one another); nothing is touched
              3    another run holds the output folder's lock
              4    fatal I/O error; the previous outputs are left untouched
              130  stopped by SIGINT or SIGTERM; the previous outputs are left untouched
            """)

    @Option(name: .long, help: "The pipeline configuration (JSON).")
    var config: String = "pipeline.json"

    @Option(name: .long, help: "Input folder (overrides the config).")
    var input: String?

    @Option(name: .long, help: "Output folder (overrides the config).")
    var output: String?

    /// Text, checked here: a number past `Int` is then a usage error (exit 2) like one out of range.
    @Option(name: .long, help: "Files processed at once, 1 to 1024 (overrides the config; default: one per CPU core).")
    var jobs: String?

    @Flag(name: .long, help: "Ignore the result cache and process every file again.")
    var full = false

    @Flag(name: .long, help: ArgumentHelp(
        "Publish the outputs even when no input is found, or far fewer than the last run had.",
        discussion: "Without it such a run keeps the previous outputs and exits 1 (see max_shrink_fraction)."))
    var allowShrink = false

    @Option(name: .long, help: ArgumentHelp(
        "Process only shard K of N (0 ≤ K < N), chosen by a hash of each file's path, into OUTPUT/shard-K-of-N.",
        valueName: "K/N"))
    var shard: String?

    @Option(name: .long, help: "Output layout: files (one file per table) or dataset (Hive-partitioned by report_year).")
    var layout: String?

    @Option(name: .long, help: "Log lines on stderr as human-readable text or JSON (for log shippers).")
    var logFormat: LogFormat = .text

    @Flag(name: .long, help: "Also write gov-disclosure.xlsx (config: \"format\": \"xlsx\").")
    var xlsx = false

    @Flag(name: [.long, .short], help: "Only errors on stderr; no progress and no summary.")
    var quiet = false

    func run() throws {
        let format = logFormat
        let level: Logger.Level = quiet ? .error : .info
        LoggingSystem.bootstrap { label in
            switch format {
            case .json: return JSONLogHandler(label: label, level: level)
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
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
            let range = 1...PipelineConfig.jobsRange.upperBound
            guard let n = Int(jobs), range.contains(n) else {
                fail("--jobs must be \(range.lowerBound) to \(range.upperBound), not \(jobs)", .usage)
            }
            settings.jobs = n
        }

        if xlsx { settings.format = .xlsx }
        if let layout {
            guard let parsed = OutputLayout(rawValue: layout) else { fail("--layout must be files or dataset", .usage) }
            settings.layout = parsed
        }
        var shardOption: Shard?
        if let shard {
            guard let parsed = Shard(shard) else { fail("--shard must be K/N with 0 ≤ K < N", .usage) }
            shardOption = parsed
        }

        let runner = PipelineRunner(config: settings, options: .init(full: full, shard: shardOption, allowShrink: allowShrink), logger: logger)
        let signals = SignalWatcher(stop: runner.stopRequest, logger: logger)
        let progress = ProgressReporter(enabled: !quiet, json: format == .json, logger: logger)
        runner.onProgress = progress.update

        let summary: PipelineRunner.Summary
        do {
            summary = try runner.run()
        } catch {
            progress.finish()
            switch error {
            case .configuration(let message): fail(message, .usage)
            case .locked(let message): fail(message, .locked)
            case .io(let message): fail(message, .fatalIO)
            case .interrupted: fail(error.description, .interrupted)
            case .tooManyFailures(let message), .shrunk(let message): fail(message, .someInputsFailed)
            }
        }
        progress.finish()
        withExtendedLifetime(signals) {}
        let c = summary.counts
        if !quiet {
            let mb = Double(summary.inputBytes) / 1_000_000
            let line = String(
                format: "%d files: %d ok, %d partial, %d failed, %d unchanged (from cache); %d error rows; %d skipped by the patterns; %.2f s (%.1f MB/s)",
                c.files, c.ok, c.partial, c.failed, c.unchanged, c.errorRows, c.skippedByPatterns, summary.seconds,
                summary.seconds > 0 ? mb / summary.seconds : 0)
            print("outputs: \(summary.outputFolder)")
            print(line)
            logger.info("run finished", metadata: [
                "files": "\(c.files)", "ok": "\(c.ok)", "partial": "\(c.partial)", "failed": "\(c.failed)",
                "unchanged": "\(c.unchanged)", "skipped_by_patterns": "\(c.skippedByPatterns)", "seconds": "\(String(format: "%.3f", summary.seconds))",
                "output": "\(summary.outputFolder)",
            ])
        }
        if c.failed > 0 { throw ExitCode(ExitStatus.someInputsFailed.rawValue) }
    }

    private func fail(_ message: String, _ status: ExitStatus) -> Never {
        FileHandle.standardError.write(Data("etl: \(message)\n".utf8))
        Foundation.exit(status.rawValue)
    }
}

/// SIGINT and SIGTERM ask the runner to stop: it stops waiting for the files in hand, leaves the
/// outputs as they were, and the command exits with 130.
final class SignalWatcher {
    private var sources: [DispatchSourceSignal] = []
    /// A serial queue of its own gets a thread even when every thread of Dispatch's pool is busy.
    private let queue = DispatchQueue(label: "etl.signals")

    init(stop: StopRequest, logger: Logger) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler {
                logger.warning("stopping on signal", metadata: ["signal": "\(sig)"])
                stop.request(signal: sig)
            }
            source.resume()
            sources.append(source)
        }
    }
}
