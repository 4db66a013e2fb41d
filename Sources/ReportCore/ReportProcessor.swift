import Foundation
import Ingest
import ReportModel
import ScriptNormalization
import SectionSegmentation
import SystemBytes
import TableExtraction
import Regions
import Consistency

/// The per-report core: one file's bytes through the stages, in the one order declared here (the
/// batch driver and the benchmark both run this). Pure apart from the converter it shares; the
/// driver reads the file and owns the result.
public struct ReportProcessor: Sendable {
    /// The stages, in order.
    public enum Stage: String, Sendable, CaseIterable {
        /// Bytes to text: the encoding detected, invalid bytes replaced; a PDF's or Word file's
        /// layout rebuilt as lines and table rows.
        case decode
        /// Text to a `Document` by its form's reader (plain text, Markdown, HTML).
        case read
        /// Pinyin annotations, traditional → simplified, character cleanup.
        case normalise
        /// Agency, year and publish date, page chrome.
        case metadata
        /// The preamble and the six sections, with their tables.
        case segment
        /// Tables 二, 三, 四, the template and the identities.
        case tables
    }

    let normalizer: ScriptNormalizer
    let extractor = TableExtractor()
    /// Nil: no agency is placed (`agency_key` … `level` stay empty).
    let regions: RegionResolver?

    public init(normalizer: ScriptNormalizer, regions: RegionResolver? = nil) {
        self.normalizer = normalizer
        self.regions = regions
    }

    public static func sha256Hex(_ data: Data) -> String {
        SHA256.hash(data: data).lowercaseHex
    }

    /// The stable report id: `r` and the first 16 hex digits of the content's SHA-256. The letter
    /// keeps every CSV reader from taking an all-digit id (`1234…`, `12e4…`) for a number.
    public static func reportID(sha256: String) -> String { "r" + sha256.prefix(16) }

    public func process(data: Data, sourcePath: String, sha256: String? = nil) -> ProcessedReport {
        process(data: data, sourcePath: sourcePath, sha256: sha256, after: { _ in })
    }

    /// `after` is called as each stage ends (the benchmark's clock); a stage that stops the
    /// report (an empty or binary file) is the last called.
    public func process(data: Data, sourcePath: String, sha256: String?, after: (Stage) -> Void) -> ProcessedReport {
        let digest = sha256 ?? Self.sha256Hex(data)
        var report = ProcessedReport(reportID: Self.reportID(sha256: digest), sourcePath: sourcePath, sourceSHA256: digest)

        guard var decoded = decode(data, sourcePath: sourcePath, into: &report) else {
            after(.decode)
            return report
        }
        after(.decode)
        // Bounded work: an HTML page too deeply nested or too large is refused before it is
        // parsed; lines of text with thousands of cells are dropped (`PageLimits`).
        let form = decoded.laidOut ? InputForm.text : InputForm.of(path: sourcePath, text: decoded.text)
        if form == .html, let tooComplex = PageLimits.htmlProblem(decoded.text) {
            report.errors.append(tooComplex)
            after(.read)
            return report
        }
        if form != .html, !PageLimits.bound(&decoded.text, report: &report) {
            after(.read)
            return report
        }
        let document = read(decoded.text, form: form, into: &report)
        after(.read)
        let normalized = normalise(document, into: &report)
        after(.normalise)
        let body = metadata(normalized, title: decoded.pdfTitle, into: &report)
        after(.metadata)
        let segmentation = segment(body, into: &report)
        after(.segment)
        tables(segmentation, into: &report)
        after(.tables)
        return report
    }

    /// A file's text, and where it came from.
    struct Decoded {
        var text: String
        /// Rebuilt from a PDF's or Word file's layout: read as plain text whatever it looks like.
        var laidOut = false
        /// The PDF's own Title (a fallback for the agency).
        var pdfTitle: String? = nil
    }

    func decode(_ data: Data, sourcePath: String, into report: inout ProcessedReport) -> Decoded? {
        switch FileKind.of(data) {
        case .pdf:
            switch PDFReader.read(data) {
            case .failure(let failure):
                report.errors.append(StageError(stage: .ingest, code: failure.code, message: failure.description))
                return nil
            case .success(let pdf):
                report.sourceEncoding = "pdf"
                return Decoded(text: PDFLayout.text(of: pdf.pages), laidOut: true, pdfTitle: pdf.title)
            }
        case .docx:
            switch DOCXReader.read(data) {
            case .failure(let failure):
                report.errors.append(StageError(stage: .ingest, code: failure.code, message: failure.description))
                return nil
            case .success(let lines):
                report.sourceEncoding = "docx"
                return Decoded(text: LaidOutLine.text(of: lines), laidOut: true)
            }
        case .legacyWord:
            report.errors.append(StageError(stage: .ingest, code: "unsupported_format",
                                            message: "\(sourcePath): a legacy Word (.doc) file; save it as .docx or PDF"))
            return nil
        case .text:
            break
        }
        let decoded: TextDecoder.Decoded
        do { decoded = try TextDecoder.decode(data) } catch {
            report.errors.append(StageError(stage: .ingest, code: error == .empty ? "empty_file" : "binary_file",
                                            message: error.description))
            return nil
        }
        report.sourceEncoding = decoded.encoding
        if decoded.nulBytes > 0 { report.flags.insert(.nulBytes) }
        if decoded.invalidSequences > 0 {
            report.flags.insert(.invalidBytes)
            report.errors.append(StageError(stage: .ingest, code: "invalid_bytes",
                                            message: "\(decoded.invalidSequences) invalid byte sequence(s) replaced by U+FFFD"))
        }
        return Decoded(text: decoded.text)
    }

