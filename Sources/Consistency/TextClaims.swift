import Foundation
import ReportModel
import SystemBytes

/// The totals a report's prose states (`共收到政府信息公开申请859件`), each compared with the table
/// cell it names. Only statements whose subject is certain count: a clause that narrows the
/// subject (`其中`, a result category, a repeal) is passed over.
public enum TextClaims {
    struct Pattern: @unchecked Sendable {
        let regex: NSRegularExpression
        /// The wide column by template.
        let column: (TableTemplate) -> String
        /// Words that make a clause about something narrower than the column.
        let narrowing: [String]
        /// Words one of which every match holds: a sentence without any is not searched.
        let anchors: [String]
    }

    /// (Spaces before the number too: `共 12 件`, as pages pad numbers in prose with NBSPs.)
    private static let amount = "(?: *(?:共计|总计|合计|累计|共|总数为|总数|数量为|数量|为|达))* *(\\d[\\d,]*)\\s*件"
    /// `公开市政府规章`: the body's own rules.
    private static let issuer = "(?:本级|市|区|县|省|州|旗|镇|乡)?(?:人民)?(?:政府)?"
    private static let resultWords = ["其中", "予以", "部分", "不予", "无法", "不属于", "同比", "较上年", "比上年", "上年", "结转"]

    static let patterns: [Pattern] = [
        Pattern(regex: try! NSRegularExpression(pattern: "(?:收到|新收)(?:各类)?(?:政府)?信息公开申请" + amount + "(?![^，,。]{0,3}(?:含|包括))"),
                column: { _ in "new_received__total" }, narrowing: resultWords, anchors: ["收到", "新收"]),
        Pattern(regex: try! NSRegularExpression(pattern: "(?:办结|答复)(?:政府信息公开申请|申请)?" + amount),
                column: { _ in "results_total__total" }, narrowing: resultWords, anchors: ["办结", "答复"]),
        Pattern(regex: try! NSRegularExpression(pattern: "行政复议(?:案件)?" + amount),
                column: { _ in "admin_review__total" }, narrowing: ["其中", "纠正", "纠错", "维持", "审结", "同比", "较上年", "比上年", "上年", "诉讼"],
                anchors: ["行政复议"]),
        Pattern(regex: try! NSRegularExpression(pattern: "(?:主动公开|公开|制发|出台)" + issuer + "规章" + amount),
                column: { "regulations__" + $0.yearlyIssuedMeasure },
                narrowing: ["其中", "废止", "现行", "有效", "清理", "同比", "较上年", "比上年", "上年", "累计"], anchors: ["规章"]),
        Pattern(regex: try! NSRegularExpression(pattern: "(?:主动公开|公开|制发|出台)" + issuer + "(?:行政)?规范性文件" + amount),
                column: { "normative_documents__" + $0.yearlyIssuedMeasure },
                narrowing: ["其中", "废止", "现行", "有效", "清理", "同比", "较上年", "比上年", "上年", "累计"], anchors: ["规范性文件"]),
    ]

    /// The sections whose prose is read: the overview and the text around the tables.
    static let prose: Set<SectionKey> = [.overview, .proactiveDisclosure, .applications, .reviewLitigation]

    public static func compare(sections: [Section], tables: ExtractedTables?) -> [TextComparison] {
        guard let tables, let template = tables.template.table else { return [] }
        var cellsRead: [String: Decimal]?
        var found: [TextComparison] = []
        for section in sections where prose.contains(section.key) {
            for sentence in sentences(section.text, mentioning: "件") where sentence.containsUTF8("件") {
                let ns = sentence as NSString
                for pattern in patterns where pattern.anchors.contains(where: sentence.containsUTF8) {
                    let column = pattern.column(template)
                    for match in pattern.regex.matches(in: sentence, range: NSRange(location: 0, length: ns.length)) {
                        // The clause before the figure, back to the last comma: what it is about.
                        let before = ns.substring(to: match.range.location)
                        let clause = before.split(whereSeparator: { "，,：:、（(".contains($0) }).last.map(String.init) ?? ""
                        if before.contains("其中") { continue }
                        if pattern.narrowing.contains(where: { clause.contains($0) || ns.substring(with: match.range).contains($0) }) { continue }
                        let digits = ns.substring(with: match.range(at: 1)).replacingOccurrences(of: ",", with: "")
                        let cells = cellsRead ?? tableValues(tables)
                        cellsRead = cells
                        guard let stated = Decimal(string: digits), let table = cells[column] else { continue }
                        let comparison = TextComparison(columnKey: column, stated: stated, table: table, evidence: sentence)
                        if !found.contains(comparison) { found.append(comparison) }
                    }
                }
            }
        }
        return found
    }

    /// Sentences (to `。` or `；`), table rows left out; a sentence wrapped over lines (a PDF's
    /// `答` / `复3050件`) is joined again.
    /// `mentioning`: only the sentences whose bytes hold that word (no other can be about it).
    static func sentences(_ text: String, mentioning word: String? = nil) -> [String] {
        ProseSentences.split(text, mentioning: word)
            .filter { numberCount($0) <= maxNumbers }
            .map { $0.utf8.count > 300 ? String($0.prefix(300)) : String($0) }
    }

    /// A "sentence" with more numbers than this is a table flattened into lines (one cell per
    /// line, `133件` `5个` …), not prose: its figures belong to the table, not to a claim.
    static let maxNumbers = 10

    static func numberCount(_ text: Substring) -> Int {
        var count = 0
        var inNumber = false
        for scalar in text.unicodeScalars {
            // Decimal digits are ASCII's and the full-width forms' here; other scripts' digits
            // are asked of the Unicode tables.
            let digit = scalar.value < 0x80 ? (0x30...0x39).contains(scalar.value)
                : (0x3400...0x9FFF).contains(scalar.value) ? false : scalar.properties.numericType == .decimal
            if digit && !inNumber { count += 1 }
            inNumber = digit
        }
        return count
    }

    /// The cells the patterns name, by wide column.
    static func tableValues(_ tables: ExtractedTables) -> [String: Decimal] {
        var values: [String: Decimal] = [:]
        for cell in tables.applications where cell.columnKey == "total" {
            if let v = cell.cell.value { values["\(cell.rowKey)__total"] = v }
        }
        for cell in tables.reviewLitigation where cell.outcomeKey == "total" {
            if let v = cell.cell.value { values["\(cell.proceedingKey)__total"] = v }
        }
        for cell in tables.activeDisclosure where cell.unit == .count {
            if let v = cell.cell.value { values["\(cell.itemKey)__\(cell.measureKey)"] = v }
        }
        return values
    }
}
