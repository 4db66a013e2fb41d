@testable import CorpusGenerator
import Foundation
import ReportModel
import Testing
@testable import TableExtraction

/// Renders a report's tables and extracts them back through the public entry point.
func renderAndExtract(_ values: ReportValues, _ layout: Layout, _ style: RenderStyle = .plain,
                      reportYear: Int? = nil) -> (texts: [SectionKey: String], tables: ExtractedTables) {
    let texts = TableRenderer(layout: layout, style: style).sectionTexts(values)
    let tables = TableExtractor().extract(TableExtractor.Input(sectionTexts: texts, reportYear: reportYear))
    return (texts, tables)
}

/// Mismatches between what was rendered and what was extracted, cell by cell; empty when equal.
/// Also catches cells extracted twice or extracted for keys the template does not have.
func cellMismatches(_ values: ReportValues, _ tables: ExtractedTables) -> [String] {
    var problems: [String] = []
    func compare(_ name: String, _ expected: [ReportValues.Key: Decimal?], _ found: [(ReportValues.Key, Decimal?)]) {
        var seen: [ReportValues.Key: Decimal?] = [:]
        for (key, value) in found {
            if seen[key] != nil { problems.append("\(name) \(key): extracted twice") }
            seen[key] = value
        }
        for key in expected.keys.sorted(by: { $0.description < $1.description }) {
            guard let got = seen[key] else {
                problems.append("\(name) \(key): not extracted")
                continue
            }
            let want = expected[key]!
            if got != want { problems.append("\(name) \(key): expected \(show(want)), got \(show(got))") }
        }
        for key in seen.keys where expected[key] == nil { problems.append("\(name) \(key): not in the template") }
    }
    compare("三", ReportValues.byKey(values.expectedApplications),
            tables.applications.map { (ReportValues.Key(a: $0.rowKey, b: $0.columnKey), $0.cell.value) })
    compare("二", ReportValues.byKey(values.expectedActive),
            tables.activeDisclosure.map { (ReportValues.Key(a: $0.itemKey, b: $0.measureKey), $0.cell.value) })
    // The renderer writes amounts in 万元 (plain or with the unit), everything else as counts.
    for cell in tables.activeDisclosure where cell.unit != (cell.measureKey == "amount" ? .tenThousandYuan : .count) {
        problems.append("二 \(cell.itemKey)/\(cell.measureKey): unit \(cell.unit)")
    }
    compare("四", ReportValues.byKey(values.expectedReview),
            tables.reviewLitigation.map { (ReportValues.Key(a: $0.proceedingKey, b: $0.outcomeKey), $0.cell.value) })
    return problems
}

private func show(_ value: Decimal?) -> String { value.map { "\($0)" } ?? "nil" }

/// The identities evaluated, and those that failed.
func checkKeys(_ tables: ExtractedTables) -> (all: Set<CheckKey>, failed: Set<CheckKey>) {
    (Set(tables.checks.map(CheckKey.init)), Set(tables.checks.filter { !$0.passed }.map(CheckKey.init)))
}

/// Records one issue with everything needed to reproduce a failing rendering.
func expectRoundTrip(_ values: ReportValues, _ layout: Layout, _ style: RenderStyle,
                     sourceLocation: SourceLocation = #_sourceLocation) {
    let (texts, tables) = renderAndExtract(values, layout, style)
    let problems = cellMismatches(values, tables)
    #expect(problems.isEmpty, "\(layout) [\(style)]: \(problems.prefix(12))\n\(dump(texts))",
            sourceLocation: sourceLocation)
    #expect(tables.template == values.template, "\(layout) [\(style)]", sourceLocation: sourceLocation)
}

func dump(_ texts: [SectionKey: String]) -> String {
    [SectionKey.proactiveDisclosure, .applications, .reviewLitigation]
        .map { "--- \($0.rawValue)\n\(texts[$0] ?? "")" }.joined(separator: "\n")
}
