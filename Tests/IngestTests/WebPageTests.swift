import Foundation
import Pipeline
import ReportModel
import Testing

/// Seeds 001 and 003 rendered as official sites write them (Fixtures/seed001.html: a UTF-8 page
/// with a lying gb2312 meta, nav bar, breadcrumbs, scripts, the real template's merged cells;
/// Fixtures/seed003.html: a Word export inside a layout table) give, through the real pipeline
/// stages, the same metadata, sections and table values as the text seeds.
@Suite("Web pages through the pipeline")
struct WebPageTests {
    static let pairs: [(page: String, seed: String)] = [
        ("seed001.html", WebSupport.seed001),
        ("seed003.html", WebSupport.seed003),
    ]

    func compare(pageData: Data, pageName: String, seed: String) throws {
        let fromText = WebSupport.processor.process(data: try WebSupport.seed(seed), sourcePath: seed)
        let fromPage = WebSupport.processor.process(data: pageData, sourcePath: pageName)

        #expect(fromPage.errors.filter { $0.code != "invalid_bytes" }.isEmpty, "\(fromPage.errors)")
        #expect(fromPage.status == .ok)
        #expect(fromPage.status == fromText.status)
        #expect(fromPage.metadata == fromText.metadata)
        #expect(fromPage.template == fromText.template)
        #expect(fromPage.sections.map(\.key) == fromText.sections.map(\.key))
        #expect(fromPage.sections.map(\.title) == fromText.sections.map(\.title))

        // Every table cell, one by one.
        let want = WebSupport.tableValues(fromText)
        let got = WebSupport.tableValues(fromPage)
        #expect(want.count >= 15 + 23 * 7)
        #expect(Set(got.keys) == Set(want.keys))
        for key in want.keys.sorted() {
            #expect(got[key] == want[key], "\(key)")
        }
        let textChecks = fromText.tables?.checks.map { "\($0.rule).\($0.columnKey).\($0.rowKey).\($0.passed)" } ?? []
        let pageChecks = fromPage.tables?.checks.map { "\($0.rule).\($0.columnKey).\($0.rowKey).\($0.passed)" } ?? []
        #expect(pageChecks == textChecks)
        #expect(fromPage.tables?.cellsFound == fromText.tables?.cellsFound)
        // Flags that describe the content agree; the page's own (chrome, layout) may differ.
        let contentFlags: Set<ReportFlag> = [.missingRows, .shortRows, .missingTables, .missingSections,
                                             .checksFailed, .checksIncomplete, .scriptConverted, .noAgency, .noReportYear]
        #expect(fromPage.flags.intersection(contentFlags) == fromText.flags.intersection(contentFlags))
    }

    @Test("the UTF-8 pages", arguments: pairs.map(\.page))
    func utf8Pages(page: String) throws {
        let seed = Self.pairs.first { $0.page == page }!.seed
        let data = try WebSupport.fixture(page)
        let report = WebSupport.processor.process(data: data, sourcePath: page)
        #expect(report.sourceEncoding == "utf-8")
        try compare(pageData: data, pageName: page, seed: seed)
    }

    @Test("the pages served in the legacy encoding they declare", arguments: pairs.map(\.page))
    func gb18030Pages(page: String) throws {
        let seed = Self.pairs.first { $0.page == page }!.seed
        let data = try WebSupport.iconv(try WebSupport.fixture(page), from: "UTF-8", to: "GB18030")
        let report = WebSupport.processor.process(data: data, sourcePath: page)
        #expect(report.sourceEncoding == "gb18030")
        try compare(pageData: data, pageName: page, seed: seed)
    }

    @Test("the pages in UTF-16 with a BOM", arguments: pairs.map(\.page))
    func utf16Pages(page: String) throws {
        let seed = Self.pairs.first { $0.page == page }!.seed
        let text = String(decoding: try WebSupport.fixture(page), as: UTF8.self)
        try compare(pageData: WebSupport.utf16(text, littleEndian: true, bom: true), pageName: page, seed: seed)
    }

    @Test("seed 001's page against its hand-verified values")
    func expectedValues() throws {
        let report = WebSupport.processor.process(data: try WebSupport.fixture("seed001.html"), sourcePath: "seed001.html")
        let values = WebSupport.tableValues(report)
        #expect(values["active.admin_licensing.decisions"] == Decimal(558794))
        #expect(values["active.admin_fees.amount"] == Decimal(string: "668.57"))
        #expect(values["active.normative_documents.in_force"] == Decimal(22))
        #expect(values["applications.new_received.natural_person"] == Decimal(156))
        #expect(values["applications.new_received.total"] == Decimal(160))
        #expect(values["applications.withheld_admin_query.commercial_enterprise"] == Decimal(1))
        #expect(values["applications.not_processed_petition_complaint.total"] == Decimal(120))
        #expect(values["review.admin_review.total"] == Decimal(13))
        #expect(values["review.litigation_direct.pending"] == Decimal(3))
        #expect(report.metadata.reportYear == 2021)
        #expect(report.metadata.publishDate == "2022-02-18")
    }
}
