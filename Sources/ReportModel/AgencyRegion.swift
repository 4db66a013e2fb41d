import Foundation

/// Who reported, and where: the `reports` columns the region resolver fills.
public struct AgencyRegion: Sendable, Equatable {
    /// The body's normalised name (see the README's "Agency and region").
    public var agencyKey = ""
    public var province = ""
    public var prefecture = ""
    public var county = ""
    /// 6-digit GB/T 2260 code of the most specific certain division of county level or above.
    public var adcode = ""
    /// 9-digit code of the township, when the body is (or sits in) one and it is certain.
    public var townshipCode = ""
    /// `province`, `prefecture`, `county`, `township` or `department`; empty when unknown.
    public var level = ""

    public init(agencyKey: String = "", province: String = "", prefecture: String = "", county: String = "",
                adcode: String = "", townshipCode: String = "", level: String = "") {
        self.agencyKey = agencyKey
        self.province = province
        self.prefecture = prefecture
        self.county = county
        self.adcode = adcode
        self.townshipCode = townshipCode
        self.level = level
    }

    /// In the order of the `reports` columns.
    public var fields: [String] { [agencyKey, province, prefecture, county, adcode, townshipCode, level] }

    public init?(fields: some Collection<String>) {
        let f = Array(fields)
        guard f.count == 7 else { return nil }
        self.init(agencyKey: f[0], province: f[1], prefecture: f[2], county: f[3], adcode: f[4], townshipCode: f[5], level: f[6])
    }
}

/// A figure the report's prose states, compared with the table cell it names.
public struct TextComparison: Sendable, Equatable {
    /// The wide column of the cell: `new_received__total`, `admin_review__total`, ….
    public let columnKey: String
    public let stated: Decimal
    public let table: Decimal
    /// The sentence that states it.
    public let evidence: String
    public var passed: Bool { stated == table }

    public init(columnKey: String, stated: Decimal, table: Decimal, evidence: String) {
        self.columnKey = columnKey
        self.stated = stated
        self.table = table
        self.evidence = evidence
    }
}
