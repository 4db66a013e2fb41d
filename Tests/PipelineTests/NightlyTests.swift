import Foundation
import Output
import Pipeline
import Testing

/// Nightly-cron behaviour, through the built `etl` binary: incremental runs, crash safety,
/// locking, exit codes, bad inputs.
@Suite(.serialized) struct NightlyTests {
    struct Workspace {
        let root: URL
        var input: URL { root.appendingPathComponent("in") }
        var output: URL { root.appendingPathComponent("out") }
        var config: URL { root.appendingPathComponent("pipeline.json") }

        init(copies: Int = 1) throws {
            root = try Support.temporaryFolder("nightly")
            let fm = FileManager.default
            try fm.createDirectory(at: input, withIntermediateDirectories: true)
            for copy in 0..<copies {
                for name in Support.seedNames {
                    var data = try Data(contentsOf: Support.samples.appendingPathComponent(name))
                    // Distinct bytes per copy: a different report each, not duplicates.
                    if copy > 0 { data.append(contentsOf: Array("\n\(copy)\n".utf8)) }
                    try data.write(to: input.appendingPathComponent("c\(copy)_\(name)"))
                }
            }
            try Data(#"{"input": "in", "output": "out", "jobs": 2}"#.utf8).write(to: config)
        }

        @discardableResult
        func run(_ extra: [String] = []) throws -> (status: Int32, stdout: String, stderr: String) {
            try Support.shell([Support.etlBinary.path, "run", "--config", config.path] + extra)
        }

        /// Decompressed bytes of every CSV, by file name.
        func outputs() throws -> [String: Data] {
            var result: [String: Data] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: output.path) where name.hasSuffix(".zst") {
                result[name] = Data(try Support.shell(["zstd", "-dc", output.appendingPathComponent(name).path]).stdout.utf8)
            }
            return result
        }

        /// The output folder is complete: a manifest whose hashes match the files.
        func outputIsComplete() throws -> Bool {
            let manifestURL = output.appendingPathComponent("manifest.json")
            guard let data = FileManager.default.contents(atPath: manifestURL.path),
                  let manifest = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let files = manifest["outputs"] as? [[String: Any]] else { return false }
            for entry in files {
                let sum = try Support.shell(["sha256sum", output.appendingPathComponent(entry["file"] as! String).path])
                guard sum.status == 0, sum.stdout.hasPrefix(entry["sha256"] as! String) else { return false }
            }
            // The tables, and dictionary.csv, datapackage.json and report.html.
            return files.count == OutputFile.allCases.count + 3
        }
    }

