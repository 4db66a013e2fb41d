/// Table 二: proactive disclosure (主动公开政府信息情况), by item (第二十条 clause) and measure.
public enum ActiveDisclosureTable {
    public struct Measure: Sendable, Equatable {
        public let key: String
        public let label: String
        public let unit: ValueUnit
    }

    public struct Item: Sendable {
        public let key: String
        public let label: String
        /// 第二十条 clause the item is reported under.
        public let clause: String
        public let matcher: LabelMatcher
        /// The measures, in column order, per template; absent = the item is not in that template.
        public let measures: [TemplateKind: [Measure]]
    }

    // 2021 measures
    static let issued = Measure(key: "issued", label: "本年制发件数", unit: .count)
    static let repealed = Measure(key: "repealed", label: "本年废止件数", unit: .count)
    static let inForce = Measure(key: "in_force", label: "现行有效件数", unit: .count)
    static let decisions = Measure(key: "decisions", label: "本年处理决定数量", unit: .count)
    static let feeAmount = Measure(key: "amount", label: "本年收费金额（单位：万元）", unit: .tenThousandYuan)
    // 2019 measures
    static let newlyMade = Measure(key: "newly_made", label: "本年新制作数量", unit: .count)
    static let newlyPublished = Measure(key: "newly_published", label: "本年新公开数量", unit: .count)
    static let totalPublished = Measure(key: "total_published", label: "对外公开总数量", unit: .count)
    static let previousYear = Measure(key: "previous_year", label: "上一年项目数量", unit: .count)
    static let change = Measure(key: "change", label: "本年增/减", unit: .count)
    static let decisions2019 = Measure(key: "decisions", label: "处理决定数量", unit: .count)
    static let projects = Measure(key: "projects", label: "采购项目数量", unit: .count)
    static let procurementAmount = Measure(key: "amount", label: "采购总金额", unit: .tenThousandYuan)

    /// Items in table order.
    public static let items: [Item] = [
        Item(key: "regulations", label: "规章", clause: "第（一）项",
             matcher: LabelMatcher(exact: ["规章"]),
             measures: [.t2021: [issued, repealed, inForce], .t2019: [newlyMade, newlyPublished, totalPublished]]),
        Item(key: "normative_documents", label: "行政规范性文件", clause: "第（一）项",
             matcher: LabelMatcher(keywords: ["规范性文件"]),
             measures: [.t2021: [issued, repealed, inForce], .t2019: [newlyMade, newlyPublished, totalPublished]]),
        Item(key: "admin_licensing", label: "行政许可", clause: "第（五）项",
             matcher: LabelMatcher(exact: ["行政许可"]),
             measures: [.t2021: [decisions], .t2019: [previousYear, change, decisions2019]]),
        Item(key: "other_admin_services", label: "其他对外管理服务事项", clause: "第（五）项",
             matcher: LabelMatcher(keywords: ["对外管理服务"]),
             measures: [.t2019: [previousYear, change, decisions2019]]),
        Item(key: "admin_penalty", label: "行政处罚", clause: "第（六）项",
             matcher: LabelMatcher(exact: ["行政处罚"]),
             measures: [.t2021: [decisions], .t2019: [previousYear, change, decisions2019]]),
        Item(key: "admin_coercion", label: "行政强制", clause: "第（六）项",
             matcher: LabelMatcher(exact: ["行政强制"]),
             measures: [.t2021: [decisions], .t2019: [previousYear, change, decisions2019]]),
        Item(key: "admin_fees", label: "行政事业性收费", clause: "第（八）项",
             matcher: LabelMatcher(keywords: ["事业性收费"]),
             measures: [.t2021: [feeAmount], .t2019: [previousYear, change]]),
        Item(key: "gov_procurement", label: "政府集中采购", clause: "第（九）项",
             matcher: LabelMatcher(keywords: ["集中采购"]),
             measures: [.t2019: [projects, procurementAmount]]),
    ]

    public static func items(for template: TemplateKind) -> [Item] {
        items.filter { $0.measures[template] != nil }
    }

    public static func item(_ key: String) -> Item? { itemsByKey[key] }
    private static let itemsByKey: [String: Item] = Dictionary(uniqueKeysWithValues: items.map { ($0.key, $0) })

    /// Column headers that identify each template's table 二 (folded, see `LabelText.key`).
    public static let templateMarkers: [TemplateKind: [String]] = [
        .t2021: ["本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额"],
        .t2019: ["本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "集中采购", "采购总金额"],
    ]
}
