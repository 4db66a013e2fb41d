@testable import CorpusGenerator
import Foundation
import PropertyBased
import ReportModel
import Testing
@testable import TableExtraction

/// Free numbers for a table: result cells, 二 and 四 of table 三, table 四's outcomes, table 二.
private let freeNumbers = Gen.int(in: 0...3000).array(of: 180)
/// Drives the rendering style (labels, numbering, brackets, quotes, number formats, headers, junk).
private let styleSeeds = Gen.int(in: 0...Int.max)
private let breakCodes = Gen.int(in: 0...1_000_000)

@Suite("Properties: random consistent tables")
struct PropertyTests {
    @Test("a consistent table, rendered in any style, extracts back equal with every check passing",
          arguments: Layout.allCases, templates)
    func consistentRoundTrip(layout: Layout, template: TemplateKind) async {
        await propertyCheck(count: 40, input: freeNumbers, styleSeeds) { numbers, seed in
            let values = ReportValues.consistent(template, numbers: numbers)
            let style = RenderStyle.random(seed: UInt64(seed))
            let (texts, tables) = renderAndExtract(values, layout, style)
            let problems = cellMismatches(values, tables)
            #expect(problems.isEmpty, "[\(style)]: \(problems.prefix(12))\n\(dump(texts))")
            #expect(tables.template == template, "[\(style)]")
            let checks = checkKeys(tables)
            #expect(checks.all == values.allCheckKeys, "[\(style)]")
            #expect(checks.failed.isEmpty, "[\(style)]: \(checks.failed.sorted())")
            #expect(tables.cellsFound == tables.cellsExpected, "[\(style)]")
            #expect(!tables.flags.contains(.checksFailed), "[\(style)]")
        }
    }

    @Test("one identity broken gives exactly the corresponding failed checks", arguments: Layout.allCases, templates)
    func brokenIdentity(layout: Layout, template: TemplateKind) async {
        await propertyCheck(count: 40, input: freeNumbers, styleSeeds, breakCodes) { numbers, seed, code in
            let change = Break.decode(code, template: template)
            let values = change.apply(ReportValues.consistent(template, numbers: numbers))
            let style = RenderStyle.random(seed: UInt64(seed))
            let (texts, tables) = renderAndExtract(values, layout, style)
            let problems = cellMismatches(values, tables)
            #expect(problems.isEmpty, "\(change) [\(style)]: \(problems.prefix(12))\n\(dump(texts))")
            let checks = checkKeys(tables)
            #expect(checks.all == values.allCheckKeys, "\(change) [\(style)]")
            let expected = change.expectedFailures(template)
            #expect(checks.failed == expected, "\(change) [\(style)]: expected \(expected.sorted()), got \(checks.failed.sorted())")
            #expect(tables.checksFailed == expected.count, "\(change)")
            #expect(tables.flags.contains(.checksFailed), "\(change)")
            // A failed identity is reported with the numbers it compared, never repaired.
            for check in tables.checks where !check.passed { #expect(check.lhs != check.rhs) }
        }
    }

    @Test("the renderer's consistent tables do satisfy the identities", arguments: templates)
    func generatorSanity(template: TemplateKind) async {
        await propertyCheck(count: 50, input: freeNumbers) { numbers in
            let v = ReportValues.consistent(template, numbers: numbers)
            let rows = v.rows
            let index = { (key: String) in rows.firstIndex { $0.key == key }! }
            for c in 0..<7 {
                let a = v.applications[index("new_received")][c]!, b = v.applications[index("carried_over")][c]!
                let t = v.applications[index("results_total")][c]!, f = v.applications[index("carried_forward")][c]!
                #expect(a + b == t + f)
                #expect(a >= 0 && b >= 0)
                let sum = rows.indices.filter { rows[$0].role == .result }.reduce(Decimal(0)) { $0 + v.applications[$1][c]! }
                #expect(t == sum)
            }
            for row in v.applications { #expect(row[6]! == row[0..<6].reduce(Decimal(0)) { $0 + $1! }) }
            for p in 0..<3 { #expect(v.review[p * 5 + 4]! == v.review[(p * 5)..<(p * 5 + 4)].reduce(Decimal(0)) { $0 + $1! }) }
        }
    }
}
