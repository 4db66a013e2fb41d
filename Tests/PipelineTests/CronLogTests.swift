import Foundation
@testable import Pipeline
import Testing

/// The README's cron line (`--quiet --log-format json`), through the binary: failed inputs are
/// logged one line each, the summary is one JSON line on stdout, every line carries the run id,
/// and `fail_on` decides which failures make the exit code 1.
@Suite(.serialized) struct CronLogTests {
    typealias Workspace = NightlyTests.Workspace

    struct Outcome {
        var status: Int32
        var summary: [String: Any]
        var logLines: [[String: Any]]
    }

    func cronRun(_ ws: Workspace, _ extra: [String] = []) throws -> Outcome {
        let r = try ws.run(["--quiet", "--log-format", "json"] + extra)
        let stdout = r.stdout.split(separator: "\n")
        #expect(stdout.count == 1, "one summary line on stdout, nothing else: \(r.stdout)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data((stdout.first ?? "").utf8)) as? [String: Any])
        let logLines = try r.stderr.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], "a JSON line: \($0)")
        }
        return Outcome(status: r.status, summary: summary, logLines: logLines)
    }

    func manifestRunID(_ ws: Workspace) throws -> String {
        let data = try Data(contentsOf: ws.output.appendingPathComponent("manifest.json"))
        return try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["run_id"] as? String)
    }

    @Test func failuresAreLoggedAndOnlyNewOnesFailTheRun() throws {
        let ws = try Workspace()
        try Data().write(to: ws.input.appendingPathComponent("empty.txt"))

        let first = try cronRun(ws)
        #expect(first.status == 1, "a failure the previous run did not have")
        let runID = try manifestRunID(ws)
        #expect(first.summary["run_id"] as? String == runID)
        #expect(first.summary["message"] as? String == "run finished")
        #expect(first.summary["failed"] as? Int == 1, "a JSON number")
        #expect(first.summary["new_failures"] as? Int == 1)
        #expect(first.summary["ok"] as? Int == 5)
        #expect(first.summary["exit_code"] as? Int == 1)
        #expect(first.summary["seconds"] is Double || first.summary["seconds"] is Int)
        #expect(first.logLines.count == 1, "--quiet: the failed input only: \(first.logLines)")
        let line = try #require(first.logLines.first)
        #expect(line["level"] as? String == "warning")
        #expect((line["path"] as? String)?.hasSuffix("empty.txt") == true)
        #expect(line["stage"] as? String == "ingest")
        #expect(line["code"] as? String == "empty_file")
        #expect(line["run_id"] as? String == runID)

        // Same inputs: outputs kept, the old failure logged again, but not new: exit 0.
        let second = try cronRun(ws)
        #expect(second.status == 0)
        #expect(second.summary["failed"] as? Int == 1)
        #expect(second.summary["new_failures"] as? Int == 0)
        #expect(second.logLines.count == 1)
        #expect(second.logLines.first?["code"] as? String == "empty_file")
        let secondID = try manifestRunID(ws)
        #expect(secondID != runID)
        #expect(second.summary["run_id"] as? String == secondID && second.logLines.first?["run_id"] as? String == secondID)

        // fail_on any: every failure counts; never: none does.
        #expect(try cronRun(ws, ["--fail-on", "any"]).status == 1)
        #expect(try cronRun(ws, ["--fail-on", "never"]).status == 0)

        // Another good input (a full run, not a kept one) with the same old failure: still not new.
        var seed = try Data(contentsOf: Support.samples.appendingPathComponent(Support.seedNames[0]))
        seed.append(contentsOf: Array("\n9\n".utf8))
        try seed.write(to: ws.input.appendingPathComponent("c9_extra.txt"))
        let third = try cronRun(ws)
        #expect(third.status == 0)
        #expect(third.summary["ok"] as? Int == 6 && third.summary["failed"] as? Int == 1, "\(third.summary)")
        #expect(third.summary["unchanged_from_cache"] as? Int == 6, "the seeds and the empty file")
        #expect(third.summary["new_failures"] as? Int == 0)
        #expect(third.logLines.count == 1)

        // A new bad file: new, exit 1, both logged.
        try Data().write(to: ws.input.appendingPathComponent("empty2.txt"))
        let fourth = try cronRun(ws)
        #expect(fourth.status == 1)
        #expect(fourth.summary["new_failures"] as? Int == 1)
        #expect(fourth.summary["failed"] as? Int == 2)
        #expect(fourth.logLines.contains { ($0["path"] as? String)?.hasSuffix("empty2.txt") == true })
        #expect(fourth.logLines.contains { ($0["path"] as? String)?.hasSuffix("empty.txt") == true })
    }

    @Test func fatalErrorsStillEndWithOneSummaryLine() throws {
        let ws = try Workspace()
        try FileManager.default.removeItem(at: ws.input)
        let r = try cronRun(ws)
        #expect(r.status == 2)
        #expect(r.summary["message"] as? String == "run failed")
        #expect(r.summary["exit_code"] as? Int == 2)
        #expect((r.summary["error"] as? String)?.contains("input folder not found") == true)
        #expect(r.logLines.count == 1 && r.logLines.first?["level"] as? String == "error")
        #expect(r.summary["run_id"] != nil && r.summary["run_id"] as? String == r.logLines.first?["run_id"] as? String)
    }

    /// Without --quiet too: every stderr line is JSON with the run id, counts are numbers.
    @Test func everyJSONLineCarriesTheRunID() throws {
        let ws = try Workspace()
        let r = try cronRun(ws)
        #expect(r.logLines.isEmpty, "--quiet: a clean run logs nothing")
        let loud = try ws.run(["--log-format", "json", "--full"])
        let runID = try manifestRunID(ws)
        let lines = try loud.stderr.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], "\($0)")
        }
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0["run_id"] as? String == runID }, "\(loud.stderr)")
        #expect(lines.first { $0["message"] as? String == "found input files" }?["count"] as? Int == 5)
        #expect(loud.stdout.split(separator: "\n").count == 1 && loud.stdout.contains("\"run_id\":\"\(runID)\""))
    }

    /// A usage error under the cron line's flags: also one JSON error line and one summary line.
    @Test func usageErrorsInJSONModeAreJSON() throws {
        let ws = try Workspace()
        let r = try ws.run(["--quiet", "--log-format", "json", "--jobs", "many"])
        #expect(r.status == 2)
        let summary = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(summary?["exit_code"] as? Int == 2)
        #expect((summary?["error"] as? String)?.contains("--jobs must be 1 to 1024, not many") == true)
        let bogus = try ws.run(["--quiet", "--log-format", "json", "--bogus"])
        #expect(bogus.status == 2)
        let parsed = try JSONSerialization.jsonObject(with: Data(bogus.stdout.utf8)) as? [String: Any]
        #expect((parsed?["error"] as? String)?.contains("Unknown option '--bogus'") == true)
        let log = try JSONSerialization.jsonObject(with: Data(bogus.stderr.utf8)) as? [String: Any]
        #expect(log?["level"] as? String == "error")
    }

    /// Text mode: the summary once (stdout), not again as a log line; --quiet keeps failures.
    @Test func textSummaryIsPrintedOnce() throws {
        let ws = try Workspace()
        try Data().write(to: ws.input.appendingPathComponent("empty.txt"))
        let r = try ws.run()
        #expect(r.stdout.components(separatedBy: "6 files:").count == 2, "\(r.stdout)")
        #expect(r.stdout.contains("1 failed (1 new)"))
        #expect(!r.stderr.contains("run finished"))
        #expect(r.stderr.contains("input failed"))
        let quiet = try ws.run(["--quiet"])
        #expect(quiet.stdout.isEmpty)
        #expect(quiet.stderr.split(separator: "\n").count == 1 && quiet.stderr.contains("empty_file"))
    }
}

