import Foundation
import Output
import Pipeline
import Testing

/// The driver end to end: folders, parallelism, bad inputs, the files users load.
@Suite(.serialized) struct RunTests {
    /// The seeds in nested folders, plus inputs that cannot be read as reports.
    static func makeInputFolder() throws -> URL {
        let root = try Support.temporaryFolder("input")
        let fm = FileManager.default
        for (i, name) in Support.seedNames.enumerated() {
            let folder = root.appendingPathComponent(i % 2 == 0 ? "2021" : "2023/county")
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
            try fm.copyItem(at: Support.samples.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        try Data().write(to: root.appendingPathComponent("empty.txt"))
        try Data([0x00, 0x01, 0xFF, 0x00, 0x42]).write(to: root.appendingPathComponent("binary.txt"))
        try Data("404 Not Found\n页面不存在".utf8).write(to: root.appendingPathComponent("404.html"))
        try Data("not an input".utf8).write(to: root.appendingPathComponent("notes.rtf"))
        // A second copy of a seed: one report row more, no second set of table rows.
        try fm.copyItem(at: Support.samples.appendingPathComponent(Support.seedNames[0]),
                        to: root.appendingPathComponent("copy-of-first.txt"))
        return root
    }

    static func run(input: URL, jobs: Int) throws -> URL {
        let out = try Support.temporaryFolder("out-\(jobs)").appendingPathComponent("out")
        var config = PipelineConfig(input: input.path, output: out.path)
        config.jobs = jobs
        _ = try PipelineRunner(config: config).run()
        return out
    }

    static func csv(_ folder: URL, _ name: String) throws -> [[String: String]] {
        let script = """
            import csv, io, json, subprocess, sys
            raw = subprocess.run(["zstd", "-dc", sys.argv[1]], check=True, capture_output=True).stdout
            rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
            print(json.dumps(rows, ensure_ascii=False))
            """
        let result = try Support.shell(["python3", "-c", script, folder.appendingPathComponent(name + ".csv.zst").path])
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: String]]
    }

    @Test func outputsAreIdenticalWhateverTheJobs() throws {
        let input = try Self.makeInputFolder()
        let one = try Self.run(input: input, jobs: 1)
        let four = try Self.run(input: input, jobs: 4)
        let files = try FileManager.default.contentsOfDirectory(atPath: one.path).sorted()
        #expect(files.contains("manifest.json"))
        #expect(files == (try FileManager.default.contentsOfDirectory(atPath: four.path).sorted()))
        for file in files where file != "manifest.json" && file != "report.html" {  // (both record the run's times)
            let a = try Data(contentsOf: one.appendingPathComponent(file))
            let b = try Data(contentsOf: four.appendingPathComponent(file))
            #expect(a == b, "\(file) differs between --jobs 1 and --jobs 4")
            #expect(!a.isEmpty)
        }
    }

    @Test func badInputsBecomeErrorRowsAndTheRunGoesOn() throws {
        let out = try Self.run(input: try Self.makeInputFolder(), jobs: 2)
        let reports = try Self.csv(out, "reports")
        #expect(reports.count == 8)  // 5 seeds, empty, binary, 404 page (the copy is in inputs); the .rtf is not an input
        let byPath = Dictionary(uniqueKeysWithValues: reports.map { ($0["source_path"]!, $0) })
        #expect(byPath["empty.txt"]?["status"] == "failed")
        #expect(byPath["binary.txt"]?["status"] == "failed")
        #expect(byPath["404.html"]?["status"] == "failed")
        let errors = try Self.csv(out, "errors")
        let codes = Dictionary(errors.map { ($0["source_path"]!, [$0["code"]!]) }, uniquingKeysWith: +)
        #expect(codes["empty.txt"] == ["empty_file"])
        #expect(codes["binary.txt"] == ["binary_file"])
        #expect(codes["404.html"] == ["not_a_report"])
        // Reports are sorted by report_id, and table rows are written once per content.
        let ids = reports.map { $0["report_id"]! }
        #expect(ids == ids.sorted())
        let applications = try Self.csv(out, "applications")
        #expect(applications.count == (25 + 23 + 24 + 25 + 25) * 7)
    }

    @Test func filesParseWithChineseTextIntact() throws {
        let out = try Self.run(input: Support.samples, jobs: 2)
        let reports = try Self.csv(out, "reports")
        #expect(Set(reports.compactMap { $0["agency"] }).contains("江夏区人民政府"))
        #expect(reports.allSatisfy { $0["status"] == "ok" })
        let sections = try Self.csv(out, "sections")
        #expect(sections.count == 6 * 7, "the five seeds and the PDF, each with its preamble and six sections")
        #expect(sections.contains { $0["title"] == "三、行政机关收到和处理政府信息公开申请情况" })
        // Multi-line text with commas and quotes survives the CSV round trip.
        let overview = try #require(sections.first { $0["section_key"] == "overview" && $0["text"]!.contains("\n") })
        #expect(Int(overview["char_count"]!) == overview["text"]!.unicodeScalars.count)
        let active = try Self.csv(out, "active_disclosure")
        #expect(active.contains { $0["value"] == "668.57" && $0["unit"] == "10k_yuan" && $0["item_label"] == "行政事业性收费" })
        let checks = try Self.csv(out, "checks")
        #expect(!checks.isEmpty && checks.allSatisfy { $0["passed"] == "true" })
        let zstdTest = try Support.shell(["zstd", "-t", out.appendingPathComponent("applications.csv.zst").path])
        #expect(zstdTest.status == 0)
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("manifest.json"))) as! [String: Any]
        let outputs = manifest["outputs"] as! [[String: Any]]
        #expect(outputs.count == OutputFile.allCases.count + 3, "the tables, dictionary.csv, datapackage.json and report.html")
        for entry in outputs {
            let sum = try Support.shell(["sha256sum", out.appendingPathComponent(entry["file"] as! String).path])
            #expect(sum.stdout.hasPrefix(entry["sha256"] as! String))
        }
    }

    @Test func aRerunReplacesTheOutputFolderWhole() throws {
        let out = try Self.run(input: Support.samples, jobs: 1)
        try Data("stale".utf8).write(to: out.appendingPathComponent("stale.csv"))
        var config = PipelineConfig(input: Support.samples.path, output: out.path)
        config.jobs = 1
        _ = try PipelineRunner(config: config).run()
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(!names.contains("stale.csv"))
        let siblings = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)
        #expect(siblings.sorted() == [".out.cache", ".out.lock", "out"], "no staging or previous folder is left behind")
    }
}

