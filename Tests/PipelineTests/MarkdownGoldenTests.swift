import Foundation
import Pipeline
import ReportModel
import Testing

/// A Markdown report written by hand the way pandoc and html2text write converted pages (setext
/// headings, `|:---|` rows, escaped pipes, bold labels in cells, links, images, hard line breaks,
/// a thematic break), not by the generator: every cell must come back.
@Suite("Markdown golden report")
struct MarkdownGoldenTests {
    static func report() throws -> ProcessedReport {
        let url = try #require(Bundle.module.url(forResource: "pandoc-report", withExtension: "md", subdirectory: "Fixtures"))
        return Support.processor.process(data: try Data(contentsOf: url), sourcePath: "reports/pandoc-report.md")
    }

    @Test("metadata, the six sections and their titles")
    func sections() throws {
        let report = try Self.report()
        #expect(report.status == .ok)
        #expect(report.metadata.agency == "临川区交通运输局")
        #expect(report.metadata.reportYear == 2022)
        #expect(report.metadata.publishDate == "2023-01-16")
        #expect(report.template == .t2021)
        #expect(report.sections.map(\.title) == [
            "", "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
        ])
        // Markup is gone from the text: links are their text, emphasis is plain.
        let overview = try #require(report.sections.first { $0.key == .overview })
        #expect(overview.text.hasPrefix("2022年，我局坚持以公开为常态、不公开为例外，\n全年主动公开政府信息386条。"))
        let problems = try #require(report.sections.first { $0.key == .problems })
        #expect(problems.text.contains("我局将 丰富解读形式，"))
        #expect(!report.sections.contains { $0.text.contains("](") || $0.text.contains("**") })
    }

    @Test("every cell of tables 二, 三 and 四, and every identity passes")
    func cells() throws {
        let report = try Self.report()
        let tables = try #require(report.tables)
        let active = Dictionary(uniqueKeysWithValues: tables.activeDisclosure.map { ("\($0.itemKey).\($0.measureKey)", $0.cell.value) })
        #expect(active == [
            "regulations.issued": 0, "regulations.repealed": 0, "regulations.in_force": 3,
            "normative_documents.issued": 2, "normative_documents.repealed": 1, "normative_documents.in_force": 15,
            "admin_licensing.decisions": 120, "admin_penalty.decisions": 35, "admin_coercion.decisions": 4,
            "admin_fees.amount": Decimal(string: "12.5"),
        ])
        // Table 三: zeros everywhere except these rows (natural_person … other_org, total).
        let nonZero: [String: [Decimal]] = [
            "new_received": [10, 2, 0, 1, 0, 1, 14], "carried_over": [1, 0, 0, 0, 0, 0, 1],
            "granted": [5, 1, 0, 0, 0, 0, 6], "partially_granted": [1, 0, 0, 0, 0, 0, 1],
            "withheld_third_party_rights": [1, 0, 0, 0, 0, 0, 1], "unavailable_not_held": [2, 1, 0, 0, 0, 1, 4],
            "not_processed_petition_complaint": [1, 0, 0, 0, 0, 0, 1], "results_total": [10, 2, 0, 0, 0, 1, 13],
            "carried_forward": [1, 0, 0, 1, 0, 0, 2],
        ]
        let rows = ApplicationsTable.rows(for: .only2021)
        #expect(tables.applications.count == rows.count * 7)
        for row in rows {
            let found = tables.applications.filter { $0.rowKey == row.key }.map(\.cell.value)
            let expected = (nonZero[row.key] ?? Array(repeating: 0, count: 7)).map(Optional.some)
            #expect(found == expected, "\(row.key)")
        }
        #expect(tables.reviewLitigation.map(\.cell.value) == [1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0].map(Optional.some))
        #expect(tables.checks.count > 0 && tables.checks.allSatisfy(\.passed))
        #expect(report.flags.isEmpty)
    }
}
