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
            Reads every matching file under the input folder and writes into the output folder, \
            replacing it only when the run is complete (CSV files, zstd-compressed by default; \
            a folder per table with --layout dataset):

            \(outputFileList)
              dictionary.csv          every column of every file, with its meaning
              schema.json             the same, for programs
              manifest.json           the run: versions, counts, SHA-256s; written last

            Files unchanged since the last run are taken from the result cache. Without \
            --config no file is read: --input and --output are then required, and everything \
            else has its default (the README's Configuration table).

            Exit codes:
              0    all inputs processed (or, with fail_on new, no new failures)
              1    finished, but inputs failed: new ones (fail_on new, the default) or
                   any (fail_on any); or more failed than max_failed_fraction allows,
                   or no inputs were found, or far fewer than the last run had
                   (max_shrink_fraction): then the previous outputs are kept
              2    usage or configuration error, or folders etl must not touch (an
                   output folder it did not write, input/output/cache inside one
                   another); nothing is touched
              3    another run holds the output folder's lock
              4    fatal I/O error; the previous outputs are left untouched
              130  stopped by SIGINT or SIGTERM; the previous outputs are left untouched
            """)

    /// Every table the run writes, with what it holds, wrapped at word boundaries to fit an
    /// 80-column terminal (the parser would otherwise rewrap the lines without the indent).
    static var outputFileList: String {
        let indent = String(repeating: " ", count: 26), width = 79 - indent.count
        return OutputFile.allCases.map { file in
            var lines: [String] = []
            var line = ""
            for word in file.description.en.split(separator: " ") {
                if !line.isEmpty, line.count + 1 + word.count > width {
                    lines.append(line)
                    line = ""
                }
                line += (line.isEmpty ? "" : " ") + word
            }
            lines.append(line)
            let name = "  " + file.rawValue.padding(toLength: 24, withPad: " ", startingAt: 0)
            return name + lines.joined(separator: "\n" + indent)
        }.joined(separator: "\n")
    }

    @Option(name: .long, help: "The pipeline configuration (JSON); without it, the defaults.", completion: .file(extensions: ["json"]))
    var config: String?

    @Option(name: .long, help: "Input folder (overrides the config).", completion: .directory)
    var input: String?

    @Option(name: .long, help: "Output folder (overrides the config).", completion: .directory)
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

    @OptionGroup(title: "Output settings")
    var outputOptions: OutputOptions

    @Option(name: .long, help: "Which failed inputs make the exit code 1: new (not failed in the previous run; the default), any or never (config fail_on).")
    var failOn: FailOn?

    @Option(name: .long, help: "Log lines on stderr as human-readable text or JSON (for log shippers; the closing summary is then one JSON line on stdout).")
    var logFormat: LogFormat = .text

    @Flag(name: .long, help: "Also write gov-disclosure.xlsx (config: \"format\": \"xlsx\").")
    var xlsx = false

    @Flag(name: [.long, .short], help: "No progress or informational lines: only failed inputs, errors and (with --log-format json) the closing summary.")
    var quiet = false

    func run() throws {
        let format = logFormat
        let level: Logger.Level = quiet ? .warning : .info
        LoggingSystem.bootstrap { label in
            switch format {
            case .json: return JSONLogHandler(label: label, level: level)
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
        var report = RunReport(json: format == .json, logger: Logger(label: "etl"))
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        func absolute(_ path: String) -> String { URL(fileURLWithPath: path, relativeTo: cwd).standardizedFileURL.path }
        var jobCount: Int?
        if let jobs {
            let range = 1...PipelineConfig.jobsRange.upperBound
            guard let n = Int(jobs), range.contains(n) else {
                report.fail("--jobs must be \(range.lowerBound) to \(range.upperBound), not \(jobs)", .usage)
            }
            jobCount = n
        }
        var shardOption: Shard?
        if let shard {
            guard let parsed = Shard(shard) else { report.fail("--shard must be K/N with 0 ≤ K < N", .usage) }
            shardOption = parsed
        }
        let settings: PipelineConfig
        do {
            settings = try PipelineConfig.load(path: config) { settings in
                if let input { settings.input = absolute(input) }
                if let output { settings.output = absolute(output) }
                if let jobCount { settings.jobs = jobCount }
                if let failOn { settings.failOn = failOn }
                if xlsx { settings.format = .xlsx }
                outputOptions.apply(to: &settings)
            }
        } catch {
            report.fail(error.description, .usage)
        }

        let runner = PipelineRunner(config: settings, options: .init(full: full, shard: shardOption, allowShrink: allowShrink), logger: report.logger)
        report.runID = runner.runID
        let signals = SignalWatcher(stop: runner.stopRequest, logger: report.logger)
        let progress = ProgressReporter(enabled: !quiet, json: format == .json, logger: report.logger)
        runner.onProgress = progress.update

        let summary: PipelineRunner.Summary
        do {
            summary = try runner.run()
        } catch {
            progress.finish()
            switch error {
            case .configuration(let message): report.fail(message, .usage)
            case .locked(let message): report.fail(message, .locked)
            case .io(let message): report.fail(message, .fatalIO)
            case .interrupted: report.fail(error.description, .interrupted)
            case .tooManyFailures(let message), .shrunk(let message): report.fail(message, .someInputsFailed)
            }
        }
        progress.finish()
        withExtendedLifetime(signals) {}
        let failing = settings.failOn.exitsWithFailure(failed: summary.counts.failed, new: summary.newFailures)
        let status: ExitStatus = failing ? .someInputsFailed : .success
        report.finished(summary, status: status, quiet: quiet)
        if status != .success { throw ExitCode(status.rawValue) }
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
