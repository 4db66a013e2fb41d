/// Table 二: proactive disclosure (主动公开政府信息情况), by item (第二十条 clause) and measure.
public enum ActiveDisclosureTable {
    public struct Measure: Sendable, Equatable {
        public let key: String
        public let label: String
        public let unit: ValueUnit

        public init(key: String, label: String, unit: ValueUnit) {
            self.key = key
            self.label = label
            self.unit = unit
        }
    }

    /// An item as every template names it; its measures are the template's (`TableTemplate`).
    public struct Item: Sendable {
        public let key: String
        public let label: String
        /// 第二十条 clause the item is reported under.
        public let clause: String
        public let matcher: LabelMatcher
    }

    /// Items of every template, in table order.
    public static let items: [Item] = [
        Item(key: "regulations", label: "规章", clause: "第（一）项", matcher: LabelMatcher(exact: ["规章"])),
        Item(key: "normative_documents", label: "行政规范性文件", clause: "第（一）项",
             matcher: LabelMatcher(keywords: ["规范性文件"])),
        Item(key: "admin_licensing", label: "行政许可", clause: "第（五）项", matcher: LabelMatcher(exact: ["行政许可"])),
        Item(key: "other_admin_services", label: "其他对外管理服务事项", clause: "第（五）项",
             matcher: LabelMatcher(keywords: ["对外管理服务"])),
        Item(key: "admin_penalty", label: "行政处罚", clause: "第（六）项", matcher: LabelMatcher(exact: ["行政处罚"])),
        Item(key: "admin_coercion", label: "行政强制", clause: "第（六）项", matcher: LabelMatcher(exact: ["行政强制"])),
        Item(key: "admin_fees", label: "行政事业性收费", clause: "第（八）项", matcher: LabelMatcher(keywords: ["事业性收费"])),
        Item(key: "gov_procurement", label: "政府集中采购", clause: "第（九）项", matcher: LabelMatcher(keywords: ["集中采购"])),
    ]

    public static func item(_ key: String) -> Item? { itemsByKey[key] }
    private static let itemsByKey: [String: Item] = Dictionary(uniqueKeysWithValues: items.map { ($0.key, $0) })
}
