import Foundation
@testable import Pipeline
import ReportCore
import Regions
import Testing

/// A report whose agency's name fits several bodies is placed by its input's path, and that
/// placement travels with its summary in its group's file: a run that copies the group places the
/// report the same without the division tables (which it then never parses).
struct GroupSummaryRegionTests {
    final class Calls: @unchecked Sendable {
        var count = 0
    }

    static let resolver = try! RegionData.load(Support.repoRoot.appendingPathComponent("data/regions")).resolver

    /// 长安区 is a district of 石家庄 (130102) and of 西安 (610116): the name alone is ambiguous.
    static func ambiguousReport() throws -> RenderedReport {
        let text = "长安区人民政府2021年政府信息公开工作年度报告\n一、总体情况\n本年度我区推进政府信息公开工作。\n"
        let processor = ReportProcessor(normalizer: Support.normalizer, regions: resolver)
        var rendered = RenderedReport(processor.process(data: Data(text.utf8), sourcePath: "a.txt"), layout: .files)
        rendered.headerLine = RenderedReport.headerLine(try rendered.serialized())
        return rendered
    }

    @Test func aPlacementByPathIsReadBackFromTheGroupsFile() throws {
        var report = try Self.ambiguousReport()
        #expect(report.flags.contains("region_ambiguous"))
        let calls = Calls()
        let path = "河北/石家庄市/长安区.txt"
        CrossReportHook.prepare(&report, path: path) { calls.count += 1; return Self.resolver }
        #expect(calls.count == 1)
        #expect(report.regionByPath?.adcode == "130102")
        #expect(report.regionByPath?.prefecture == "石家庄市")

        let record = GroupSummaries.record(try #require(report.headerLine), regionByPath: report.regionByPath)
        var summary = try #require(GroupSummaries.summary(record))
        #expect(summary.regionByPathKnown)
        CrossReportHook.prepare(&summary, path: path) { calls.count += 1; return nil }
        #expect(calls.count == 1, "the summary's placement is used, the tables not asked for")
        #expect(summary.regionByPath == report.regionByPath)
        #expect(summary.reportsRow == report.reportsRow && summary.flags == report.flags)

        // As placed by the writer: the same row either way.
        var hook = CrossReportHook { nil }
        let placedFromFile = hook.place(summary, path: path, duplicate: false)
        let placedAnew = hook.place(report, path: path, duplicate: false)
        #expect(placedFromFile.reportsRow == placedAnew.reportsRow)
        #expect(placedFromFile.reportsRow.contains("130102") && !placedFromFile.flags.contains("region_ambiguous"))
    }

    @Test func aPathThatPlacesNothingIsRecordedAsSuch() throws {
        var report = try Self.ambiguousReport()
        CrossReportHook.prepare(&report, path: "reports/2021/a.txt") { Self.resolver }
        #expect(report.regionByPath == nil)
        let record = GroupSummaries.record(try #require(report.headerLine), regionByPath: nil)
        #expect(record == report.headerLine, "no region, the bare header line")
        var summary = try #require(GroupSummaries.summary(record))
        let calls = Calls()
        CrossReportHook.prepare(&summary, path: "reports/2021/a.txt") { calls.count += 1; return Self.resolver }
        #expect(calls.count == 0 && summary.regionByPath == nil)
        #expect(summary.flags.contains("region_ambiguous"), "still ambiguous, as a full run leaves it")
    }

    @Test func aDamagedRegionFieldIsNoSummary() throws {
        let report = try Self.ambiguousReport()
        var record = try #require(report.headerLine)
        record.append(contentsOf: Array("\n长安区\u{1F}河北省".utf8))
        #expect(GroupSummaries.summary(record) == nil, "not seven fields: the report's own entry is read instead")
    }
}
