import SystemBytes
import Foundation
import Ingest
import ReportModel
import ScriptNormalization
import SectionSegmentation
import TableExtraction
import Regions
import Consistency

/// Runs the stages over one file's bytes. Pure apart from the converter it shares; the driver
/// reads the file and owns the result.
public struct ReportProcessor: Sendable {
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
        let digest = sha256 ?? Self.sha256Hex(data)
        var report = ProcessedReport(reportID: Self.reportID(sha256: digest), sourcePath: sourcePath, sourceSHA256: digest)

        // 1. ingest
        var text: String
        var pdfTitle: String? = nil
        switch IngestForm.of(data) {
        case .pdf:
            switch PDFReader.read(data) {
            case .failure(let failure):
                report.errors.append(StageError(stage: .ingest, code: failure.code, message: failure.description))
                return report
            case .success(let document):
                report.sourceEncoding = "pdf"
                text = PDFLayout.text(of: document.pages)
                pdfTitle = document.title
            }
        case .legacyWord:
            report.errors.append(StageError(stage: .ingest, code: "unsupported_format",
                                            message: "\(sourcePath): a legacy Word (.doc) file; save it as .docx or PDF"))
            return report
        case .text:
            let decoded: TextDecoder.Decoded
            do { decoded = try TextDecoder.decode(data) } catch {
                report.errors.append(StageError(stage: .ingest, code: error == .empty ? "empty_file" : "binary_file",
                                                message: error.description))
                return report
            }
            report.sourceEncoding = decoded.encoding
            if decoded.nulBytes > 0 { report.flags.insert(.nulBytes) }
            if decoded.invalidSequences > 0 {
                report.flags.insert(.invalidBytes)
                report.errors.append(StageError(stage: .ingest, code: "invalid_bytes",
                                                message: "\(decoded.invalidSequences) invalid byte sequence(s) replaced by U+FFFD"))
            }
            // An HTML page: its text, tables as pipe rows.
            text = decoded.text
            if HTMLText.looksLikeHTML(text) {
                if let tooComplex = PageLimits.htmlProblem(text) { report.errors.append(tooComplex); return report }
                if let extracted = HTMLText.extract(text) {
                    text = extracted
                } else {
                    report.errors.append(StageError(stage: .ingest, code: "html_unparsed",
                                                    message: "the HTML page could not be parsed; read as plain text"))
                }
            }
        }

        guard PageLimits.bound(&text, report: &report) else { return report }

        // 2. script normalisation
        let normalized = normalizer.normalize(text)
        report.sourceScript = normalized.sourceScript
        if normalized.pinyinAnnotationsRemoved > 0 { report.flags.insert(.pinyinAnnotations) }
        if normalized.linesConverted > 0 { report.flags.insert(.scriptConverted) }
        let spam = SpamTokens.find(in: normalized.text)
        if !spam.isEmpty { report.flags.insert(.spamInjected) }

        report.metadata = MetadataExtractor.extract(from: normalized.text, ignoring: spam)
        // What the document prints comes first; the PDF's own Title only when the text names no agency.
        if report.metadata.agency == nil, let pdfTitle {
            let fromTitle = MetadataExtractor.extract(from: normalizer.normalize(pdfTitle).text, ignoring: [])
            if let agency = fromTitle.agency {
                report.metadata.agency = agency
                report.flags.insert(.metadataFromPDFInfo)
            }
        }
        if report.metadata.agency == nil { report.flags.insert(.noAgency) }
        if report.metadata.reportYear == nil { report.flags.insert(.noReportYear) }
        // (The path is not used here: the result is cached by content; `RenderedReport` narrows
        // an ambiguous region with the path at assembly.)
        if let regions, let agency = report.metadata.agency {
            let resolved = regions.resolve(agency: agency, year: report.metadata.reportYear,
                                           context: String(normalized.text.prefix(600)))
            report.region = resolved.agencyRegion
            if resolved.ambiguous { report.flags.insert(.regionAmbiguous) }
            if resolved.unknown { report.flags.insert(.regionUnknown) }
        }
        let (body, chromeLines) = PageChrome.strip(normalized.text)
        if chromeLines > 0 { report.flags.insert(.pageChrome) }

        // 3. sections
        report.sections = SectionSegmenter.segment(body)
        if report.sectionsFound < 6 { report.flags.insert(.missingSections) }

        // 4. tables
        var texts: [SectionKey: String] = [:]
        for section in report.sections { texts[section.key] = section.text }
        let tables = extractor.extract(TableExtractor.Input(sectionTexts: texts, reportYear: report.metadata.reportYear))
        report.tables = tables
        report.template = tables.template
        report.flags.formUnion(tables.flags)
        report.textComparisons = TextClaims.compare(sections: report.sections, tables: tables)

        report.status = status(of: report)
        if report.status == .failed {
            report.errors.append(StageError(stage: .segment, code: "not_a_report",
                                            message: "no standard section and no statistical table found"))
        }
        return report
    }

    func status(of report: ProcessedReport) -> ReportStatus {
        guard let tables = report.tables else { return .failed }
        if report.sectionsFound == 0 && tables.missingTables.count == 3 { return .failed }
        if report.sectionsFound < 6 || !tables.missingTables.isEmpty || tables.checksFailed > 0 { return .partial }
        return .ok
    }
}