    init() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Support.etlBinary.path))
    }

    @Test func secondRunSkipsEverythingAndWritesTheSameBytes() throws {
        let ws = try Workspace()
        let first = try ws.run()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("0 unchanged"))
        let before = try ws.outputs()
        let second = try ws.run()
        #expect(second.stdout.contains("5 unchanged (from cache)"))
        #expect(try ws.outputs() == before)
        let full = try ws.run(["--full"])
        #expect(full.stdout.contains("0 unchanged"))
        #expect(try ws.outputs() == before)
    }

    @Test func unchangedInputsKeepTheOutputFilesAsTheyAre() throws {
        let ws = try Workspace()
        try ws.run()
        let before = try ws.outputs()
        let reportsFile = ws.output.appendingPathComponent("reports.csv.zst").path
        func inode() throws -> Int { try FileManager.default.attributesOfItem(atPath: reportsFile)[.systemFileNumber] as! Int }
        func manifest() throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(contentsOf: ws.output.appendingPathComponent("manifest.json"))) as! [String: Any]
        }
        let firstInode = try inode()
        let first = try manifest()
        // Another --jobs is no change: the outputs stay, a new manifest records the run.
        let second = try ws.run(["--jobs", "1"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("5 unchanged"))
        #expect(try inode() == firstInode)
        let kept = try manifest()
        #expect(kept["run_id"] as? String != first["run_id"] as? String)
        #expect(kept["inputs_digest"] as? String == first["inputs_digest"] as? String)
        #expect((kept["inputs_digest"] as? String)?.count == 64)
        #expect(try ws.outputIsComplete())
        #expect(try ws.outputs() == before)

        // An output damaged since is not kept: the run writes the files again.
        var damaged = try Data(contentsOf: URL(fileURLWithPath: reportsFile))
        damaged[damaged.count / 2] ^= 0xFF
        try damaged.write(to: URL(fileURLWithPath: reportsFile))
        #expect(try ws.run().status == 0)
        #expect(try inode() != firstInode)
        #expect(try ws.outputIsComplete())
        #expect(try ws.outputs() == before)

        // Other settings are a change too.
        let keptInode = try inode()
        try Data(#"{"input": "in", "output": "out", "jobs": 2, "zstd_level": 5}"#.utf8).write(to: ws.config)
        #expect(try ws.run().status == 0)
        #expect(try inode() != keptInode)
        #expect(try manifest()["inputs_digest"] as? String != first["inputs_digest"] as? String)
        #expect(try ws.outputs() == before)
    }

    @Test func changedAndDeletedFilesAreHandled() throws {
        let ws = try Workspace()
        try ws.run()
        let names = Support.seedNames.map { "c0_" + $0 }
        // Change one (a different agency), delete another.
        let changed = ws.input.appendingPathComponent(names[0])
        let text = try String(contentsOf: changed, encoding: .utf8).replacingOccurrences(of: "托里县", with: "裕民县")
        try Data(text.utf8).write(to: changed)
        try FileManager.default.removeItem(at: ws.input.appendingPathComponent(names[1]))
        let rerun = try ws.run()
        #expect(rerun.stdout.contains("4 files"))
        #expect(rerun.stdout.contains("3 unchanged"))
        let incremental = try ws.outputs()
        let reports = String(decoding: incremental["reports.csv.zst"]!, as: UTF8.self)
        #expect(reports.contains("裕民县人民政府"))
        #expect(!reports.contains("托里县人民政府"))
        #expect(!reports.contains(names[1]))
        // Identical to a full run's bytes.
        try ws.run(["--full"])
        #expect(try ws.outputs() == incremental)
    }

    @Test func aKilledRunNeverLeavesABrokenOutputFolder() throws {
        let ws = try Workspace(copies: 40)
        try ws.run(["--full"])
        let good = try ws.outputs()
        #expect(try ws.outputIsComplete())
        for delay in [0.05, 0.2, 0.5, 1.0] {
            let process = Process()
            process.executableURL = Support.etlBinary
            process.arguments = ["run", "--config", ws.config.path, "--full", "--quiet"]
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(try ws.outputIsComplete(), "after SIGKILL at \(delay) s")
            #expect(try ws.outputs() == good)
            // The next run succeeds (the lock of the dead run is taken over) and gives the same bytes.
            let next = try ws.run()
            #expect(next.status == 0, "\(next.stderr)")
            #expect(try ws.outputs() == good)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: ws.root.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test func aSecondRunIsRefusedWhileTheLockIsHeld() throws {
        let ws = try Workspace()
        let lockPath = ws.root.appendingPathComponent(".out.lock").path
        let fd = open(lockPath, O_RDWR | O_CREAT, 0o644)
        #expect(flock(fd, LOCK_EX) == 0)
        _ = "424242\n".withCString { write(fd, $0, strlen($0)) }
        let refused = try ws.run()
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("another run"))
        flock(fd, LOCK_UN)
        close(fd)
        // A lock file left by a dead process (no flock held) is taken over.
        let next = try ws.run()
        #expect(next.status == 0)
    }

    @Test func sigtermStopsCleanly() throws {
        let ws = try Workspace(copies: 40)
        try ws.run(["--full"])
        let good = try ws.outputs()
        let process = Process()
        process.executableURL = Support.etlBinary
        process.arguments = ["run", "--config", ws.config.path, "--full", "--quiet", "--jobs", "1"]
        let err = Pipe()
        process.standardError = err
        try process.run()
        Thread.sleep(forTimeInterval: 0.3)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        if process.terminationStatus != 0 {  // the run may finish before the signal on a fast machine
            #expect(process.terminationStatus == 130)
            #expect(stderr.contains("stopped by signal"))
        }
        #expect(try ws.outputs() == good)
    }

    @Test func badInputsAreErrorRowsAndTheRunGoesOn() throws {
        let ws = try Workspace()
        let fm = FileManager.default
        try Data().write(to: ws.input.appendingPathComponent("empty.txt"))
        try Data((0..<4096).map { UInt8($0 % 256) }).write(to: ws.input.appendingPathComponent("binary.txt"))
        // Truncated multibyte text: a seed cut inside a character.
        let seed = try Data(contentsOf: Support.samples.appendingPathComponent(Support.seedNames[0]))
        try seed.prefix(1001).write(to: ws.input.appendingPathComponent("truncated.txt"))
        // A 100 MB file (sparse), larger than max_file_mb.
        let big = ws.input.appendingPathComponent("huge.txt")
        _ = fm.createFile(atPath: big.path, contents: nil)
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: 100 << 20)
        try handle.close()
        try fm.createSymbolicLink(atPath: ws.input.appendingPathComponent("broken.txt").path, withDestinationPath: "nowhere.txt")
        try fm.createSymbolicLink(atPath: ws.input.appendingPathComponent("loop.txt").path, withDestinationPath: "loop.txt")
        try fm.createSymbolicLink(atPath: ws.input.appendingPathComponent("parent").path, withDestinationPath: "..")
        #expect(mkfifo(ws.input.appendingPathComponent("pipe.txt").path, 0o644) == 0)
        // A file name that is not UTF-8.
        let oddName = ws.input.path + "/bad-\u{0}.txt"
        var raw = Array(oddName.utf8)
        raw[raw.firstIndex(of: 0)!] = 0xB5
        let fd = open(raw.map { CChar(bitPattern: $0) } + [0], O_WRONLY | O_CREAT, 0o644)
        _ = seed.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)

        let result = try ws.run()
        #expect(result.status == 1, "some inputs failed: exit code 1")
        #expect(try ws.outputIsComplete())
        let errors = String(decoding: try ws.outputs()["errors.csv.zst"]!, as: UTF8.self)
        for (path, code) in [("empty.txt", "empty_file"), ("binary.txt", "binary_file"), ("huge.txt", "too_large"),
                             ("broken.txt", "broken_symlink"), ("loop.txt", "broken_symlink"), ("pipe.txt", "not_a_file")] {
            #expect(errors.contains("\(path),ingest,\(code),"), "\(path) → \(code)")
        }
        let reports = String(decoding: try ws.outputs()["reports.csv.zst"]!, as: UTF8.self)
        #expect(reports.contains(#"bad-\xb5.txt"#), "a name that is not UTF-8, its byte escaped")
        #expect(reports.contains("truncated.txt"))
        // The five seeds and the copy under the odd name are still all there and ok.
        let inputs = String(decoding: try ws.outputs()["inputs.csv.zst"]!, as: UTF8.self)
        #expect(inputs.split(separator: "\n").filter { $0.hasSuffix(",ok") }.count >= 6)
    }

    @Test func tooManyFailuresKeepThePreviousOutputs() throws {
        let ws = try Workspace()
        try ws.run()
        let good = try ws.outputs()
        for i in 0..<6 { try Data().write(to: ws.input.appendingPathComponent("empty\(i).txt")) }
        try Data(#"{"input": "in", "output": "out", "max_failed_fraction": 0.25}"#.utf8).write(to: ws.config)
        let result = try ws.run()
        #expect(result.status == 1)
        #expect(result.stderr.contains("max_failed_fraction"))
        #expect(try ws.outputs() == good)
    }
}
