import Foundation
import Output
import Pipeline
import Testing

/// Contract 2 end to end: one `reports` row per report, every input file in `inputs`, joins that
/// do not double-count, wide values in their column's unit.
@Suite(.serialized) struct OutputContractTests {
    static func runFolder(_ input: URL, _ edit: (inout PipelineConfig) -> Void = { _ in }) throws -> URL {
        let out = try Support.temporaryFolder("contract").appendingPathComponent("out")
        var config = PipelineConfig(input: input.path, output: out.path)
        config.jobs = 2
        edit(&config)
        _ = try PipelineRunner(config: config).run()
        return out
    }

    /// The run tests' inputs (seeds, a copy, bad files) plus two that cannot be read at all.
    static func inputFolder() throws -> URL {
        let input = try RunTests.makeInputFolder()
        try FileManager.default.createSymbolicLink(atPath: input.appendingPathComponent("gone.txt").path,
                                                   withDestinationPath: "/nonexistent-\(UUID().uuidString)")
        try Data(count: 2 << 20).write(to: input.appendingPathComponent("huge.txt"))
        return input
    }

    @Test func reportsHaveOneRowPerReportAndInputsListEveryFile() throws {
        let out = try Self.runFolder(try Self.inputFolder()) { $0.maxFileMB = 1 }
        let reports = try RunTests.csv(out, "reports")
        let ids = reports.map { $0["report_id"]! }
        #expect(Set(ids).count == ids.count, "one reports row per report_id")
        #expect(reports.count == 8)  // 5 seeds, empty, binary, 404 page; the copy is the first seed's report

        let inputs = try RunTests.csv(out, "inputs")
        #expect(inputs.first.map { Array($0.keys).sorted() } == ["report_id", "source_path", "status"])
        let paths = inputs.map { $0["source_path"]! }
        #expect(paths == paths.sorted())
        #expect(inputs.count == 11)  // every file matched by the patterns, read or not
        let byPath = Dictionary(uniqueKeysWithValues: inputs.map { ($0["source_path"]!, $0) })
        let first = "2021/" + Support.seedNames[0]
        #expect(byPath["copy-of-first.txt"]?["report_id"] == byPath[first]?["report_id"])
        #expect(byPath["copy-of-first.txt"]?["status"] == "ok")
        #expect(reports.first { $0["report_id"] == byPath[first]?["report_id"] }?["source_path"] == first,
                "the reports row is the first copy's, in report order")
        #expect(byPath["gone.txt"].map { [$0["report_id"]!, $0["status"]!] } == ["", "failed"])
        #expect(byPath["huge.txt"].map { [$0["report_id"]!, $0["status"]!] } == ["", "failed"])
        // A file that was read but is no report has its (failed) reports row.
        #expect(byPath["empty.txt"]?["status"] == "failed")
        #expect(ids.contains(byPath["empty.txt"]?["report_id"] ?? "-"))
        // Every id in inputs is in reports, once.
        for row in inputs where !row["report_id"]!.isEmpty { #expect(ids.filter { $0 == row["report_id"] }.count == 1) }
        #expect(!reports.contains { $0["flags"]!.contains("duplicate_content") })

        // The README's join: applications to reports, no row counted twice.
        let applications = try RunTests.csv(out, "applications")
        let reportsByID = Dictionary(grouping: reports, by: { $0["report_id"]! })
        #expect(applications.allSatisfy { reportsByID[$0["report_id"]!]?.count == 1 })
        #expect(applications.count == (25 + 23 + 24 + 25 + 25) * 7)
        let evaluated = reports.compactMap { Int($0["checks_evaluated"]!) }
        #expect(evaluated.count == reports.count)
        #expect(reports.allSatisfy { $0["status"] != "ok" || Int($0["checks_evaluated"]!)! > 0 })
        #expect(reports.allSatisfy { $0["status"] != "failed" || $0["checks_evaluated"] == "0" })
    }

    @Test func theDatasetLayoutPartitionsInputsByReportYear() throws {
        let out = try Self.runFolder(try Self.inputFolder()) {
            $0.maxFileMB = 1
            $0.layout = .dataset
        }
        let folder = out.appendingPathComponent("inputs")
        let partitions = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(partitions == ["report_year=2021", "report_year=2023", "report_year=__HIVE_DEFAULT_PARTITION__"])
        var rows: [Substring] = []
        for partition in partitions {
            let text = try Support.shell(["zstd", "-dc", folder.appendingPathComponent("\(partition)/part-00000.csv.zst").path]).stdout
            let lines = text.split(separator: "\n")
            #expect(lines.first == "source_path,report_id,status")
            rows += lines.dropFirst()
        }
        #expect(rows.count == 11)
        #expect(rows.contains { $0.hasPrefix("gone.txt,,failed") })
    }

    @Test func aFeeInYuanIsConvertedInTheWideTable() throws {
        let input = try Support.temporaryFolder("fees")
        let seed0 = try String(contentsOf: Support.samples.appendingPathComponent(Support.seedNames[0]), encoding: .utf8)
        let inYuan = seed0.replacingOccurrences(of: "行政事业性收费\n\n1356\n", with: "行政事业性收费\n\n251000元\n")
        #expect(inYuan != seed0)
        try inYuan.write(to: input.appendingPathComponent("yuan.txt"), atomically: true, encoding: .utf8)
        let seed2 = try String(contentsOf: Support.samples.appendingPathComponent(Support.seedNames[2]), encoding: .utf8)
        let inWan = seed2.replacingOccurrences(of: "行政事业性收费 | 0 |", with: "行政事业性收费 | 668.57万元 |")
        #expect(inWan != seed2)
        try inWan.write(to: input.appendingPathComponent("wan.txt"), atomically: true, encoding: .utf8)
        let out = try Self.runFolder(input)

        let paths = Dictionary(uniqueKeysWithValues: try RunTests.csv(out, "reports").map { ($0["report_id"]!, $0["source_path"]!) })
        let wide = try RunTests.csv(out, "active_disclosure_wide")
        let fees = Dictionary(uniqueKeysWithValues: wide.map { (paths[$0["report_id"]!]!, $0["admin_fees__amount"]!) })
        #expect(fees == ["yuan.txt": "25.1", "wan.txt": "668.57"])
        let long = try RunTests.csv(out, "active_disclosure").filter { $0["item_key"] == "admin_fees" }
        let asFound = Set(long.map { [paths[$0["report_id"]!]!, $0["value"]!, $0["unit"]!, $0["raw"]!] })
        #expect(asFound == [["yuan.txt", "251000", "yuan", "251000元"], ["wan.txt", "668.57", "10k_yuan", "668.57万元"]])
    }
}
