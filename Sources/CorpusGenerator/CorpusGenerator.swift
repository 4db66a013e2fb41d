import Foundation
import ReportModel
import ScriptNormalization

/// What kind of file a generated report is.
public struct ReportKind: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `markdown`: a page as scrapers and HTML-to-Markdown converters write it (`.md`, UTF-8).
    public enum Format: String, Sendable, Codable, CaseIterable { case text, html, markdown }
    public enum Script: String, Sendable, Codable, CaseIterable { case simplified, traditional }
    public enum Encoding: String, Sendable, Codable, CaseIterable {
        case utf8 = "utf-8", gb18030, big5
    }

    /// The template's key (`2021`, `2019`).
    public var template: String
    public var format: Format
    public var script: Script
    /// Big5 only for traditional text.
    public var encoding: Encoding
    /// How the tables are flattened (text files; HTML pages have `<table>`s, Markdown pages GFM tables).
    public var layout: TableLayout

    public init(template: String, format: Format, script: Script, encoding: Encoding, layout: TableLayout) {
        self.template = template
        self.format = format
        self.script = script
        self.encoding = encoding
        self.layout = layout
    }

    public var description: String {
        "\(template)/\(format.rawValue)/\(script.rawValue)/\(encoding.rawValue)" + (format == .text ? "/\(layout.rawValue)" : "")
    }

    /// Every combination the generator makes (Big5 only with traditional script).
    public static var all: [ReportKind] {
        var kinds: [ReportKind] = []
        for template in Vocab.templates.map(\.key) {
            for format in Format.allCases {
                for script in Script.allCases {
                    for encoding in Encoding.allCases where encoding != .big5 || script == .traditional {
                        if format == .markdown, encoding != .utf8 { continue }
                        for layout in format == .text ? TableLayout.allCases : [format == .markdown ? .markdown : .pipe] {
                            kinds.append(ReportKind(template: template, format: format, script: script,
                                                    encoding: encoding, layout: layout))
                        }
                    }
                }
            }
        }
        return kinds
    }
}

/// A generated file and what the pipeline must read out of it.
public struct GeneratedReport: Sendable {
    public var fileName: String
    public var bytes: [UInt8]
    public var answers: Answers
}

/// The known answers for one file: one line of `answers.jsonl`.
public struct Answers: Sendable, Codable, Equatable {
    public struct Cell: Sendable, Codable, Equatable {
        /// item_key / row_key / proceeding_key
        public var key: String
        /// measure_key / column_key / outcome_key
        public var column: String
        /// The number as text (`668.57`, `-3`); nil for a cell left blank.
        public var value: String?
        /// The unit the cell states when it is not the measure's (`yuan` for `251000元` under 万元).
        public var unit: String? = nil
    }

    public var file: String
    public var agency: String
    public var reportYear: Int
    /// ISO date, nil when the page shows none.
    public var publishDate: String?
    public var template: String
    public var format: String
    public var script: String
    /// The encoding the bytes are in (`utf-8`, `gb18030`, `big5`).
    public var encoding: String
    public var layout: String
    public var activeDisclosure: [Cell]
    public var applications: [Cell]
    public var reviewLitigation: [Cell]
    /// The unseen forms the file shows (`damaged_labels`, `spam`, `crlf`…); absent when none.
    public var forms: [String]? = nil
    /// The spam brand token injected, if any: the pipeline must flag the report and cut it out.
    public var spam: String? = nil

    enum CodingKeys: String, CodingKey {
        case file, agency, template, format, script, encoding, layout, applications, forms, spam
        case reportYear = "report_year"
        case publishDate = "publish_date"
        case activeDisclosure = "active_disclosure"
        case reviewLitigation = "review_litigation"
    }

    /// One JSON object, keys sorted: the same answers give the same bytes.
    public func jsonLine() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }
}

