/// One national template of the annual report, as data: its key and years, table 二's items with
/// their measures, table 三's row set, the column headers that identify it and the identities its
/// tables satisfy. The detector, the parsers, the checks, the output schema and the generator read
/// these descriptions (`all`), so that a further template is one more description.
public struct TableTemplate: Sendable, Hashable {
    /// An item of table 二 and its measures, in column order.
    public struct ActiveItem: Sendable {
        public let item: ActiveDisclosureTable.Item
        public let measures: [ActiveDisclosureTable.Measure]

        public init(_ item: ActiveDisclosureTable.Item, _ measures: [ActiveDisclosureTable.Measure]) {
            self.item = item
            self.measures = measures
        }
    }

    /// `reports.template`: `2021`, `2019`.
    public let key: String
    /// The circular that set the template (`国办公开办函〔2021〕30号`): the key's label.
    public let circular: String
    /// The report years the template is for: from `firstYear` to `lastYear` (nil: still in force).
    public let firstYear: Int
    public let lastYear: Int?
    /// Table 二's items in table order.
    public let activeDisclosure: [ActiveItem]
    /// Table 三's row set.
    public let applicationsRows: ApplicationsTable.Variant
    /// Table 二 column headers that identify the template (folded, see `LabelText.key`): the
    /// detector counts those a table shows.
    public let markers: [String]
    /// The accounting identities its tables are checked against.
    public let checks: [CheckRule]
    /// The measure of 规章 and 规范性文件 that counts the year's new ones: what a total in the
    /// prose (`制发规章13件`) is compared with.
    public let yearlyIssuedMeasure: String

    public init(key: String, circular: String, firstYear: Int, lastYear: Int?, activeDisclosure: [ActiveItem],
                applicationsRows: ApplicationsTable.Variant, markers: [String], checks: [CheckRule],
                yearlyIssuedMeasure: String) {
        self.key = key
        self.circular = circular
        self.firstYear = firstYear
        self.lastYear = lastYear
        self.activeDisclosure = activeDisclosure
        self.applicationsRows = applicationsRows
        self.markers = markers
        self.checks = checks
        self.yearlyIssuedMeasure = yearlyIssuedMeasure
    }

    /// The item's measures in this template; nil when the template has no such item.
    public func measures(_ itemKey: String) -> [ActiveDisclosureTable.Measure]? {
        activeDisclosure.first { $0.item.key == itemKey }?.measures
    }

    /// Table 二 cells the template has.
    public var activeCellCount: Int { activeDisclosure.reduce(0) { $0 + $1.measures.count } }

    public func covers(year: Int) -> Bool { year >= firstYear && year <= (lastYear ?? Int.max) }

    /// The template for a report year among `templates`: the one whose years cover it; before all
    /// of them the earliest, after all of them the latest.
    public static func forYear(_ year: Int, among templates: [TableTemplate] = all) -> TableTemplate {
        if let covering = templates.first(where: { $0.covers(year: year) }) { return covering }
        let byYear = templates.sorted { $0.firstYear < $1.firstYear }
        return year < byYear[0].firstYear ? byYear[0] : byYear[byYear.count - 1]
    }

    /// The template a table is read with when none is recognised: the latest.
    public static func fallback(among templates: [TableTemplate] = all) -> TableTemplate {
        templates.max { $0.firstYear < $1.firstYear }!
    }

    public static func named(_ key: String) -> TableTemplate? { all.first { $0.key == key } }

    // A template is its key.
    public static func == (a: TableTemplate, b: TableTemplate) -> Bool { a.key == b.key }
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }
}