    /// The document by the file's form; a page its parser cannot read is read as plain text.
    func read(_ text: String, form: InputForm, into report: inout ProcessedReport) -> Document {
        if let document = form.reader.read(text) { return document }
        report.errors.append(StageError(stage: .ingest, code: form == .html ? "html_unparsed" : "\(form.rawValue)_unparsed",
                                        message: "the \(form == .html ? "HTML" : form.rawValue) page could not be parsed; read as plain text"))
        return PlainTextReader().read(text) ?? Document(blocks: [.paragraph(text)])
    }

    func normalise(_ document: Document, into report: inout ProcessedReport) -> Document {
        let normalized = normalizer.normalize(document)
        report.sourceScript = normalized.summary.sourceScript
        if normalized.summary.pinyinAnnotationsRemoved > 0 { report.flags.insert(.pinyinAnnotations) }
        if normalized.summary.linesConverted > 0 { report.flags.insert(.scriptConverted) }
        // Spam brand tokens were cut out of the text; the report keeps the flag and the count.
        if !normalized.summary.spamTokens.isEmpty { report.flags.insert(.spamInjected) }
        report.spamTokensRemoved = normalized.summary.spamTokensRemoved
        return normalized.document
    }

    /// Metadata from the document's text (the PDF's own Title only when the text names no
    /// agency); the document without its page chrome.
    func metadata(_ document: Document, title: String?, into report: inout ProcessedReport) -> Document {
        let text = document.text
        report.metadata = MetadataExtractor.extract(from: text)
        if report.metadata.agency == nil, let title,
           let agency = MetadataExtractor.extract(from: normalizer.normalize(title).text, ignoring: []).agency {
            report.metadata.agency = agency
            report.flags.insert(.metadataFromPDFInfo)
        }
        if report.metadata.agency == nil { report.flags.insert(.noAgency) }
        if report.metadata.reportYear == nil { report.flags.insert(.noReportYear) }
        // (The path is not used here: the result is cached by content; `RenderedReport` narrows
        // an ambiguous region with the path at assembly.)
        if let regions, let agency = report.metadata.agency {
            let resolved = regions.resolve(agency: agency, year: report.metadata.reportYear, context: text.characterPrefix(600))
            report.region = resolved.agencyRegion
            if resolved.ambiguous { report.flags.insert(.regionAmbiguous) }
            if resolved.unknown { report.flags.insert(.regionUnknown) }
        }
        let (body, chromeLines) = PageChrome.strip(document)
        if chromeLines > 0 { report.flags.insert(.pageChrome) }
        return body
    }

    func segment(_ document: Document, into report: inout ProcessedReport) -> SectionSegmenter.Segmentation {
        let segmentation = SectionSegmenter.segment(document)
        report.sections = segmentation.sections
        if report.sectionsFound < 6 { report.flags.insert(.missingSections) }
        return segmentation
    }

    func tables(_ segmentation: SectionSegmenter.Segmentation, into report: inout ProcessedReport) {
        let tables = extractor.extract(TableExtractor.Input(
            sections: segmentation.sections, tables: segmentation.tables, reportYear: report.metadata.reportYear))
        report.tables = tables
        report.template = tables.template
        report.flags.formUnion(tables.flags)
        report.textComparisons = TextClaims.compare(sections: report.sections, tables: tables)

        report.status = status(of: report)
        if report.status == .failed {
            report.errors.append(StageError(stage: .segment, code: "not_a_report",
                                            message: "no standard section and no statistical table found"))
        }
    }

    func status(of report: ProcessedReport) -> ReportStatus {
        guard let tables = report.tables else { return .failed }
        if report.sectionsFound == 0 && tables.missingTables.count == 3 { return .failed }
        if report.sectionsFound < 6 || !tables.missingTables.isEmpty || tables.checksFailed > 0 { return .partial }
        return .ok
    }
}
