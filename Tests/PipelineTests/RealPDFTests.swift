import Foundation
import Ingest
import Pipeline
import ReportModel
import Testing

/// A real published PDF (淮安市人民政府 2024, data/samples/huaian_2024.pdf) against its values read by
/// hand from the rendered pages: page numbers inside tables 二 and 三, the vertical label
/// 三、本年度办理结果, （四）无法提供 cut by a page break, wrapped row labels with their numbers on
/// the middle line, table 四's fifteen numbers on one line under a scrambled header.
@Suite struct RealPDFTests {
    static let name = "huaian_2024.pdf"

    static func report() throws -> ProcessedReport {
        let url = Support.samples.appendingPathComponent("huaian_2024.pdf")
        return Support.processor.process(data: try Data(contentsOf: url), sourcePath: name)
    }

    @Test func everyValueAsReadByHand() throws {
        let expected = try SeedGoldenTests.Expected("huaian_2024-expected")
        let report = try Self.report()
        try SeedGoldenTests.expectTables(of: report, as: expected.report(Self.name), columns: expected.columns)
    }

    @Test func metadataAndSections() throws {
        let expected = try SeedGoldenTests.Expected("huaian_2024-expected").report(Self.name)
        let report = try Self.report()
        #expect(report.metadata.agency == expected["agency"] as? String)
        #expect(report.metadata.reportYear == expected["report_year"] as? Int)
        #expect(report.metadata.publishDate == nil, "no date is printed; the PDF's creation date is not a publish date")
        #expect(report.sectionsFound == expected["sections_found"] as? Int)
        #expect(report.sourceScript?.rawValue == expected["source_script"] as? String)
        #expect(report.sourceEncoding == "pdf")
        #expect(report.status == .ok)
        // Page furniture is gone from the text.
        let text = report.sections.map(\.text).joined(separator: "\n")
        #expect(!text.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces).range(of: #"^-\d+-$"#, options: .regularExpression) != nil })
    }
}
