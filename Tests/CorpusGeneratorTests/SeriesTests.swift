import CorpusGenerator
import Foundation
import Pipeline
import Testing

/// The series corpus through the whole pipeline: every body placed as planned, every planned
/// break and mismatch found, and no finding that was not planned.
@Suite(.serialized) struct SeriesTests {
    struct Run {
        let corpus: SeriesCorpus
        let reports: [[String: String]]
        let consistency: [[String: String]]
        let coverage: [[String: String]]
    }

    static func run(seed: UInt64) throws -> Run {
        let corpus = try SeriesCorpus(seed: seed)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("etl-series-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for report in corpus.reports {
            let url = root.appendingPathComponent("in").appendingPathComponent(report.fileName)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(report.bytes).write(to: url)
        }
        var config = PipelineConfig(input: root.appendingPathComponent("in").path, output: root.appendingPathComponent("out").path)
        config.compression = .none
        config.jobs = 2
        _ = try PipelineRunner(config: config).run()
        func read(_ name: String) throws -> [[String: String]] {
            try parseCSV(String(contentsOf: root.appendingPathComponent("out/\(name).csv"), encoding: .utf8))
        }
        return Run(corpus: corpus, reports: try read("reports"), consistency: try read("consistency"), coverage: try read("coverage"))
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func everyBodyIsPlacedAndEveryFindingFound(seed: UInt64) throws {
        let run = try Self.run(seed: seed)
        let byPath = Dictionary(uniqueKeysWithValues: run.reports.map { ($0["source_path"]!, $0) })
        let fileOf = Dictionary(uniqueKeysWithValues: run.reports.map { ($0["report_id"]!, $0["source_path"]!) })
        #expect(run.reports.count == run.corpus.reports.count)
        for expected in run.corpus.expected {
            guard let row = byPath[expected.file] else {
                Issue.record("\(expected.file): no reports row")
                continue
            }
            let got = ["agency_key", "province", "prefecture", "county", "adcode", "township_code", "level"].map { row[$0]! }
            #expect(got == [expected.agencyKey, expected.province, expected.prefecture, expected.county, expected.adcode,
                            expected.townshipCode, expected.level], "\(expected.file)")
            #expect(row["flags"]!.contains("region_ambiguous") == expected.ambiguous, "\(expected.file)")
        }

        let failed = Set(run.consistency.filter { $0["passed"] == "false" }.map {
            SeriesCorpus.Finding(file: fileOf[$0["report_id"]!]!, rule: $0["rule"]!, columnKey: $0["column_key"]!)
        })
        #expect(failed == run.corpus.findings, "unplanned: \(failed.subtracting(run.corpus.findings)); missed: \(run.corpus.findings.subtracting(failed))")
        #expect(run.corpus.findings.count == 7)

        // Every report states its totals: each is compared, and all but the planned mismatches agree.
        let stated = run.consistency.filter { $0["rule"] == "text_vs_table" }
        for expected in run.corpus.expected {
            let id = byPath[expected.file]!["report_id"]!
            let columns = Set(stated.filter { $0["report_id"] == id }.map { $0["column_key"]! })
            #expect(columns.isSuperset(of: ["new_received__total", "results_total__total", "admin_review__total"]), "\(expected.file)")
        }
        // Consecutive years of a placed body are compared, column by column; an ambiguous body never.
        let pairs = Set(run.consistency.filter { $0["rule"] == "carried_forward_continues" }.map {
            fileOf[$0["report_id"]!]! + "<" + fileOf[$0["other_report_id"]!]!
        })
        #expect(pairs.contains("jiangsu/huaian/hongze-2023.\(ext(run, "jiangsu/huaian/hongze-2023"))<jiangsu/huaian/hongze-2022.\(ext(run, "jiangsu/huaian/hongze-2022"))"))
        #expect(!pairs.contains { $0.hasPrefix("misc/") })
        #expect(!pairs.contains { $0.hasPrefix("xinjiang/tuoli-2024") })  // 2023 is missing: nothing to continue

