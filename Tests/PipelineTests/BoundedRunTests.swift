import Foundation
import Pipeline
import Testing

/// One page cannot stall or exhaust a run, through the built `etl` binary: numbers in the config
/// are range-checked, a file out of time is an error row, SIGTERM does not wait for a stuck file,
/// and a corpus of hostile inputs runs in bounded time and memory.
@Suite(.serialized) struct BoundedRunTests {
    typealias Workspace = NightlyTests.Workspace

    init() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Support.etlBinary.path))
    }

    /// A page within the work limits that the HTML walk still takes seconds over: tables nested
    /// 30 deep, each cell holding `paragraphs` paragraphs before the next table (every level's
    /// cell text is the whole page below it).
    static func slowPage(paragraphs: Int) -> Data {
        let level = "<table><tr><td>" + String(repeating: "<p>本机关公开信息一则</p>", count: paragraphs)
        return Data(("<html><body>" + String(repeating: level, count: 30) + "x"
            + String(repeating: "</td></tr></table>", count: 30) + "</body></html>").utf8)
    }

    // MARK: Numbers in the config

    @Test("every number in the config is range-checked, the message naming the key and the range", arguments: [
        ("jobs", "4611686018427387904", "0 to 1024"), ("jobs", "100000000", "0 to 1024"), ("jobs", "-1", "0 to 1024"),
        ("max_file_mb", "8796093022208", "1 to 1024"), ("max_file_mb", "0", "1 to 1024"),
        ("zstd_level", "23", "1 to 22"), ("max_file_seconds", "0", "1 to 86400"),
        ("max_file_seconds", "9223372036854775807", "1 to 86400"), ("max_failed_fraction", "1.5", "between 0 and 1"),
    ])
    func configRanges(key: String, value: String, range: String) {
        do {
            _ = try PipelineConfig.decode(Data(#"{"input": "a", "output": "b", "\#(key)": \#(value)}"#.utf8))
            Issue.record("\(key) \(value) was accepted")
        } catch {
            #expect(error.description.contains("\"\(key)\""), "\(error)")
            #expect(error.description.contains(range), "\(error)")
        }
    }

    @Test("jobs 2^62 and --jobs 100000000 exit 2 with a message, no crash, no spin")
    func hugeJobsThroughTheBinary() throws {
        let ws = try Workspace()
        try Data(#"{"input": "in", "output": "out", "jobs": 4611686018427387904}"#.utf8).write(to: ws.config)
        let fromConfig = try ws.run()
        #expect(fromConfig.status == 2)
        #expect(fromConfig.stderr.contains("\"jobs\" must be 0 to 1024"), "\(fromConfig.stderr)")
        try Data(#"{"input": "in", "output": "out"}"#.utf8).write(to: ws.config)
        for jobs in ["100000000", "4611686018427387904", "99999999999999999999999", "0", "two"] {
            let fromFlag = try ws.run(["--jobs", jobs])
            #expect(fromFlag.status == 2, "--jobs \(jobs)")
            #expect(fromFlag.stderr.contains("--jobs must be 1 to 1024"), "\(fromFlag.stderr)")
        }
        try Data(#"{"input": "in", "output": "out", "max_file_mb": 8796093022208}"#.utf8).write(to: ws.config)
        let hugeLimit = try ws.run()
        #expect(hugeLimit.status == 2)
        #expect(hugeLimit.stderr.contains("\"max_file_mb\" must be 1 to 1024"))
        #expect(!FileManager.default.fileExists(atPath: ws.output.path))
    }

    // MARK: Time

    @Test("a file still processing after max_file_seconds is a too_complex error, not cached; the run goes on")
    func timeBudget() throws {
        let ws = try Workspace()
        try Self.slowPage(paragraphs: 4_000).write(to: ws.input.appendingPathComponent("slow.html"))
        try Data(#"{"input": "in", "output": "out", "jobs": 2, "max_file_seconds": 1}"#.utf8).write(to: ws.config)
        let started = Date()
        let result = try ws.run()
        #expect(Date().timeIntervalSince(started) < 8)
        #expect(result.status == 1, "\(result.stderr)")
        let outputs = try ws.outputs()
        let errors = String(decoding: outputs["errors.csv.zst"]!, as: UTF8.self)
        #expect(errors.contains("slow.html,ingest,too_complex,still processing after max_file_seconds (1 s): stopped"), "\(errors)")
        let inputs = String(decoding: outputs["inputs.csv.zst"]!, as: UTF8.self)
        #expect(inputs.split(separator: "\n").filter { $0.hasSuffix(",ok") }.count == 5)
        // Out of time depends on the machine: the five seeds are cached, the slow page is not.
        let cache = ws.root.appendingPathComponent(".out.cache")
        let entries = try FileManager.default.subpathsOfDirectory(atPath: cache.path).filter { $0.count == 67 }
        #expect(entries.count == 5, "\(entries)")
    }

    @Test("SIGTERM stops within a second while a worker is stuck on a slow file; the outputs stay, exit 130")
    func sigtermDoesNotWaitForAStuckFile() throws {
        let ws = try Workspace()
        try Data(#"{"input": "in", "output": "out", "jobs": 2, "max_file_seconds": 600}"#.utf8).write(to: ws.config)
        #expect(try ws.run().status == 0)
        let good = try ws.outputs()
        // About 20 s of work in a debug build.
        try Self.slowPage(paragraphs: 8_000).write(to: ws.input.appendingPathComponent("slow.html"))
        let process = Process()
        process.executableURL = Support.etlBinary
        process.arguments = ["run", "--config", ws.config.path, "--full", "--quiet"]
        let err = Pipe()
        process.standardError = err
        try process.run()
        Thread.sleep(forTimeInterval: 2.5)
        let signalled = Date()
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let stopping = Date().timeIntervalSince(signalled)
        #expect(stopping < 1, "stopped \(stopping) s after SIGTERM")
        #expect(process.terminationStatus == 130)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(stderr.contains("stopped by signal 15"), "\(stderr)")
        #expect(try ws.outputIsComplete())
        #expect(try ws.outputs() == good)
    }

    // MARK: A hostile corpus

    @Test("hostile inputs: each gives its error row or flag, the run goes on, in bounded time and memory")
    func hostileCorpus() throws {
        let ws = try Workspace()
        func write(_ name: String, _ data: Data) throws { try data.write(to: ws.input.appendingPathComponent(name)) }
        func write(_ name: String, _ text: String) throws { try write(name, Data(text.utf8)) }
        let seed = try Data(contentsOf: Support.samples.appendingPathComponent(Support.seedNames[3]))
        let seedText = String(decoding: seed, as: UTF8.self)
        let heading = try #require(seedText.range(of: "三、收到和处理政府信息公开申请情况"))
        func seedWith(_ line: String) -> String { String(seedText[..<heading.upperBound]) + "\n" + line + seedText[heading.upperBound...] }

        try write("nested.html", "<html><body>" + String(repeating: "<table><tr><td>", count: 10_000) + "x"
                  + String(repeating: "</td></tr></table>", count: 10_000) + "</body></html>")
        try write("wide.html", "<html><body><table>"
                  + String(repeating: "<tr>" + String(repeating: "<td>1</td>", count: 50_000) + "</tr>\n", count: 24)
                  + "</table></body></html>")
        try write("spans.html", "<html><body><table>" + String(repeating: "<tr><td rowspan=200 colspan=200>1</td></tr>", count: 400)
                  + "</table></body></html>")
        try write("divs.html", "<html><body>" + String(repeating: "<div>", count: 100_000) + "x"
                  + String(repeating: "</div>", count: 100_000) + "</body></html>")
        try write("huge-row.txt", seedWith("| " + Array(repeating: "7", count: 5_000_000).joined(separator: " | ") + " |"))
        try write("many-rows.txt", seedWith(String(repeating: "| 1 | 2 | 3 |\n", count: 150_000)))
        try write("one-line.txt", String(repeating: "本机关公开信息一则。", count: 200_000))
        // The seed and 27 KB more of its last section: long enough for a NUL past the first 8 KiB.
        let padded = seed + Data(String(repeating: "本机关将继续做好政府信息公开工作。\n", count: 500).utf8)
        var early = padded, late = padded
        early.insert(0, at: padded[100...].firstIndex(of: 0x0A)!)
        late.insert(0, at: padded[20_000...].firstIndex(of: 0x0A)!)
        try write("nul-early.txt", early)
        try write("nul-late.txt", late)
        try write("zeros.txt", Data(count: 5_000) + Data("政府信息公开".utf8))
        try write("ascii-head.pdf.txt", Data("%PDF-1.4\n".utf8 + Array(repeating: UInt8(ascii: "a"), count: 9_000)))
        try write("noise.txt", Data((0..<100_000).map { UInt8(truncatingIfNeeded: ($0 &* 1_103_515_245 &+ 12345) >> 16) }))
        try write("surrogates.txt", Data(seedText.utf8) + Data([0xED, 0xA0, 0x80, 0x0A]))

        let timed = try Support.shell(["/usr/bin/time", "-f", "peak-rss-kb %M", Support.etlBinary.path, "run",
                                       "--config", ws.config.path, "--quiet"])
        #expect(timed.status == 1, "\(timed.stderr)")
        let peak = try #require(timed.stderr.split(separator: "\n").last { $0.hasPrefix("peak-rss-kb ") }.flatMap { Int($0.dropFirst(12)) })
        // 20 MB and 12 MB inputs, two at once: the run stays under 300 MB (a 12 MB wide table
        // alone took 511 MB before the limits).
        #expect(peak < 300_000, "peak RSS \(peak) KB")

        let outputs = try ws.outputs()
        let errors = String(decoding: outputs["errors.csv.zst"]!, as: UTF8.self)
        for (path, code) in [("nested.html", "too_complex"), ("wide.html", "too_complex"), ("spans.html", "too_complex"),
                             ("many-rows.txt", "too_complex"), ("huge-row.txt", "oversized_rows"),
                             ("zeros.txt", "binary_file"), ("ascii-head.pdf.txt", "broken_pdf"), ("noise.txt", "binary_file"),
                             ("surrogates.txt", "invalid_bytes")] {
            #expect(errors.contains("\(path),ingest,\(code),"), "\(path) → \(code)")
        }
        let reports = String(decoding: outputs["reports.csv.zst"]!, as: UTF8.self).split(separator: "\n")
        let inputs = String(decoding: outputs["inputs.csv.zst"]!, as: UTF8.self).split(separator: "\n")
        func row(_ path: String) -> Substring? { reports.first { $0.contains(",\(path),") } }
        // `inputs`: source_path, report_id, status.
        func status(_ path: String) -> Substring? { inputs.first { $0.hasPrefix("\(path),") }?.split(separator: ",").last }
        for path in ["huge-row.txt", "nul-early.txt", "nul-late.txt", "surrogates.txt"] + Support.seedNames.map({ "c0_" + $0 }) {
            #expect(status(path) == "ok", "\(path): \(row(path) ?? "no row")")
        }
        #expect(row("huge-row.txt")?.contains("oversized_rows") == true)
        #expect(row("nul-early.txt")?.contains("nul_bytes") == true)
        #expect(row("nul-late.txt")?.contains("nul_bytes") == true)
        #expect(status("nested.html") == "failed")
        let sections = String(decoding: outputs["sections.csv.zst"]!, as: UTF8.self)
        #expect(!sections.contains("\u{0}"))
    }
}
