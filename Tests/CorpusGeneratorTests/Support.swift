import CorpusGenerator
import Foundation
import Pipeline
import ReportModel
import ScriptNormalization

/// One converter, normaliser and processor for all tests (deriving the traditional-character set is costly).
enum Shared {
    static let converter = try! ChineseConverter(config: "t2s")
    static let processor = ReportProcessor(normalizer: ScriptNormalizer(converter: converter))
}

/// What the pipeline got wrong in one generated report, compared with its known answers; empty
/// when everything came back.
func mismatches(_ report: GeneratedReport) -> [String] {
    let processed = Shared.processor.process(data: Data(report.bytes), sourcePath: report.fileName)
    let a = report.answers
    var problems: [String] = []
    func expect(_ what: String, _ got: String?, _ want: String?) {
        if got != want { problems.append("\(what): expected \(want ?? "nil"), got \(got ?? "nil")") }
    }
    expect("agency", processed.metadata.agency, a.agency)
    expect("report_year", processed.metadata.reportYear.map(String.init), String(a.reportYear))
    expect("publish_date", processed.metadata.publishDate, a.publishDate)
    expect("template", processed.template.rawValue, a.template)
    let tables = processed.tables
    compare("active_disclosure", a.activeDisclosure,
            tables?.activeDisclosure.map { ($0.itemKey, $0.measureKey, $0.cell.value) } ?? [], into: &problems)
    compare("applications", a.applications,
            tables?.applications.map { ($0.rowKey, $0.columnKey, $0.cell.value) } ?? [], into: &problems)
    compare("review_litigation", a.reviewLitigation,
            tables?.reviewLitigation.map { ($0.proceedingKey, $0.outcomeKey, $0.cell.value) } ?? [], into: &problems)
    if let failed = tables?.checks.filter({ !$0.passed }), !failed.isEmpty {
        problems.append("checks failed: \(failed.map { "\($0.rule.rawValue)[\($0.columnKey) \($0.rowKey)]" }.prefix(4))")
    }
    return problems
}

private func compare(_ table: String, _ expected: [Answers.Cell], _ found: [(String, String, Decimal?)],
                     into problems: inout [String]) {
    var got: [String: String?] = [:]
    for (a, b, value) in found {
        let key = a + "/" + b
        if got.keys.contains(key) { problems.append("\(table) \(key): extracted twice") }
        // (assigning a nil String? through the subscript would remove the key)
        got.updateValue(value.map { "\($0)" }, forKey: key)
    }
    var wrong: [String] = []
    for cell in expected {
        let key = cell.key + "/" + cell.column
        guard let value = got.removeValue(forKey: key) else {
            wrong.append("\(key) missing")
            continue
        }
        if value != cell.value { wrong.append("\(key) expected \(cell.value ?? "nil"), got \(value ?? "nil")") }
    }
    wrong += got.keys.sorted().map { "\($0) not in the template" }
    if !wrong.isEmpty { problems.append("\(table): \(wrong.count) cells wrong: \(wrong.prefix(5))") }
}

/// A failure line that names the report precisely: kind, seed, index, and what went wrong.
func describe(_ report: GeneratedReport, seed: UInt64, index: Int, _ problems: [String]) -> String {
    let a = report.answers
    return "seed \(seed) index \(index) [\(a.template)/\(a.format)/\(a.script)/\(a.encoding)/\(a.layout)]: "
        + problems.joined(separator: "; ")
}
