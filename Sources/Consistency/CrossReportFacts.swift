import Foundation
import Output
import ReportModel

/// The few numbers of a report that the next year's report must continue: table 三's 上年结转 and
/// 结转下年度继续办理 per applicant column, table 二's 现行有效, 本年制发 and 本年废止 per item.
public struct CrossReportFacts: Sendable, Equatable {
    public var values: [String: Decimal] = [:]

    public init() {}

    public static let items = ["regulations", "normative_documents"]
    public static let measures = ["in_force", "issued", "repealed"]

    public init(_ tables: ExtractedTables?) {
        guard let tables else { return }
        let keys = Self.applicationsKeys
        for cell in tables.applications {
            if let key = keys[cell.row][cell.column], let v = cell.cell.value { values[key] = v }
        }
        for cell in tables.activeDisclosure where Self.items.contains(cell.itemKey) && Self.measures.contains(cell.measureKey) {
            if let v = cell.cell.value, cell.unit == .count { values["\(cell.itemKey)__\(cell.measureKey)"] = v }
        }
    }

    /// The key of each table 三 position (`ApplicationCell.row`, `.column`) that is a fact: the
    /// 上年结转 and 结转下年度继续办理 rows. (Made once: comparing every cell's row key and
    /// building the key per cell was most of this step.)
    static let applicationsKeys: [[String?]] = ApplicationsTable.rows.map { row in
        ApplicationsTable.columns.map { column in
            row.key == "carried_over" || row.key == "carried_forward" ? "\(row.key)__\(column.key)" : nil
        }
    }

    /// `key=value` strings, sorted (what the result cache stores).
    public var encoded: [String] { values.sorted { $0.key < $1.key }.map { $0.key + "=" + ReportRows.format($0.value) } }

    /// `key=value` cut at its `=` (found on the bytes: the generic search over `utf8` cost
    /// about 900 instructions a fact).
    static func split(_ pair: String) -> (key: Substring, value: Substring)? {
        var text = pair
        guard let offset = text.withUTF8({ $0.firstIndex(of: UInt8(ascii: "=")) }) else { return nil }
        let eq = pair.utf8.index(pair.utf8.startIndex, offsetBy: offset)
        return (pair[..<eq], pair[pair.utf8.index(after: eq)...])
    }

    public init(encoded: [String]) {
        values.reserveCapacity(encoded.count)
        for pair in encoded {
            guard let (key, value) = Self.split(pair), let v = DecimalText.parse(value) else { continue }
            values[String(key)] = v
        }
    }
}

extension CrossReport {
    /// What `add` keeps of a report, read beforehand on any thread: its year, its region and the
    /// region's fields as one key of bytes, whether it joins a series, its facts parsed.
    public struct Prepared: Sendable {
        let reportID: String
        let year: Int?
        let region: AgencyRegion
        let regionKey: [UInt8]
        let inSeries: Bool
        /// The compared facts (indices in `CrossReport.factNames`).
        let facts: FactList
        let textRows: [[String]]

        /// The facts as `CrossReportFacts.encoded` gives them (`key=value`), read only when the
        /// report joins a series (no other's facts are kept).
        public init(reportID: String, reportYear: String, region: AgencyRegion, inSeries: Bool,
                    encodedFacts: [String], textRows: [[String]]) {
            self.init(reportID: reportID, reportYear: reportYear, region: region, inSeries: inSeries, textRows: textRows) {
                // (Keys looked up as substrings of the `key=value` strings: a string made per fact
                // cost more than the parse.)
                encodedFacts.compactMap { pair in
                    guard let (key, text) = CrossReportFacts.split(pair), let index = CrossReport.factIndex[key],
                          let value = ExactNumber(text: text) else { return nil }
                    return (index, value)
                }
            }
        }

        init(reportID: String, reportYear: String, region: AgencyRegion, inSeries: Bool, textRows: [[String]],
             facts: () -> [(key: UInt16, value: ExactNumber)]) {
            self.reportID = reportID
            self.region = region
            self.textRows = textRows
            year = Int(reportYear)
            self.inSeries = inSeries && year != nil && !region.agencyKey.isEmpty
            var key: [UInt8] = []
            key.reserveCapacity(96)
            for field in [region.agencyKey, region.province, region.prefecture, region.county, region.adcode,
                          region.townshipCode, region.level] {
                key.append(contentsOf: field.utf8)
                key.append(0)
            }
            regionKey = key
            self.facts = self.inSeries ? FactList(facts()) : FactList()
        }
    }
}
