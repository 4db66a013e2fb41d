import CorpusGenerator
import Foundation
import Testing

@Suite("Corpus generator")
struct CorpusGeneratorTests {
    @Test("The same seed gives the same bytes and answers; another seed does not")
    func deterministic() throws {
        let a = try CorpusGenerator(seed: 42)
        let b = try CorpusGenerator(seed: 42)
        let c = try CorpusGenerator(seed: 43)
        var differ = 0
        for index in 0..<60 {
            let x = a.report(index: index), y = b.report(index: index)
            #expect(x.bytes == y.bytes, "index \(index)")
            #expect(x.answers.jsonLine() == y.answers.jsonLine(), "index \(index)")
            if c.report(index: index).bytes != x.bytes { differ += 1 }
        }
        #expect(differ == 60)
        // A report does not depend on which reports were generated before it.
        #expect(a.report(index: 17).bytes == b.report(index: 17).bytes)
    }

    @Test("The realistic mix is mostly simplified UTF-8 text, and has every kind of file")
    func realisticMix() throws {
        let generator = try CorpusGenerator(seed: 7)
        let kinds = (0..<2000).map { generator.kind(index: $0) }
        let plain = kinds.filter { $0.format == .text && $0.script == .simplified && $0.encoding == .utf8 }.count
        #expect(plain > 1000 && plain < 1600)
        #expect(Set(kinds.map(\.encoding)) == Set(ReportKind.Encoding.allCases))
        #expect(Set(kinds.map(\.layout)) == Set(TableLayout.allCases))
        #expect(Set(kinds.map(\.format)) == Set(ReportKind.Format.allCases))
        #expect(!kinds.contains { $0.encoding == .big5 && $0.script == .simplified })
    }

    /// Spam and Markdown pages were drawn from the same first number of one stream: every spam
    /// page was a Markdown page.
    @Test("Spam lands on text files, HTML and Markdown pages alike")
    func spamOnEveryFormat() throws {
        let generator = try CorpusGenerator(seed: 7)
        var formats: [String: Int] = [:]
        for index in 0..<800 {
            let answers = generator.report(index: index).answers
            if answers.spam != nil { formats[answers.format, default: 0] += 1 }
        }
        #expect(formats["text", default: 0] > 10, "\(formats)")
        #expect(formats["html", default: 0] > 0, "\(formats)")
        #expect(formats.values.reduce(0, +) < 60, "\(formats)")
    }

    @Test("Every kind can be generated in its own encoding, with answers that satisfy the identities")
    func everyKind() throws {
        let generator = try CorpusGenerator(seed: 3, mix: .uniform)
        for (i, kind) in ReportKind.all.enumerated() {
            let report = generator.report(index: i, kind: kind)
            #expect(report.answers.encoding == kind.encoding.rawValue, "\(kind): fell back to \(report.answers.encoding)")
            #expect(report.bytes.count > 3000, "\(kind)")
            // 总计 = the six applicant columns, per row.
            var rows: [String: [String: Decimal]] = [:]
            for cell in report.answers.applications {
                rows[cell.key, default: [:]][cell.column] = cell.value.flatMap { Decimal(string: $0) }
            }
            for (row, cells) in rows {
                let sum = cells.filter { $0.key != "total" }.values.reduce(0, +)
                #expect(cells["total"] == sum, "\(kind) \(row)")
            }
        }
    }
}