        // Coverage: the missing year is a row without a report; ambiguous bodies have none.
        for gap in run.corpus.gaps {
            #expect(run.coverage.contains { $0["agency_key"] == gap.agencyKey && $0["report_year"] == String(gap.year) && $0["report_id"] == "" })
        }
        #expect(run.coverage.filter { $0["report_id"] == "" }.count == run.corpus.gaps.count)
        #expect(!run.coverage.contains { $0["agency_key"] == "长安区人民政府" || $0["agency_key"] == "城关镇人民政府" })
        #expect(run.coverage.filter { $0["agency_key"] == "江苏省淮安市洪泽区人民政府" }.map { $0["report_year"]! } == ["2021", "2022", "2023", "2024"])
    }

    /// The region of an ambiguous name is narrowed by the path at assembly, not in the cached
    /// result: the same file moved to another province's folder is placed there on the next run.
    @Test func aMovedFileIsPlacedByItsNewFolder() throws {
        let corpus = try SeriesCorpus(seed: 5)
        let report = try #require(corpus.reports.first { $0.fileName.hasPrefix("shaanxi/changan-2021") })
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("etl-moved-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let name = String(report.fileName.split(separator: "/").last!)
        func runWith(folder: String, cached: Bool) throws -> [String: String] {
            let input = root.appendingPathComponent("in")
            try? FileManager.default.removeItem(at: input)
            try FileManager.default.createDirectory(at: input.appendingPathComponent(folder), withIntermediateDirectories: true)
            try Data(report.bytes).write(to: input.appendingPathComponent(folder).appendingPathComponent(name))
            var config = PipelineConfig(input: input.path, output: root.appendingPathComponent("out").path)
            config.compression = .none
            let summary = try PipelineRunner(config: config).run()
            #expect(summary.counts.unchanged == (cached ? 1 : 0))
            return try #require(parseCSV(String(contentsOf: root.appendingPathComponent("out/reports.csv"), encoding: .utf8)).first)
        }
        let first = try runWith(folder: "shaanxi", cached: false)
        #expect(first["adcode"] == "610116" && !first["flags"]!.contains("region_ambiguous"))
        let moved = try runWith(folder: "hebei", cached: true)
        #expect(moved["adcode"] == "130102" && moved["agency_key"] == "河北省石家庄市长安区人民政府")
        let nowhere = try runWith(folder: "reports", cached: true)
        #expect(nowhere["adcode"] == "" && nowhere["flags"]!.contains("region_ambiguous"))
    }

    /// Series split across shards: `etl merge` finds what one full run finds.
    @Test func mergedShardsFindWhatAFullRunFinds() throws {
        let corpus = try SeriesCorpus(seed: 3)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("etl-series-shards-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try corpus.write(to: root.appendingPathComponent("in"))
        for name in ["expected.csv", "findings.csv", "gaps.csv"] {
            try FileManager.default.removeItem(at: root.appendingPathComponent("in/\(name)"))
        }
        var config = PipelineConfig(input: root.appendingPathComponent("in").path, output: root.appendingPathComponent("shards").path)
        config.compression = .none
        for k in 0..<3 { _ = try PipelineRunner(config: config, options: .init(full: true, shard: Shard(index: k, count: 3))).run() }
        let shards = try FileManager.default.contentsOfDirectory(atPath: config.output).filter { $0.hasPrefix("shard-") }.sorted()
            .map { root.appendingPathComponent("shards/\($0)") }
        _ = try ShardMerger.merge(shards: shards, into: root.appendingPathComponent("merged"))
        config.output = root.appendingPathComponent("full").path
        _ = try PipelineRunner(config: config).run()
        for file in ["consistency", "coverage", "reports"] {
            let full = try String(contentsOf: root.appendingPathComponent("full/\(file).csv"), encoding: .utf8)
            let merged = try String(contentsOf: root.appendingPathComponent("merged/\(file).csv"), encoding: .utf8)
            #expect(full == merged, "\(file)")
        }
        let failed = parseCSV(try String(contentsOf: root.appendingPathComponent("merged/consistency.csv"), encoding: .utf8))
            .filter { $0["passed"] == "false" }
        #expect(failed.count == corpus.findings.count)
        // Each shard alone saw only part of each series.
        let perShard = try shards.map {
            parseCSV(try String(contentsOf: $0.appendingPathComponent("consistency.csv"), encoding: .utf8))
                .filter { $0["rule"] != "text_vs_table" }.count
        }
        let whole = parseCSV(try String(contentsOf: root.appendingPathComponent("full/consistency.csv"), encoding: .utf8))
            .filter { $0["rule"] != "text_vs_table" }.count
        #expect(perShard.reduce(0, +) < whole)
    }

    func ext(_ run: Run, _ stem: String) -> String {
        run.corpus.reports.first { $0.fileName.hasPrefix(stem + ".") }!.fileName.split(separator: ".").last.map(String.init)!
    }
}

/// RFC 4180 rows as dictionaries by header.
func parseCSV(_ text: String) -> [[String: String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var chars = Array(text.unicodeScalars)[...]
    while let c = chars.popFirst() {
        if quoted {
            if c == "\"" {
                if chars.first == "\"" { field.unicodeScalars.append("\""); chars.removeFirst() } else { quoted = false }
            } else { field.unicodeScalars.append(c) }
        } else if c == "\"" { quoted = true } else if c == "," { row.append(field); field = "" } else if c == "\n" {
            row.append(field); rows.append(row); row = []; field = ""
        } else { field.unicodeScalars.append(c) }
    }
    guard let header = rows.first else { return [] }
    return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
}
