import Foundation
@testable import Pipeline
import Testing

/// Where `etl` finds the division tables: the data folder named by ETL_DATA_DIR, a clone's
/// `data/regions`, an installed `share/gov-disclosure-etl/regions`.
@Suite struct RegionDataTests {
    @Test func theTablesAreFound() throws {
        let root = try Support.temporaryFolder("regions")
        let clone = root.appendingPathComponent("clone")
        try FileManager.default.createDirectory(at: clone.appendingPathComponent("data/regions"), withIntermediateDirectories: true)
        try Data().write(to: clone.appendingPathComponent("data/regions/areacodes.csv"))
        try FileManager.default.createDirectory(at: clone.appendingPathComponent(".build/release"), withIntermediateDirectories: true)
        let built = clone.appendingPathComponent(".build/release/etl")
        #expect(RegionData.locate(environment: [:], executable: built)?.path == clone.appendingPathComponent("data/regions").path)

        let prefix = root.appendingPathComponent("usr")
        let share = prefix.appendingPathComponent("share/gov-disclosure-etl/regions")
        try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
        try Data().write(to: share.appendingPathComponent("areacodes.csv"))
        #expect(RegionData.locate(environment: [:], executable: prefix.appendingPathComponent("bin/etl"))?.path == share.path)

        #expect(RegionData.locate(environment: ["ETL_DATA_DIR": "/srv/etl-data"], executable: built)?.path == "/srv/etl-data/regions")
        #expect(RegionData.locate(environment: [:], executable: URL(fileURLWithPath: "/nonexistent/bin/etl")) == nil)
        // The running test binary is in a clone: the shipped tables.
        #expect(RegionData.locate(environment: [:])?.lastPathComponent == "regions")
    }
}

@Suite(.serialized) struct RegionTablesChangeTests {
    /// New division tables are a new run, not an unchanged one, and re-place cached reports.
    @Test func newTablesPlaceEveryReportAgain() throws {
        let root = try Support.temporaryFolder("new-tables")
        let input = root.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Support.samples.appendingPathComponent(Support.seedNames[1]),
                                         to: input.appendingPathComponent("jiangxia.txt"))
        let shipped = try #require(RegionData.locate())
        let edited = root.appendingPathComponent("data/regions")
        try FileManager.default.createDirectory(at: edited, withIntermediateDirectories: true)
        for name in RegionData.files { try FileManager.default.copyItem(at: shipped.appendingPathComponent(name), to: edited.appendingPathComponent(name)) }
        var config = PipelineConfig(input: input.path, output: root.appendingPathComponent("out").path)
        config.compression = .none
        func run(_ folder: URL) throws -> (unchanged: Int, row: [String: String]) {
            let runner = PipelineRunner(config: config)
            runner.regionsFolder = folder
            let summary = try runner.run()
            let text = try String(contentsOf: root.appendingPathComponent("out/reports.csv"), encoding: .utf8)
            let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            return (summary.counts.unchanged, Dictionary(uniqueKeysWithValues: zip(lines[0], lines[1])))
        }
        let first = try run(edited)
        #expect(first.row["adcode"] == "420115")
        // 江夏区 taken out of the tables: the same input, now unplaced.
        let areacodes = edited.appendingPathComponent("areacodes.csv")
        let rows = try String(contentsOf: areacodes, encoding: .utf8).split(separator: "\n").filter { !$0.contains(",江夏区,") }
        try (rows.joined(separator: "\n") + "\n").write(to: areacodes, atomically: true, encoding: .utf8)
        let second = try run(edited)
        #expect(second.unchanged == 0)
        #expect(second.row["adcode"] == "" && second.row["flags"]!.contains("region_unknown"))
    }
}

/// The five sample reports placed by a whole run, each code the table's.
@Suite(.serialized) struct SeedRegionTests {
    @Test func theSeedsArePlaced() throws {
        let root = try Support.temporaryFolder("seed-regions")
        var config = PipelineConfig(input: Support.samples.path, output: root.appendingPathComponent("out").path)
        config.compression = .none
        config.patterns = ["*.txt"]
        _ = try PipelineRunner(config: config).run()
        let text = try String(contentsOf: root.appendingPathComponent("out/reports.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        let columns = ["agency", "province", "prefecture", "county", "adcode", "township_code", "level"].map { header.firstIndex(of: $0)! }
        let placed = Set(lines.dropFirst().map { row in columns.map { row[$0] }.joined(separator: " ") })
        #expect(placed == [
            "托里县人民政府 新疆维吾尔自治区 塔城地区 托里县 654224  county",
            "江夏区人民政府 湖北省 武汉市 江夏区 420115  county",
            "蘑菇气镇人民政府 内蒙古自治区 呼伦贝尔市 扎兰屯市 150783 150783100 township",
            "伊宁县人民政府 新疆维吾尔自治区 伊犁哈萨克自治州 伊宁县 654021  county",
            "达州市通川区经济和信息化局 四川省 达州市 通川区 511702  department",
        ])
    }
}
