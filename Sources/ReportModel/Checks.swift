/// The accounting identities (勾稽关系) the extracted tables are checked against.
public enum CheckRule: String, Sendable, CaseIterable {
    /// Table 三, per column: 一 + 二 = （七）总计 + 四.
    case receivedEqualsHandled = "received_equals_handled"
    /// Table 三, per column: （七）总计 = the sum of the result rows.
    case resultsTotalIsSum = "results_total_is_sum"
    /// Table 三, per row: 总计 = the six applicant columns.
    case rowTotalIsSum = "row_total_is_sum"
    /// Table 四, per proceeding: 总计 = the four outcomes.
    case proceedingTotalIsSum = "proceeding_total_is_sum"

    public var table: String {
        self == .proceedingTotalIsSum ? "review_litigation" : "applications"
    }
}
