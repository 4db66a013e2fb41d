@testable import CorpusGenerator
import Foundation
import Testing

/// The page forms as switches with known answers: each forced on over pages it fits, read back
/// by the pipeline with no value in a wrong cell and every cell found (stray blank lines: the
/// rows whose total cannot settle them stay missing, which is allowed up to a bound).
@Suite("Page forms")
struct PageFormTests {
    /// Pages of kinds the form fits, the form forced on, and the same pages without it.
    static func pages(_ form: PageForm, count: Int) throws -> (with: [GeneratedReport], without: [GeneratedReport]) {
        var on = try CorpusGenerator(seed: 17, mix: .uniform)
        on.pageForms[form] = true
        var off = on
        off.pageForms[form] = false
        var with: [GeneratedReport] = [], without: [GeneratedReport] = []
        var index = 0
        while with.count < count, index < count * 40 {
            let kind = on.kind(index: index)
            if form.fits(kind) {
                let report = on.report(index: index, kind: kind)
                if report.answers.forms?.contains(form.rawValue) == true {
                    with.append(report)
                    without.append(off.report(index: index, kind: kind))
                }
            }
            index += 1
        }
        return (with, without)
    }

    @Test("each page form is read back: no wrong cell, no cell lost", arguments: PageForm.allCases)
    func readBack(form: PageForm) throws {
        let (with, without) = try Self.pages(form, count: 40)
        #expect(with.count >= 20, "\(form): \(with.count) pages")
        var score = Score(), plain = Score()
        for report in with { score.add(report) }
        for report in without { plain.add(report) }
        print("\(form):\n" + score.table)
        #expect(score.all.wrong == 0, "\(score.wrongExamples)")
        #expect(score.all.identityFailures == 0)
        if form == .strayBlankLines {
            // A stray blank line in a row whose own values do not settle it leaves the row missing.
            #expect(Double(score.all.right) >= 0.97 * Double(plain.all.right), "\(score.table)")
        } else {
            #expect(score.all.right == plain.all.right, "\(score.table)\n\(plain.table)")
        }
    }

    @Test("the forms write what they say")
    func shapes() throws {
        func text(_ form: PageForm) throws -> String {
            let report = try Self.pages(form, count: 8).with.first { $0.answers.encoding == "utf-8" }!
            return String(decoding: report.bytes, as: UTF8.self)
        }
        let drawn = try text(.drawnTables)
        #expect(["│", "┃", "║"].contains { drawn.contains($0) } && !drawn.contains(" | "))
        let grid = try text(.gridTables)
        #expect(grid.contains("+------+") && grid.contains("+======+"))
        let single = try text(.singleSpaceRows)
        #expect(!single.contains(" | ") && single.contains("章 "))
        let headings = try text(.headingNumbers)
        #expect(!headings.contains("二、主动公开") && !headings.contains("二、行政机关主动公开"))
        let quoted = try text(.quotedCells)
        #expect(quoted.contains("\"规章\"") || quoted.contains("\"行政规范性文件\""))
        let blanks = try Self.pages(.strayBlankLines, count: 1)
        #expect(blanks.with[0].bytes.count > blanks.without[0].bytes.count)
    }

    /// A report the form is not drawn for keeps its bytes.
    @Test("reports without the form keep their bytes")
    func othersUnchanged() throws {
        let drawn = try CorpusGenerator(seed: 17, mix: .uniform)
        var off = drawn
        for form in PageForm.allCases { off.pageForms[form] = false }
        for index in 0..<200 {
            let report = drawn.report(index: index)
            let pageForms = Set(PageForm.allCases.map(\.rawValue))
            guard !(report.answers.forms ?? []).contains(where: pageForms.contains) else { continue }
            #expect(report.bytes == off.report(index: index).bytes)
        }
    }
}
