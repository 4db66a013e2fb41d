import CorpusGenerator
import Foundation
import Testing

/// The pipeline reads generated reports back: agency, year, publish date, template and every
/// table cell. A property test of the whole pipeline over every kind of report.
@Suite("Generated reports through the pipeline")
struct RoundTripTests {
    static let perKind = 15

    /// UTF-8 text (the bulk of a real corpus), and the rest: HTML pages, GB18030 and Big5 bytes.
    static var utf8Text: [ReportKind] { ReportKind.all.filter { $0.format == .text && $0.encoding == .utf8 } }
    static var others: [ReportKind] { ReportKind.all.filter { !($0.format == .text && $0.encoding == .utf8) } }

    @Test("UTF-8 text reports of every template, script and layout come back", arguments: [1, 2] as [UInt64])
    func utf8Text(seed: UInt64) throws {
        try roundTrip(seed: seed, kinds: Self.utf8Text)
    }

    @Test("HTML pages and GB18030/Big5 reports of every template and script come back")
    func otherKinds() throws {
        try roundTrip(seed: 1, kinds: Self.others)
    }

    @Test("The realistic mix comes back")
    func realisticMix() throws {
        let generator = try CorpusGenerator(seed: 11)
        var failures: [String] = []
        let tried = 200
        for index in 0..<tried {
            let report = generator.report(index: index)
            let problems = mismatches(report)
            if !problems.isEmpty { failures.append(describe(report, seed: 11, index: index, problems)) }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(tried) reports:\n\(failures.prefix(20).joined(separator: "\n"))")
    }

    func roundTrip(seed: UInt64, kinds: [ReportKind]) throws {
        let generator = try CorpusGenerator(seed: seed, mix: .uniform)
        var failures: [String] = []
        var index = 0
        for kind in kinds {
            for _ in 0..<Self.perKind {
                let report = generator.report(index: index, kind: kind)
                let problems = mismatches(report)
                if !problems.isEmpty { failures.append(describe(report, seed: seed, index: index, problems)) }
                index += 1
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(index) reports:\n\(failures.prefix(25).joined(separator: "\n"))")
    }
}

@Suite("Generated Markdown pages through the pipeline")
struct MarkdownRoundTripTests {
    @Test("Markdown pages of every template and script come back, cell for cell", arguments: [3, 4] as [UInt64])
    func markdownPages(seed: UInt64) throws {
        let generator = try CorpusGenerator(seed: seed, mix: .uniform)
        let kinds = ReportKind.all.filter { $0.format == .markdown }
        #expect(kinds.count == 4)
        var failures: [String] = []
        var index = 0
        for kind in kinds {
            for _ in 0..<25 {
                let report = generator.report(index: index, kind: kind)
                #expect(report.fileName.hasSuffix(".md"))
                // Saved as `.txt`, the same page is told by its marked-up headings.
                var asText = report
                asText.fileName = String(report.fileName.dropLast(3)) + ".txt"
                for copy in [report, asText] {
                    let problems = mismatches(copy)
                    if !problems.isEmpty { failures.append(describe(copy, seed: seed, index: index, problems)) }
                }
                index += 1
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(2 * index) reports:\n\(failures.prefix(10).joined(separator: "\n"))")
    }
}
