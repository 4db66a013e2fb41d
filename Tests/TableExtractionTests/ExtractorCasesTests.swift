@testable import CorpusGenerator
import Foundation
import ReportModel
import Testing
@testable import TableExtraction

@Suite("TableExtractor: inputs and report-level results")
struct ExtractorCasesTests {
    /// The HTML ingest hands over grids built from `<table>` elements instead of text.
    @Test("grids from HTML tables extract like text", arguments: templates)
    func gridInput(template: TemplateKind) {
        let values = ReportValues.distinct(template, seed: 51)
        for header in RenderStyle.Header.allCases {
            var style = RenderStyle.plain
            style.header = header
            let renderer = TableRenderer(layout: .pipe, style: style)
            let input = TableExtractor.Input(
                proactiveDisclosure: CellGrid(rows: renderer.activeRows(values)),
                applications: CellGrid(rows: renderer.applicationsRows(values)),
                reviewLitigation: CellGrid(rows: renderer.reviewRows(values)))
            let tables = TableExtractor().extract(input)
            #expect(cellMismatches(values, tables).isEmpty, "\(header): \(cellMismatches(values, tables).prefix(8))")
            #expect(tables.template == template)
            #expect(tables.checksFailed == 0)
            #expect(tables.cellsFound == values.cellsExpected)
        }
    }

    /// Seed 001: table 二 of template 2021, but （六）其他处理 as one row, as in template 2019.
    @Test("a 2021 table 二 with a one-row （六）其他处理 is template 2021 with 23 table-三 rows", arguments: Layout.allCases)
    func mixedTemplates(layout: Layout) {
        let v2021 = ReportValues.distinct(.t2021, seed: 61)
        let v2019 = ReportValues.distinct(.t2019, seed: 61)
        let renderer = TableRenderer(layout: layout)
        var texts = renderer.sectionTexts(v2021)
        texts[.applications] = renderer.sectionTexts(v2019)[.applications]
        let tables = TableExtractor().extract(.init(sectionTexts: texts))
        #expect(tables.template == .t2021)
        // Table 二 as in v2021; table 三 as in v2019 (its rows); table 四 as in v2021.
        var mixed = v2019
        mixed.review = v2021.review
        let problems = cellMismatches(v2021, tables).filter { $0.hasPrefix("二") }
            + cellMismatches(mixed, tables).filter { !$0.hasPrefix("二") }
        #expect(problems.isEmpty, "\(problems.prefix(8))")
        #expect(tables.activeDisclosure.count == v2021.active.count)
        #expect(tables.applications.contains { $0.rowKey == "other" })
        #expect(tables.cellsExpected == v2021.active.count + 23 * 7 + 15)
        #expect(tables.cellsFound == tables.cellsExpected)
        #expect(tables.checksFailed == 0)
        #expect(!tables.flags.contains(.missingRows))
    }

    /// A cell that cannot be read is missing and flagged, never guessed; its neighbours still read.
    @Test("unreadable cells are missing and flagged", arguments: Layout.allCases, ["3.5%", "12个月", "1,2"])
    func unreadable(layout: Layout, raw: String) throws {
        var values = ReportValues.distinct(.t2021, seed: 71)
        let row = values.rows.firstIndex { $0.key == "withheld_third_party_rights" }!
        values.applications[row][3] = 77_777_777
        let texts = TableRenderer(layout: layout).sectionTexts(values).mapValues {
            $0.replacingOccurrences(of: "77777777", with: raw)
        }
        #expect(texts[.applications]!.contains(raw))
        let tables = TableExtractor().extract(.init(sectionTexts: texts))
        values.applications[row][3] = nil
        #expect(cellMismatches(values, tables).isEmpty, "\(cellMismatches(values, tables).prefix(8))")
        let cell = try #require(tables.applications.first {
            $0.rowKey == "withheld_third_party_rights" && $0.columnKey == "social_welfare_org"
        })
        #expect(cell.cell.unreadable)
        #expect(cell.cell.raw.trimmingCharacters(in: .whitespaces) == raw)
        #expect(tables.flags.contains(.unreadableCells))
        #expect(!tables.flags.contains(.emptyCells))
        #expect(tables.flags.contains(.checksIncomplete))
        #expect(tables.checksFailed == 0)
    }

    /// Only table 四 is a table: the template cannot be told from the content, the report year decides
    /// — a table-三 section without rows must not count as template 2021's split （六）其他处理.
    @Test("a table 三 without rows does not vote for a template", arguments: [(2020, TemplateKind.t2019), (2022, .t2021)])
    func emptyApplicationsDoesNotVote(year: Int, template: TemplateKind) {
        let values = ReportValues.distinct(.t2019, seed: 81)
        let texts: [SectionKey: String] = [
            .applications: "本年度未收到政府信息公开申请。",
            .reviewLitigation: TableRenderer(layout: .pipe).sectionTexts(values)[.reviewLitigation]!,
        ]
        let tables = TableExtractor().extract(.init(sectionTexts: texts, reportYear: year))
        #expect(tables.template == template)
        #expect(tables.cellsFound == 15)
    }

    @Test("no tables at all: legacy before 2019, unknown after, nothing expected")
    func noTables() {
        let prose: [SectionKey: String] = [
            .proactiveDisclosure: "本机关全年主动公开政府信息120条。", .applications: "本年度未收到申请。",
            .reviewLitigation: "未发生行政复议和行政诉讼。",
        ]
        let legacy = TableExtractor().extract(.init(sectionTexts: prose, reportYear: 2017))
        #expect(legacy.template == .legacy)
        #expect(legacy.cellsExpected == 0 && legacy.cellsFound == 0)
        #expect(Set(legacy.missingTables) == ["active_disclosure", "applications", "review_litigation"])
        #expect(legacy.flags.contains(.missingTables))
        #expect(legacy.checks.isEmpty)
        #expect(TableExtractor().extract(.init(sectionTexts: prose, reportYear: 2022)).template == .unknown)
        #expect(TableExtractor().extract(.init(sectionTexts: [:])).template == .unknown)
    }
}