/// `--shard K/N` and `etl merge`: N shards together equal one full run; the dataset layout.
@Suite(.serialized) struct ShardTests {
    @Test func shardsMergedEqualOneFullRun() throws {
        let input = try RunTests.makeInputFolder()
        // The copy under a name that lands in another shard than the first seed (shard 2 of 3,
        // the seed in shard 1) and comes first in report order: the merge keeps its reports row.
        try FileManager.default.moveItem(at: input.appendingPathComponent("copy-of-first.txt"),
                                         to: input.appendingPathComponent("0-copy-0.txt"))
        let root = try Support.temporaryFolder("shards")
        var config = PipelineConfig(input: input.path, output: root.appendingPathComponent("out").path)
        config.jobs = 2
        var seen = 0
        for k in 0..<3 {
            let summary = try PipelineRunner(config: config, options: .init(full: true, shard: Shard(index: k, count: 3))).run()
            seen += summary.counts.files
        }
        #expect(seen == 9, "every input is in exactly one shard")
        let shards = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("out").path)
            .filter { $0.hasPrefix("shard-") }.sorted().map { root.appendingPathComponent("out/\($0)") }
        #expect(shards.count == 3)
        let merged = root.appendingPathComponent("merged")
        _ = try ShardMerger.merge(shards: shards, into: merged)
        let full = try RunTests.run(input: input, jobs: 2)
        for file in try FileManager.default.contentsOfDirectory(atPath: full.path) where file.hasSuffix(".zst") {
            let a = try Support.shell(["zstd", "-dc", full.appendingPathComponent(file).path]).stdout
            let b = try Support.shell(["zstd", "-dc", merged.appendingPathComponent(file).path]).stdout
            #expect(a == b, "\(file) differs between the merged shards and a full run")
            #expect(!a.isEmpty)
        }
    }

    @Test func eachShardKeepsItsCache() throws {
        let input = try RunTests.makeInputFolder()
        let root = try Support.temporaryFolder("shard-cache")
        var config = PipelineConfig(input: input.path, output: root.appendingPathComponent("out").path)
        config.jobs = 2
        func runShards() throws -> [PipelineRunner.Summary] {
            try (0..<2).map { try PipelineRunner(config: config, options: .init(shard: Shard(index: $0, count: 2))).run() }
        }
        let first = try runShards()
        // (The folder has a copy of a file: its worker may find the entry the original's worker
        // stored a moment before.)
        #expect(first.allSatisfy { $0.counts.files > 0 && $0.counts.unchanged <= 1 })
        // A new file: the shard it lands in runs from its cache, the other keeps its outputs.
        try Data(try Data(contentsOf: Support.samples.appendingPathComponent(Support.seedNames[0])) + Data("\n附\n".utf8))
            .write(to: input.appendingPathComponent("new.txt"))
        let second = try runShards()
        for (a, b) in zip(first, second) {
            #expect(b.counts.unchanged >= a.counts.files - 1, "\(b.counts.unchanged) of \(b.counts.files) from the shard's cache")
        }
        // A run of the whole corpus may use the configured folder, beside the shards' caches, and
        // leaves them be.
        var whole = PipelineConfig(input: input.path, output: root.appendingPathComponent("whole").path)
        whole.cache = root.appendingPathComponent(".out.cache").path
        #expect(try PipelineRunner(config: whole).run().counts.files == first.reduce(0) { $0 + $1.counts.files } + 1)
        try Data("\n".utf8).write(to: input.appendingPathComponent("new.txt"), options: .atomic)
        let third = try runShards()
        #expect(third.reduce(0) { $0 + $1.counts.unchanged } >= third.reduce(0) { $0 + $1.counts.files } - 1)
    }

    @Test func datasetLayoutPartitionsByReportYear() throws {
        let root = try Support.temporaryFolder("dataset")
        var config = PipelineConfig(input: Support.samples.path, output: root.appendingPathComponent("out").path)
        config.layout = .dataset
        _ = try PipelineRunner(config: config).run()
        let apps = root.appendingPathComponent("out/applications")
        let partitions = try FileManager.default.contentsOfDirectory(atPath: apps.path).sorted()
        #expect(partitions == ["report_year=2021", "report_year=2023", "report_year=2024", "report_year=__HIVE_DEFAULT_PARTITION__"])
        let rows2021 = try Support.shell(["zstd", "-dc", apps.appendingPathComponent("report_year=2021/part-00000.csv.zst").path]).stdout
        #expect(rows2021.split(separator: "\n").count == 1 + (24 + 23 + 25) * 7)  // seeds 000, 001, 004
        let reports = try Support.shell(["zstd", "-dc", root.appendingPathComponent("out/reports/report_year=2023/part-00000.csv.zst").path]).stdout
        #expect(!reports.split(separator: "\n")[0].contains("report_year"), "the partition column lives in the path")
        #expect(reports.contains("蘑菇气镇人民政府"))
    }
}
