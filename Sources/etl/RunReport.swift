import Foundation
import Logging
import Pipeline

/// What `etl run` says at the end: in text, two lines on stdout (unless --quiet); in JSON, always
/// exactly one line on stdout, the summary, whatever happened (fatal errors included), carrying
/// the `run_id` and numbers as JSON numbers. Errors also go to stderr, as a log line.
struct RunReport {
    let json: Bool
    var logger: Logger
    /// Set once the runner exists; before that (usage errors) the summary has none.
    var runID: String? {
        didSet { logger[metadataKey: "run_id"] = runID.map { "\($0)" } }
    }

    init(json: Bool, logger: Logger) {
        self.json = json
        self.logger = logger
    }

    func finished(_ summary: PipelineRunner.Summary, status: ExitStatus, quiet: Bool) {
        let c = summary.counts
        let mbPerSecond = summary.seconds > 0 ? Double(summary.inputBytes) / 1_000_000 / summary.seconds : 0
        if json {
            emit("run finished", status: status, level: .info, fields: [
                "files": c.files, "ok": c.ok, "partial": c.partial, "failed": c.failed, "new_failures": summary.newFailures,
                "unchanged_from_cache": c.unchanged, "error_rows": c.errorRows, "skipped_by_patterns": c.skippedByPatterns,
                "seconds": (summary.seconds * 1000).rounded() / 1000, "mb_per_s": (mbPerSecond * 10).rounded() / 10,
                "input_bytes": summary.inputBytes, "output": summary.outputFolder,
            ])
        } else if !quiet {
            let failed = c.failed > 0 ? "\(c.failed) failed (\(summary.newFailures) new)" : "0 failed"
            print("outputs: \(summary.outputFolder)")
            print(String(
                format: "%d files: %d ok, %d partial, %@, %d unchanged (from cache); %d error rows; %d skipped by the patterns; %.2f s (%.1f MB/s)",
                c.files, c.ok, c.partial, failed, c.unchanged, c.errorRows, c.skippedByPatterns, summary.seconds, mbPerSecond))
        }
    }

    /// A run that cannot finish: the message on stderr (a log line in JSON mode), then in JSON
    /// mode the summary line; exits with `status`.
    func fail(_ message: String, _ status: ExitStatus) -> Never {
        if json {
            logger.error("\(message)")
            emit("run failed", status: status, level: .error, fields: ["error": message])
        } else {
            FileHandle.standardError.write(Data("etl: \(message)\n".utf8))
        }
        Foundation.exit(status.rawValue)
    }

    private func emit(_ message: String, status: ExitStatus, level: Logger.Level, fields: [String: Any]) {
        Self.emitSummary(message, status: status, level: level, fields: fields, runID: runID)
    }

    /// The summary line on stdout.
    static func emitSummary(_ message: String, status: ExitStatus, level: Logger.Level, fields: [String: Any], runID: String?) {
        var object = fields
        object["exit_code"] = Int(status.rawValue)
        if let runID { object["run_id"] = runID }
        var line = JSONLogHandler.line(level: level, label: "etl", message: message, fields: object)
        line.append(10)
        FileHandle.standardOutput.write(line)
    }
}
