/// Table 四: administrative review and litigation (行政复议、行政诉讼情况): fifteen numbers, three
/// blocks of five.
public enum ReviewLitigationTable {
    public struct Key: Sendable, Equatable {
        public let key: String
        public let label: String
    }

    public static let proceedings: [Key] = [
        Key(key: "admin_review", label: "行政复议"),
        Key(key: "litigation_direct", label: "未经复议直接起诉"),
        Key(key: "litigation_after_review", label: "复议后起诉"),
    ]

    /// Outcomes in column order within each block; the last is the block's total.
    public static let outcomes: [Key] = [
        Key(key: "upheld", label: "结果维持"),
        Key(key: "corrected", label: "结果纠正"),
        Key(key: "other", label: "其他结果"),
        Key(key: "pending", label: "尚未审结"),
        Key(key: "total", label: "总计"),
    ]

    public static var cellCount: Int { proceedings.count * outcomes.count }
}
