import CorpusGenerator
import Foundation
import Testing

/// The text-noise forms as generator switches: each lands in the bytes of every format, only adds
/// its own characters between tokens, and leaves the reports without it as they were.
@Suite("Text noise in generated reports")
struct TextNoiseTests {
    static let off = Dictionary(uniqueKeysWithValues: TextNoise.allCases.map { ($0, false) })

    /// UTF-8 kinds of each format the form lands in (the bytes are the text): full-width pipes
    /// only in text files' pipe tables.
    static func utf8Kinds(_ form: TextNoise) -> [ReportKind] {
        let kinds = ReportKind.all.filter { $0.encoding == .utf8 }
        if form == .fullwidthMix { return kinds.filter { $0.format == .text && [.pipe, .markdown].contains($0.layout) } }
        return ReportKind.Format.allCases.flatMap { format in kinds.filter { $0.format == format }.prefix(3) }
    }

    /// The page with the form forced on, and the same page with every form off.
    static func pair(_ form: TextNoise, index: Int, kind: ReportKind) throws -> (noisy: GeneratedReport, clean: GeneratedReport) {
        var generator = try CorpusGenerator(seed: 21, mix: .uniform)
        // (No page form either: a table drawn otherwise has no pipe rows for `fullwidth_mix`.)
        generator.pageForms = Dictionary(uniqueKeysWithValues: PageForm.allCases.map { ($0, false) })
        generator.noise = off.merging([form: true]) { $1 }
        let noisy = generator.report(index: index, kind: kind)
        generator.noise = off
        return (noisy, generator.report(index: index, kind: kind))
    }

    @Test("each form is in the bytes of text, Markdown and HTML pages, and recorded", arguments: TextNoise.allCases)
    func formInBytes(form: TextNoise) throws {
        for (i, kind) in Self.utf8Kinds(form).enumerated() {
            let (noisy, clean) = try Self.pair(form, index: i, kind: kind)
            let text = String(decoding: noisy.bytes, as: UTF8.self)
            #expect(noisy.answers.forms?.contains(form.rawValue) == true, "\(kind)")
            #expect(clean.answers.forms?.contains(form.rawValue) != true, "\(kind)")
            #expect(noisy.answers.activeDisclosure == clean.answers.activeDisclosure)
            #expect(noisy.answers.applications == clean.answers.applications)
            #expect(noisy.answers.reviewLitigation == clean.answers.reviewLitigation)
            switch form {
            case .crlf:
                // Every line feed after a carriage return, and nothing else changed.
                #expect(noisy.bytes.count == clean.bytes.count + clean.bytes.count { $0 == 0x0A }, "\(kind)")
                #expect(!zip(noisy.bytes, noisy.bytes.dropFirst()).contains { $1 == 0x0A && $0 != 0x0D }, "\(kind)")
                #expect(noisy.bytes.filter { $0 != 0x0D } == clean.bytes, "\(kind)")
            case .zeroWidth:
                #expect(text.unicodeScalars.contains("\u{200B}"), "\(kind)")
            case .joiners:
                #expect(text.unicodeScalars.contains { ["\u{200D}", "\u{200C}", "\u{034F}", "\u{FE0F}"].contains($0) }, "\(kind)")
            case .fullwidthMix:
                // Whole rows: every separator of a row full-width, and nothing else changed.
                #expect(text.contains("｜"), "\(kind)")
                #expect(!text.split(separator: "\n").contains { $0.contains("｜") && $0.contains("|") }, "\(kind)")
                #expect(text.replacingOccurrences(of: "｜", with: "|") == String(decoding: clean.bytes, as: UTF8.self), "\(kind)")
            case .nbsp:
                #expect(text.unicodeScalars.count { ["\u{00A0}", "\u{2002}", "\u{2003}"].contains($0) }
                        > String(decoding: clean.bytes, as: UTF8.self).unicodeScalars.count { ["\u{00A0}", "\u{2002}", "\u{2003}"].contains($0) },
                        "\(kind)")
            }
        }
    }

    /// The noisy page is the clean one with characters of the form's set added, none of them
    /// between two digits (inside a number). (Full-width pipes replace, see above.)
    @Test("a form only adds its characters, never inside a number", arguments: TextNoise.allCases.filter { $0 != .fullwidthMix })
    func onlyAdds(form: TextNoise) throws {
        for (i, kind) in Self.utf8Kinds(form).enumerated() {
            let (noisy, clean) = try Self.pair(form, index: 100 + i, kind: kind)
            let n = Array(String(decoding: noisy.bytes, as: UTF8.self).unicodeScalars)
            let c = Array(String(decoding: clean.bytes, as: UTF8.self).unicodeScalars)
            var j = 0
            var added = 0
            var strays: [String] = []
            for (k, scalar) in n.enumerated() {
                if j < c.count, scalar == c[j] {
                    j += 1
                    continue
                }
                added += 1
                if !form.characters.contains(scalar) { strays.append("U+\(String(scalar.value, radix: 16)) at \(k)") }
                if k > 0, k + 1 < n.count, ("0"..."9").contains(n[k - 1]), ("0"..."9").contains(n[k + 1]) {
                    strays.append("inside a number at \(k)")
                }
            }
            #expect(j == c.count, "\(kind): the clean page is not inside the noisy one")
            #expect(added > 10, "\(kind)")
            #expect(strays.isEmpty, "\(kind): \(strays.prefix(5))")
        }
    }

    /// Agency, year, publish date, template and every cell as the same page without noise gives
    /// them (the page chrome, titles and date lines take the noise too).
    @Test("a noisy page reads as the clean one, metadata and all", arguments: TextNoise.allCases)
    func readsAsClean(form: TextNoise) throws {
        var generator = try CorpusGenerator(seed: 10, mix: .uniform)
        generator.noise = Self.off.merging([form: true]) { $1 }
        var clean = generator
        clean.noise = Self.off
        var failures: [String] = []
        for index in 0..<60 {
            let report = generator.report(index: index)
            let problems = mismatches(report)
            if problems != mismatches(clean.report(index: index)) { failures.append(describe(report, seed: 10, index: index, problems)) }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test("reports without a form keep their bytes; each form is in 2 to 6 % of the realistic mix")
    func othersUnchanged() throws {
        let drawn = try CorpusGenerator(seed: 8)
        var forcedOff = drawn
        forcedOff.noise = Self.off
        var counts: [String: Int] = [:]
        var compared = 0
        for index in 0..<1500 {
            let forms = drawn.report(index: index).answers.forms ?? []
            for form in TextNoise.allCases where forms.contains(form.rawValue) { counts[form.rawValue, default: 0] += 1 }
            if index < 150, !TextNoise.allCases.contains(where: { forms.contains($0.rawValue) }) {
                #expect(drawn.report(index: index).bytes == forcedOff.report(index: index).bytes, "index \(index)")
                compared += 1
            }
        }
        #expect(compared > 110)
        for form in TextNoise.allCases {
            // (Big5 pages take only the line ends.)
            #expect((30...90).contains(counts[form.rawValue] ?? 0), "\(form): \(counts)")
        }
    }
}
