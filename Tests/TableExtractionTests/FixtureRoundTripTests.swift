@testable import CorpusGenerator
import Foundation
import ReportModel
import Testing
@testable import TableExtraction

let templates: [TemplateKind] = [.t2021, .t2019]

/// Each layout and template, a table whose every cell holds a distinct non-zero number: any value
/// read into the wrong row or column shows.
@Suite("Fixtures: distinct values, each layout and template")
struct FixtureRoundTripTests {
    @Test("distinct non-zero table extracts back cell by cell", arguments: Layout.allCases, templates)
    func distinctTable(layout: Layout, template: TemplateKind) {
        let values = ReportValues.distinct(template)
        #expect(!values.allValues.contains(0))
        #expect(Set(values.allValues).count == values.allValues.count)
        let (texts, tables) = renderAndExtract(values, layout)

        let problems = cellMismatches(values, tables)
        #expect(problems.isEmpty, "\(problems.prefix(12))\n\(dump(texts))")
        #expect(tables.template == template)
        #expect(tables.applications.count == (template == .t2021 ? 25 : 23) * 7)
        #expect(tables.cellsExpected == (template == .t2021 ? 200 : 198))
        #expect(tables.cellsExpected == values.cellsExpected)
        #expect(tables.cellsFound == tables.cellsExpected)
        #expect(tables.missingTables.isEmpty)

        let checks = checkKeys(tables)
        #expect(checks.all == values.allCheckKeys)
        #expect(checks.failed.isEmpty, "\(checks.failed.sorted())")
        #expect(tables.checksFailed == 0)
        #expect(tables.checks.count == (template == .t2021 ? 42 : 40))
        #expect(tables.flags.isEmpty, "\(tables.flags.sorted())")
    }

    @Test("the rows come out in table order", arguments: Layout.allCases, templates)
    func tableOrder(layout: Layout, template: TemplateKind) {
        let (_, tables) = renderAndExtract(ReportValues.distinct(template, seed: 2), layout)
        var rowOrder: [String] = []
        for cell in tables.applications where rowOrder.last != cell.rowKey { rowOrder.append(cell.rowKey) }
        #expect(rowOrder == Vocab.rowKeys(template))
        #expect(tables.applications.prefix(7).map(\.columnKey) == Vocab.columnKeys)
        #expect(tables.activeDisclosure.map { "\($0.itemKey)/\($0.measureKey)" }
                == Vocab.activeCells(template).map { "\($0.item)/\($0.measure)" })
        #expect(tables.reviewLitigation.map { "\($0.proceedingKey)/\($0.outcomeKey)" }
                == Vocab.proceedings.flatMap { p in Vocab.outcomes.map { "\(p)/\($0)" } })
    }

    @Test("template comes from the tables, not from the report year", arguments: Layout.allCases)
    func templateFromContent(layout: Layout) {
        let v2019 = ReportValues.distinct(.t2019, seed: 3)
        let v2021 = ReportValues.distinct(.t2021, seed: 3)
        #expect(renderAndExtract(v2019, layout, reportYear: 2023).tables.template == .t2019)
        #expect(renderAndExtract(v2021, layout, reportYear: 2019).tables.template == .t2021)
    }

    @Test("units: the fee in 万元 or 元, as the cell or the header states it")
    func units() throws {
        var values = ReportValues.distinct(.t2021, seed: 4)
        let fee = Vocab.activeCells(.t2021).firstIndex { $0.item == "admin_fees" }!
        values.active[fee] = Decimal(string: "668.57")
        let renderer = TableRenderer(layout: .pipe)
        var text = renderer.text(renderer.activeRows(values))
        func extract(_ text: String) throws -> ActiveDisclosureCell {
            let tables = TableExtractor().extract(.init(sectionTexts: [.proactiveDisclosure: text]))
            return try #require(tables.activeDisclosure.first { $0.itemKey == "admin_fees" })
        }
        var cell = try extract(text.replacingOccurrences(of: "| 668.57 |", with: "| 668.57万元 |"))
        #expect(cell.cell.value == Decimal(string: "668.57"))
        #expect(cell.unit == .tenThousandYuan)
        #expect(cell.cell.raw == "668.57万元")

        cell = try extract(text.replacingOccurrences(of: "| 668.57 |", with: "| 251000元 |"))
        #expect(cell.cell.value == 251000)
        #expect(cell.unit == .yuan)

        // The header says 元: the plain number is in yuan, whichever brackets and colon it uses.
        for header in ["本年收费金额（单位：元）", "本年收费金额(单位:元)", "本年收费金额（元）"] {
            text = renderer.text(renderer.activeRows(values))
                .replacingOccurrences(of: "本年收费金额（单位：万元）", with: header)
            #expect(text.contains(header))
            cell = try extract(text)
            #expect(cell.cell.value == Decimal(string: "668.57"))
            #expect(cell.unit == .yuan, "\(header)")
        }
        // Other measures stay counts.
        let tables = TableExtractor().extract(.init(sectionTexts: [.proactiveDisclosure: text]))
        #expect(tables.activeDisclosure.filter { $0.itemKey != "admin_fees" }.allSatisfy { $0.unit == .count })
    }

    @Test("2019: 采购总金额 and 本年增/减 read, negative change kept")
    func template2019Measures() {
        var values = ReportValues.distinct(.t2019, seed: 5)
        let cells = Vocab.activeCells(.t2019)
        let change = cells.firstIndex { $0.item == "admin_penalty" && $0.measure == "change" }!
        let amount = cells.firstIndex { $0.item == "gov_procurement" && $0.measure == "amount" }!
        values.active[change] = -37
        values.active[amount] = Decimal(string: "1234.5")
        for layout in Layout.allCases {
            let (_, tables) = renderAndExtract(values, layout)
            #expect(cellMismatches(values, tables).isEmpty, "\(layout)")
            let procurement = tables.activeDisclosure.first { $0.itemKey == "gov_procurement" && $0.measureKey == "amount" }
            #expect(procurement?.unit == .tenThousandYuan)
        }
    }

    @Test("cellsExpected follows the template when table 三 is absent")
    func cellsExpectedWithoutApplicationsTable() {
        for template in templates {
            let values = ReportValues.distinct(template, seed: 6)
            var texts = TableRenderer(layout: .cellPerLine).sectionTexts(values)
            texts[.applications] = "本年度未收到政府信息公开申请。"
            let tables = TableExtractor().extract(.init(sectionTexts: texts))
            #expect(tables.template == template)
            #expect(tables.missingTables == ["applications"])
            #expect(tables.cellsExpected == values.cellsExpected, "\(template)")
            #expect(tables.cellsFound == values.active.count + 15)
        }
    }
}