/// How often each kind of file occurs.
public enum CorpusMix: String, Sendable, CaseIterable {
    /// As scraped: most files simplified UTF-8 text.
    case realistic
    /// Every kind equally often (for property tests).
    case uniform
}

/// Writes realistic reports with known answers, deterministically: report `index` of a seed is
/// the same bytes on every run and machine. The traditional pages go through OpenCC `s2t` (the
/// project's `ChineseConverter`; Big5 pages through `s2tw`, whose Taiwan-standard forms 為 眾 群
/// Big5 has, where OpenCC's standard 爲 衆 羣 are missing), the GB18030 and Big5 ones through iconv.
public struct CorpusGenerator: Sendable {
    public let seed: UInt64
    public let mix: CorpusMix
    let converter: ChineseConverter
    let taiwan: ChineseConverter
    /// Page forms forced on (true) or off (false) whatever their draw; the others drawn.
    public var pageForms: [PageForm: Bool] = [:]
    /// Text-noise forms forced on (true) or off (false) whatever their draw; the others drawn.
    public var noise: [TextNoise: Bool] = [:]

    public init(seed: UInt64, mix: CorpusMix = .realistic) throws {
        self.seed = seed
        self.mix = mix
        converter = try ChineseConverter(config: "s2t")
        taiwan = try ChineseConverter(config: "s2tw")
    }

    /// The kind of report `index`.
    public func kind(index: Int) -> ReportKind {
        var rng = SplitMix64(seed: seed, stream: 0, index: UInt64(index))
        if mix == .uniform { return rng.pick(ReportKind.all) }
        // The current template for 70% of reports, the older ones share the rest (a second draw
        // only when there is a choice, so that a seed's reports stay as they were).
        let older = Vocab.templates.dropFirst().map(\.key)
        let template = rng.chance(0.7) ? Vocab.templates[0].key : older.count == 1 ? older[0] : rng.pick(older)
        let format: ReportKind.Format = rng.chance(0.85) ? .text : .html
        let script: ReportKind.Script = rng.chance(0.88) ? .simplified : .traditional
        let encoding: ReportKind.Encoding = script == .simplified
            ? (rng.chance(0.85) ? .utf8 : .gb18030)
            : rng.weighted([(.utf8, 5), (.gb18030, 1), (.big5, 4)])
        let layout = rng.weighted([(TableLayout.pipe, 33), (.cellPerLine, 33), (.tab, 8), (.markdown, 8), (.spaces, 8),
                                   (.tabPadded, 5), (.pdf, 5)])
        // Markdown pages from a stream of their own, so that the other reports of a seed stay
        // the files they were before Markdown pages were generated.
        var pages = SplitMix64(seed: seed, stream: 2, index: UInt64(index))
        if pages.chance(0.08) {
            return ReportKind(template: template, format: .markdown, script: script, encoding: .utf8, layout: .markdown)
        }
        return ReportKind(template: template, format: format, script: script, encoding: encoding, layout: layout)
    }

    public func report(index: Int) -> GeneratedReport {
        report(index: index, kind: kind(index: index))
    }

    public func report(index: Int, kind: ReportKind) -> GeneratedReport {
        report(index: index, kind: kind, series: nil)
    }

