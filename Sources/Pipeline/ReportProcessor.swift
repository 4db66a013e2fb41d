import SystemBytes
import Foundation
import Ingest
import ReportModel
import ScriptNormalization
import SectionSegmentation
import TableExtraction

/// Runs the stages over one file's bytes. Pure apart from the converter it shares; the driver
/// reads the file and owns the result.
public struct ReportProcessor: Sendable {
    let normalizer: ScriptNormalizer
    let extractor = TableExtractor()

    public init(normalizer: ScriptNormalizer) {
        self.normalizer = normalizer
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
        let decoded: TextDecoder.Decoded
        do { decoded = try TextDecoder.decode(data) } catch {
            report.errors.append(StageError(stage: .ingest, code: error == .empty ? "empty_file" : "binary_file",
                                            message: error.description))
            return report
        }
        report.sourceEncoding = decoded.encoding
        if decoded.invalidSequences > 0 {
            report.flags.insert(.invalidBytes)
            report.errors.append(StageError(stage: .ingest, code: "invalid_bytes",
                                            message: "\(decoded.invalidSequences) invalid byte sequence(s) replaced by U+FFFD"))
        }

        // An HTML page: its text, tables as pipe rows.
        var text = decoded.text
        if HTMLText.looksLikeHTML(text) {
            if let extracted = HTMLText.extract(text) {
                text = extracted
            } else {
                report.errors.append(StageError(stage: .ingest, code: "html_unparsed",
                                                message: "the HTML page could not be parsed; read as plain text"))
            }
        }

        // 2. script normalisation
        let normalized = normalizer.normalize(text)
        report.sourceScript = normalized.sourceScript
        if normalized.pinyinAnnotationsRemoved > 0 { report.flags.insert(.pinyinAnnotations) }
        if normalized.linesConverted > 0 { report.flags.insert(.scriptConverted) }
        if !normalized.spamTokens.isEmpty { report.flags.insert(.spamInjected) }
        report.spamTokensRemoved = normalized.spamTokensRemoved

        report.metadata = MetadataExtractor.extract(from: normalized.text)
        if report.metadata.agency == nil { report.flags.insert(.noAgency) }
        if report.metadata.reportYear == nil { report.flags.insert(.noReportYear) }
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
