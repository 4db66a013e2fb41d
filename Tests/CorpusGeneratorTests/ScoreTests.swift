import CorpusGenerator
import Foundation
import Pipeline
import ReportModel
import Testing

/// Cells right, missing and wrong per input form, spam recall and identity failures, over
/// generated reports with known answers. A value in a wrong cell is counted apart from a
/// missing one: the first must be 0, the second is a gap an analyst sees.
struct Score {
    struct Tally {
        var reports = 0, cells = 0, right = 0, missing = 0, wrong = 0, identityFailures = 0
        var spamReports = 0, spamFlagged = 0, spamLeft = 0, falseSpam = 0
        mutating func add(_ other: Tally) {
            reports += other.reports; cells += other.cells; right += other.right; missing += other.missing
            wrong += other.wrong; identityFailures += other.identityFailures; spamReports += other.spamReports
            spamFlagged += other.spamFlagged; spamLeft += other.spamLeft; falseSpam += other.falseSpam
        }
    }

    var byForm: [String: Tally] = [:]
    var all = Tally()
    var wrongExamples: [String] = []

    /// The forms a report counts under: its layout (or `html`), and each unseen form it shows.
    static func forms(_ a: Answers) -> [String] { [a.layout] + (a.forms ?? []) }

    mutating func add(_ report: GeneratedReport) {
        let processed = Shared.processor.process(data: Data(report.bytes), sourcePath: report.fileName)
        let a = report.answers
        var t = Tally()
        t.reports = 1
        let tables = processed.tables
        func tally(_ expected: [Answers.Cell], _ found: [(String, String, Decimal?)]) {
            var got: [String: Decimal?] = [:]
            for (k, c, v) in found { got.updateValue(v, forKey: k + "/" + c) }
            for cell in expected {
                t.cells += 1
                let key = cell.key + "/" + cell.column
                let value = got.removeValue(forKey: key) ?? nil
                let want = cell.value.flatMap { Decimal(string: $0) }
                if value == want { t.right += 1 } else if value == nil { t.missing += 1 } else {
                    t.wrong += 1
                    if wrongExamples.count < 20 { wrongExamples.append("\(a.file) [\(Self.forms(a))] \(key): \(want.map { "\($0)" } ?? "nil") -> \(value.map { "\($0)" } ?? "nil")") }
                }
            }
            // Values in cells the template does not have.
            for (key, value) in got where value != nil {
                t.wrong += 1
                if wrongExamples.count < 20 { wrongExamples.append("\(a.file) \(key): not in the template") }
            }
        }
        tally(a.activeDisclosure, tables?.activeDisclosure.map { ($0.itemKey, $0.measureKey, $0.cell.value) } ?? [])
        // A value stated in another unit than the measure's must carry it.
        for cell in a.activeDisclosure where cell.unit != nil {
            let found = tables?.activeDisclosure.first { $0.itemKey == cell.key && $0.measureKey == cell.column }
            if let found, found.cell.value != nil, found.unit.rawValue != cell.unit {
                t.wrong += 1
                t.right -= 1
                wrongExamples.append("\(a.file) \(cell.key)/\(cell.column): unit \(found.unit.rawValue), expected \(cell.unit!)")
            }
        }
        tally(a.applications, tables?.applications.map { ($0.rowKey, $0.columnKey, $0.cell.value) } ?? [])
        tally(a.reviewLitigation, tables?.reviewLitigation.map { ($0.proceedingKey, $0.outcomeKey, $0.cell.value) } ?? [])
        // The generated tables satisfy every identity: a failure is the reader's.
        t.identityFailures = tables?.checksFailed ?? 0
        let flagged = processed.flags.contains(.spamInjected)
        if let token = a.spam {
            t.spamReports = 1
            t.spamFlagged = flagged ? 1 : 0
            t.spamLeft = processed.sections.contains { $0.text.contains(token) || $0.title.contains(token) } ? 1 : 0
        } else if flagged {
            t.falseSpam = 1
        }
        all.add(t)
        for form in Self.forms(a) { byForm[form, default: Tally()].add(t) }
    }

    /// The README's table.
    var table: String {
        func pct(_ n: Int, _ d: Int) -> String { d == 0 ? "–" : String(format: "%.5f", Double(n) / Double(d)) }
        var lines = ["| form | reports | cells | right | missing | wrong | identity failures | spam flagged |",
                     "|---|---|---|---|---|---|---|---|"]
        for (form, t) in byForm.sorted(by: { $0.key < $1.key }) + [("all", all)] {
            lines.append("| \(form) | \(t.reports) | \(t.cells) | \(pct(t.right, t.cells)) | \(t.missing) | \(t.wrong) | \(t.identityFailures) | "
                         + (t.spamReports > 0 ? "\(t.spamFlagged)/\(t.spamReports)" : "–") + " |")
        }
        return lines.joined(separator: "\n")
    }
}

