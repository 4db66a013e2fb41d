@testable import CorpusGenerator
import Foundation
import ReportModel
import Testing
@testable import TableExtraction

/// The templates are data: a further template is one more `TableTemplate`, which the detector,
/// the parsers and the checks read without a line of their code changed.
@Suite("TableTemplate: a template is one description")
struct TemplateDataTests {
    /// A test-only template: template 2021 reissued for 2030 with 本年制发件数 renamed 本年印发件数,
    /// and without the per-row 总计 identity.
    static let t2030: TableTemplate = {
        let base = TableTemplate.t2021
        let renamed = base.activeDisclosure.map { entry in
            TableTemplate.ActiveItem(entry.item, entry.measures.map {
                $0.key == "issued" ? ActiveDisclosureTable.Measure(key: "issued", label: "本年印发件数", unit: .count) : $0
            })
        }
        return TableTemplate(
            key: "2030", circular: "国办公开办函〔2030〕1号", firstYear: 2030, lastYear: nil, activeDisclosure: renamed,
            applicationsRows: base.applicationsRows,
            markers: ["本年印发件数", "本年废止件数", "现行有效件数", "本年收费金额"],
            checks: [.receivedEqualsHandled, .resultsTotalIsSum, .proceedingTotalIsSum],
            yearlyIssuedMeasure: "issued")
    }()

    /// Template 2021 in force until 2029 once a 2030 template exists.
    static let t2021Closed = TableTemplate(
        key: "2021", circular: TableTemplate.t2021.circular, firstYear: 2021, lastYear: 2029,
        activeDisclosure: TableTemplate.t2021.activeDisclosure, applicationsRows: .only2021,
        markers: TableTemplate.t2021.markers, checks: TableTemplate.t2021.checks, yearlyIssuedMeasure: "issued")

    static let threeTemplates = [t2030, t2021Closed, TableTemplate.t2019]

    /// Template 2021's tables with table 二's header 本年制发件数 written 本年印发件数.
    static func texts2030(layout: Layout, values: ReportValues) -> [SectionKey: String] {
        var texts = TableRenderer(layout: layout).sectionTexts(values)
        #expect(texts[.proactiveDisclosure]?.contains("本年制发件数") == true)
        texts[.proactiveDisclosure] = texts[.proactiveDisclosure]?.replacingOccurrences(of: "本年制发件数", with: "本年印发件数")
        return texts
    }

    @Test("a third template is recognised by its markers and its tables read", arguments: Layout.allCases)
    func thirdTemplateRead(layout: Layout) throws {
        let values = ReportValues.distinct(.t2021, seed: 91)
        let texts = Self.texts2030(layout: layout, values: values)
        let tables = TableExtractor(templates: Self.threeTemplates).extract(.init(sectionTexts: texts, reportYear: 2024))
        #expect(tables.template == .standard(Self.t2030))
        #expect(tables.template.rawValue == "2030")
        // Every cell where template 2021 puts it (the test template has the same items and rows).
        #expect(cellMismatches(values, tables).isEmpty, "\(cellMismatches(values, tables).prefix(8))")
        #expect(tables.cellsExpected == TableTemplate.t2021.activeCellCount + 25 * 7 + 15)
        #expect(tables.cellsFound == tables.cellsExpected)
        // Its identities only: no per-row 总计 check.
        #expect(!tables.checks.isEmpty)
        #expect(tables.checks.allSatisfy { $0.passed })
        #expect(!tables.checks.contains { $0.rule == .rowTotalIsSum })
        #expect(tables.checks.contains { $0.rule == .receivedEqualsHandled })

        // The product's templates read the same page as 2021 (three of its four markers), with
        // every identity.
        let product = TableExtractor().extract(.init(sectionTexts: texts, reportYear: 2024))
        #expect(product.template == .t2021)
        #expect(product.checks.contains { $0.rule == .rowTotalIsSum })
    }

    /// Without table 二, table 三's split （六）其他处理 votes for 2021 and 2030 alike; the year
    /// decides between those two only (2017 is before both: the earlier, never 2019).
    @Test("a tie between templates is broken by the years each covers", arguments: [(2031, "2030"), (2024, "2021"), (2017, "2021")])
    func yearBreaksTie(year: Int, expected: String) {
        let values = ReportValues.distinct(.t2021, seed: 92)
        var texts = TableRenderer(layout: .pipe).sectionTexts(values)
        texts[.proactiveDisclosure] = nil
        let tables = TableExtractor(templates: Self.threeTemplates).extract(.init(sectionTexts: texts, reportYear: year))
        #expect(tables.template.rawValue == expected)
    }

    /// The generator's own vocabulary (written independently, as a test oracle) has every
    /// template of the product, with the same table 二 cells and table 三 rows.
    @Test("the generator writes every template, cell for cell as the description has it")
    func generatorCoversTemplates() {
        #expect(Vocab.templates.map(\.key) == TableTemplate.all.map(\.key))
        for template in TableTemplate.all {
            let kind = TemplateKind.standard(template)
            let described = template.activeDisclosure.flatMap { entry in entry.measures.map { "\(entry.item.key)__\($0.key)" } }
            #expect(Vocab.activeCells(kind).map { "\($0.item)__\($0.measure)" } == described, "\(template.key)")
            #expect(Vocab.rowKeys(kind) == ApplicationsTable.rows(for: template.applicationsRows).map(\.key), "\(template.key)")
        }
    }
}
