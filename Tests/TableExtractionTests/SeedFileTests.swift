@testable import CorpusGenerator
import Foundation
import ReportModel
import Testing
@testable import TableExtraction

/// The real seed documents in data/samples, cut into sections by their headings here (the
/// segmentation stage is not under test), against the values in PipelineTests' seeds-expected.json.
@Suite("Seed documents")
struct SeedFileTests {
    /// …/Tests
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    /// Section 二, 三, 四 bodies: the lines between the headings, found in order.
    static func sections(_ text: String) -> [SectionKey: String] {
        let lines = text.components(separatedBy: "\n")
        let headings: [(SectionKey, String, String)] = [
            (.proactiveDisclosure, "二、", "主动公开"), (.applications, "三、", "收到和处理"),
            (.reviewLitigation, "四、", "行政复议"), (.problems, "五、", "问题"),
        ]
        var starts: [(SectionKey, Int)] = []
        var from = 0
        for (key, numeral, word) in headings {
            guard let i = lines[from...].firstIndex(where: {
                let t = $0.trimmingCharacters(in: .whitespaces)
                return t.hasPrefix(numeral) && t.contains(word) && t.count < 40
            }) else { continue }
            starts.append((key, i))
            from = i + 1
        }
        var out: [SectionKey: String] = [:]
        for (n, (key, start)) in starts.enumerated() where key != .problems {
            let end = n + 1 < starts.count ? starts[n + 1].1 : lines.count
            out[key] = lines[(start + 1)..<end].joined(separator: "\n")
        }
        return out
    }

    static func expected(_ file: String) throws -> [String: Any] {
        let url = root.appendingPathComponent("PipelineTests/Fixtures/seeds-expected.json")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let reports = try #require(json?["reports"] as? [String: Any])
        return try #require(reports[file] as? [String: Any])
    }

    static func number(_ any: Any?) -> Decimal? {
        guard let n = any as? NSNumber else { return nil }
        return Decimal(string: n.stringValue)
    }

    @Test("simplified seeds: every table cell as expected", arguments: [
        "000_072a429792c31737.txt", "002_5b011f5e8cebd16c.txt", "003_96c85236d91434a5.txt", "004_070df74db560079b.txt",
    ])
    func seed(file: String) throws {
        let text = try String(contentsOf: Self.root.deletingLastPathComponent().appendingPathComponent("data/samples/\(file)"),
                              encoding: .utf8)
        let texts = Self.sections(text)
        #expect(texts.count == 3)
        let expected = try Self.expected(file)
        let tables = TableExtractor().extract(.init(sectionTexts: texts, reportYear: expected["report_year"] as? Int))
        #expect(tables.template == .t2021)

        let applications = try #require(expected["applications"] as? [String: [Any]])
        for (row, list) in applications {
            for (c, column) in Vocab.columnKeys.enumerated() {
                let got = tables.applications.first { $0.rowKey == row && $0.columnKey == column }
                let want = Self.number(list[c])
                if file.hasPrefix("000"), row == "partially_granted", column == "research_institution" {
                    // Empty in the source: missing (or 0) accepted, never anything else.
                    #expect(got != nil && (got!.cell.value == nil || got!.cell.value == 0))
                } else {
                    #expect(got?.cell.value == want, "\(row)/\(column)")
                }
            }
        }
        #expect(Set(tables.applications.map(\.rowKey)) == Set(applications.keys))

        let active = try #require(expected["active_disclosure"] as? [String: [String: Any]])
        for (item, measures) in active {
            for (measure, value) in measures {
                let got = tables.activeDisclosure.first { $0.itemKey == item && $0.measureKey == measure }
                #expect(got?.cell.value == Self.number(value), "\(item)/\(measure)")
            }
        }
        try checkReview(tables, expected)
        #expect(tables.checksFailed == 0)
        // Seed 000 has no 自然人 / 总计 header, an empty cell and no 3.其他 row; the others are whole.
        let seed000 = file.hasPrefix("000")
        #expect(tables.flags.contains(.missingHeaderCells) == seed000)
        #expect(tables.flags.contains(.emptyCells) == seed000)
        #expect(tables.flags.contains(.missingRows) == seed000)
        #expect(!tables.flags.contains(.shortRows) && !tables.flags.contains(.unreadableCells))
    }

    /// Seed 001 is in traditional script (normalised by an earlier stage); table 四 holds numbers only.
    @Test("seed 001: table 四 behind junk-padded header rows")
    func seed001Review() throws {
        let file = "001_cbaa75f9e60907ca.txt"
        let text = try String(contentsOf: Self.root.deletingLastPathComponent().appendingPathComponent("data/samples/\(file)"),
                              encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex { $0.hasPrefix("四、") && $0.contains("提起行政") })
        let end = try #require(lines.firstIndex { $0.hasPrefix("五、") })
        let section = lines[(start + 1)..<end].joined(separator: "\n")
        let tables = TableExtractor().extract(.init(sectionTexts: [.reviewLitigation: section]))
        try checkReview(tables, try Self.expected(file))
    }

    func checkReview(_ tables: ExtractedTables, _ expected: [String: Any]) throws {
        let review = try #require(expected["review_litigation"] as? [String: [String: Any]])
        for (proceeding, outcomes) in review {
            for (outcome, value) in outcomes {
                let got = tables.reviewLitigation.first { $0.proceedingKey == proceeding && $0.outcomeKey == outcome }
                #expect(got?.cell.value == Self.number(value), "\(proceeding)/\(outcome)")
            }
        }
    }
}