@Suite("Score on generated reports")
struct ScoreTests {
    /// Every form of the realistic mix: no value in a wrong cell, every spam report flagged and its
    /// token cut out, no identity failure the source does not have.
    @Test("the realistic mix: no wrong cell, spam found and cut")
    func realistic() throws {
        let count = ProcessInfo.processInfo.environment["SCORE_COUNT"].flatMap(Int.init) ?? 300
        let seed = ProcessInfo.processInfo.environment["SCORE_SEED"].flatMap(UInt64.init) ?? 3
        let generator = try CorpusGenerator(seed: seed)
        var score = Score()
        for index in 0..<count { score.add(generator.report(index: index)) }
        print("score over \(count) reports, seed \(seed):\n" + score.table)
        #expect(score.all.wrong == 0, "\(score.wrongExamples)")
        #expect(score.all.spamFlagged == score.all.spamReports)
        #expect(score.all.spamLeft == 0)
        #expect(score.all.falseSpam == 0)
        #expect(score.all.identityFailures == 0)
        #expect(Double(score.all.right) / Double(score.all.cells) > 0.99)
    }

    /// Each unseen form on its own, forced: uniform kinds of the new layouts.
    @Test("each new layout comes back", arguments: [TableLayout.tabPadded, .pdf])
    func newLayouts(layout: TableLayout) throws {
        let generator = try CorpusGenerator(seed: 5, mix: .uniform)
        var score = Score()
        var index = 0
        for kind in ReportKind.all where kind.layout == layout && kind.format == .text {
            for _ in 0..<10 {
                score.add(generator.report(index: index, kind: kind))
                index += 1
            }
        }
        #expect(score.all.reports > 0)
        #expect(score.all.wrong == 0, "\(score.wrongExamples)")
        #expect(score.all.missing == 0, "\(score.table)")
    }

    static func savedAsText(_ page: GeneratedReport) -> GeneratedReport {
        var copy = page
        copy.fileName = String(page.fileName.dropLast(3)) + ".txt"
        return copy
    }

    /// Each text-noise form forced on (the others off) over reports of every kind, against the
    /// same reports without noise: no value in a wrong cell, and every cell the clean page gives.
    @Test("each text-noise form reads as the clean page", arguments: TextNoise.allCases)
    func textNoise(form: TextNoise) throws {
        let off = Dictionary(uniqueKeysWithValues: TextNoise.allCases.map { ($0, false) })
        var noisy = try CorpusGenerator(seed: 9, mix: .uniform)
        noisy.noise = off.merging([form: true]) { $1 }
        var clean = noisy
        clean.noise = off
        var withNoise = Score(), without = Score()
        // Full-width pipes only land in text files' pipe tables: those kinds.
        let kinds = form == .fullwidthMix ? ReportKind.all.filter { $0.format == .text && [.pipe, .markdown].contains($0.layout) } : nil
        for index in 0..<160 {
            let kind = kinds.map { $0[index % $0.count] }
            let report = kind.map { noisy.report(index: index, kind: $0) } ?? noisy.report(index: index)
            // (Big5 pages take only the line ends and full-width pipes.)
            guard report.answers.forms?.contains(form.rawValue) == true else { continue }
            let cleanReport = kind.map { clean.report(index: index, kind: $0) } ?? clean.report(index: index)
            withNoise.add(report)
            without.add(cleanReport)
            // A Markdown page saved as `.txt` is told by its marked-up headings, CRLF or not.
            if report.fileName.hasSuffix(".md") {
                withNoise.add(Self.savedAsText(report))
                without.add(Self.savedAsText(cleanReport))
            }
        }
        print("\(form.rawValue):\n" + withNoise.table)
        #expect(withNoise.all.reports >= (form == .crlf ? 160 : 120))
        #expect(withNoise.all.wrong == 0, "\(withNoise.wrongExamples)")
        #expect(withNoise.all.identityFailures == 0)
        #expect(withNoise.all.right == without.all.right, "\(withNoise.table)\n\(without.table)")
        #expect(Double(withNoise.all.right) / Double(withNoise.all.cells) > 0.999)
        #expect(withNoise.all.spamFlagged == withNoise.all.spamReports)
        #expect(withNoise.all.falseSpam == 0)
    }
}