@Suite struct FailOnSettingTests {
    /// fail_on and opencc_data change no output byte: a run with another value keeps the outputs
    /// (the digest the unchanged-run check compares stays the same).
    @Test func exitSettingsAreNotPartOfTheOutputDigest() throws {
        var config = PipelineConfig(input: "/in", output: "/out")
        let before = config.canonicalJSON
        config.failOn = .never
        config.openccData = "/opt/etl/share/gov-disclosure-etl/opencc"
        #expect(config.canonicalJSON == before)
        config.zstdLevel = 5
        #expect(config.canonicalJSON != before, "a setting that changes the bytes does change it")
    }

    @Test func failOnDecidesTheExitCode() {
        #expect(FailOn.new.exitsWithFailure(failed: 3, new: 0) == false)
        #expect(FailOn.new.exitsWithFailure(failed: 3, new: 1) == true)
        #expect(FailOn.any.exitsWithFailure(failed: 3, new: 0) == true)
        #expect(FailOn.any.exitsWithFailure(failed: 0, new: 0) == false)
        #expect(FailOn.never.exitsWithFailure(failed: 3, new: 3) == false)
    }
}

@Suite struct ProgressEstimateTests {
    typealias Progress = PipelineRunner.Progress

    /// The first files alone (and the time spent hashing before them) gave "9:23" for a 9 s run.
    @Test func noEstimateFromTheFirstFiles() throws {
        var estimate = ProgressEstimate()
        // Hashing took 2 s; then one small file every 0.05 s of 100 equal files.
        #expect(estimate.secondsLeft(after: Progress(done: 1, total: 100, bytesDone: 1000, seconds: 2.0, totalBytes: 100_000)) == nil)
        for i in 2..<21 {
            #expect(estimate.secondsLeft(after: Progress(done: i, total: 100, bytesDone: i * 1000, seconds: 2.0 + Double(i - 1) * 0.05,
                                                         totalBytes: 100_000)) == nil, "file \(i): too early")
        }
        let next = estimate.secondsLeft(after: Progress(done: 21, total: 100, bytesDone: 21_000, seconds: 3.0, totalBytes: 100_000))
        let eta = try #require(next)
        #expect(abs(eta - 79 * 0.05) < 0.01, "79 files of 0.05 s left, not counting the hashing: \(eta)")
    }

    /// Files differ in size: the estimate follows bytes.
    @Test func estimateFollowsBytes() throws {
        var estimate = ProgressEstimate()
        _ = estimate.secondsLeft(after: Progress(done: 1, total: 10, bytesDone: 1_000_000, seconds: 0.1, totalBytes: 11_000_000))
        // 1 MB/s after 4 s; 4 of 10 files done but 6 MB of 11 MB still to go.
        let later = estimate.secondsLeft(after: Progress(done: 4, total: 10, bytesDone: 5_000_000, seconds: 4.1, totalBytes: 11_000_000))
        let eta = try #require(later)
        #expect(abs(eta - 6.0) < 0.001)
    }
}