    func report(index: Int, kind: ReportKind, series: SeriesReport?) -> GeneratedReport {
        var rng = SplitMix64(seed: seed, stream: 1, index: UInt64(index))
        var builder = ReportBuilder(kind: kind, rng: rng)
        builder.series = series
        let document = builder.build()
        rng = builder.rng
        var text = document.text
        var forms = document.forms
        // Page forms on the simplified page as rendered, each from its own stream (drawn also
        // when forced, so that a forced report is the drawn one's bytes). A page's tables are
        // drawn one way: of the table forms drawn, the first that fits (one forced on first).
        var tablesDrawn = false
        let forced = PageForm.allCases.filter { pageForms[$0] == true }
        for form in forced + PageForm.allCases.filter({ !forced.contains($0) }) {
            var formRng = SplitMix64(seed: seed, stream: form.stream, index: UInt64(index))
            let drawn = formRng.chance(form.rate)
            guard pageForms[form] ?? drawn, form.fits(kind), !(form.redrawsTables && tablesDrawn),
                  let changed = form.apply(to: text, rng: &formRng) else { continue }
            text = changed
            forms.append(form.rawValue)
            tablesDrawn = tablesDrawn || form.redrawsTables
        }
        // Spam from its own stream: the other reports keep their bytes. (Not stream 2: its first
        // draw makes the Markdown pages, and spam would land on nothing else.)
        var spamRng = SplitMix64(seed: seed, stream: 8, index: UInt64(index))
        var spam: String? = nil
        if spamRng.chance(0.04) {
            let token = SpamInjection.token(&spamRng, avoiding: text)
            if let injected = SpamInjection.inject(token, into: text, html: kind.format == .html, rng: &spamRng) {
                text = injected
                spam = token
                forms.append("spam")
            }
        }
        if kind.script == .traditional {
            text = (kind.encoding == .big5 ? taiwan : converter).convert(text)
            if kind.encoding != .big5, rng.chance(0.5) { text = Noise.annotatePinyin(text, rng: &rng) }
        }
        // Text noise on the page as rendered, each form from its own stream (drawn also when
        // forced, so that a forced report is the drawn one's bytes).
        for form in TextNoise.allCases {
            var noiseRng = SplitMix64(seed: seed, stream: form.stream, index: UInt64(index))
            let drawn = noiseRng.chance(form.rate)
            guard noise[form] ?? drawn, form.fits(kind.encoding) else { continue }
            let noisy = form.apply(to: text, format: kind.format, rng: &noiseRng)
            if !noisy.utf8.elementsEqual(text.utf8) {
                text = noisy
                forms.append(form.rawValue)
            }
        }
        var encoding = kind.encoding
        var bytes: [UInt8]
        if encoding == .utf8 {
            bytes = Array(text.utf8)
        } else if let encoded = Transcoder.encode(encoding == .big5 ? Noise.nbspToQuestionMarks(text) : text,
                                                  to: encoding.rawValue.uppercased()) {
            bytes = encoded
        } else {
            // A character the charset lacks: such a page is published in UTF-8.
            encoding = .utf8
            bytes = Array(text.utf8)
        }
        if encoding == .utf8, rng.chance(0.05) { bytes = [0xEF, 0xBB, 0xBF] + bytes }  // a BOM now and then
        let name = String(format: "%06d.%@", index, kind.format == .html ? "html" : kind.format == .markdown ? "md" : "txt")
        var answers = Answers(
            file: name, agency: document.agency, reportYear: document.year, publishDate: document.publishDate,
            template: kind.template, format: kind.format.rawValue, script: kind.script.rawValue,
            encoding: encoding.rawValue,
            layout: kind.format == .html ? "html" : kind.format == .markdown ? "markdown_page" : kind.layout.rawValue,
            activeDisclosure: document.values.expectedActive.map(Self.cell),
            applications: document.values.expectedApplications.map(Self.cell),
            reviewLitigation: document.values.expectedReview.map(Self.cell),
            forms: forms.isEmpty ? nil : forms, spam: spam)
        if forms.contains("fee_in_yuan") {
            // The fee as the cell states it: in 元.
            answers.activeDisclosure = answers.activeDisclosure.map { cell in
                guard cell.key == "admin_fees", cell.column == "amount", let v = cell.value.flatMap({ Decimal(string: $0) }) else { return cell }
                return Answers.Cell(key: cell.key, column: cell.column, value: "\(v * 10000)", unit: "yuan")
            }
        }
        return GeneratedReport(fileName: name, bytes: bytes, answers: answers)
    }

    static func cell(_ c: TableValues.Cell) -> Answers.Cell {
        Answers.Cell(key: c.a, column: c.b, value: c.value.map { "\($0)" })
    }
}
