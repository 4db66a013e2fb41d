/// Table 三: applications received and handled (收到和处理政府信息公开申请情况).
public enum ApplicationsTable {
    public struct Column: Sendable, Equatable {
        public let key: String
        public let label: String
    }

    /// The seven applicant columns, in table order.
    public static let columns: [Column] = [
        Column(key: "natural_person", label: "自然人"),
        Column(key: "commercial_enterprise", label: "商业企业"),
        Column(key: "research_institution", label: "科研机构"),
        Column(key: "social_welfare_org", label: "社会公益组织"),
        Column(key: "legal_service_org", label: "法律服务机构"),
        Column(key: "other_org", label: "其他"),
        Column(key: "total", label: "总计"),
    ]

    public static var columnKeys: [String] { columns.map(\.key) }

    /// Where a row belongs in the accounting identities.
    public enum Role: Sendable {
        case received        // 一 and 二: new_received, carried_over
        case result          // the results 一 … 六 that sum to (七)总计
        case resultsTotal    // (七)总计
        case carriedForward  // 四、结转下年度继续办理
    }

    /// Which row sets a row belongs to: template 2019 has (六)其他处理 as one row, template 2021 splits it.
    public enum Variant: Sendable {
        case both, only2021, only2019
    }

    /// The row sets a table 三 may show.
    public static let rowSets: [Variant] = [.only2021, .only2019]

    public struct Row: Sendable {
        public let key: String
        public let label: String
        public let role: Role
        public let variant: Variant
        public let matcher: LabelMatcher
    }

    /// Every row of both templates, in table order.
    public static let rows: [Row] = [
        Row(key: "new_received", label: "一、本年新收政府信息公开申请数量", role: .received, variant: .both,
            matcher: LabelMatcher(keywords: ["本年新收"])),
        Row(key: "carried_over", label: "二、上年结转政府信息公开申请数量", role: .received, variant: .both,
            matcher: LabelMatcher(keywords: ["上年结转"])),
        Row(key: "granted", label: "（一）予以公开", role: .result, variant: .both,
            matcher: LabelMatcher(keywords: ["予以公开"])),
        Row(key: "partially_granted", label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", role: .result,
            variant: .both, matcher: LabelMatcher(keywords: ["部分公开"])),
        Row(key: "withheld_state_secret", label: "1.属于国家秘密", role: .result, variant: .both,
            matcher: LabelMatcher(keywords: ["国家秘密"])),
        Row(key: "withheld_prohibited_by_law", label: "2.其他法律行政法规禁止公开", role: .result, variant: .both,
            matcher: LabelMatcher(keywords: ["禁止公开", "法律行政法规"])),
        Row(key: "withheld_security_stability", label: "3.危及“三安全一稳定”", role: .result, variant: .both,
            matcher: LabelMatcher(keywords: ["三安全一稳定", "危及"])),
        Row(key: "withheld_third_party_rights", label: "4.保护第三方合法权益", role: .result, variant: .both,
            matcher: LabelMatcher(keywords: ["第三方"])),
        Row(key: "withheld_internal_affairs", label: "5.属于三类内部事务信息", role: .result, variant: .both,
            matcher: LabelMatcher(keywords: ["内部事务"])),
        Row(key: "withheld_process_info", label: "6.属于四类过程性信息", role: .result, variant: .both,
            matcher: LabelMatcher(keywords: ["过程性"])),
        Row(key: "withheld_enforcement_files", label: "7.属于行政执法案卷", role: .result, variant: .both,
            matcher: LabelMatcher(keywords: ["执法案卷"])),
        Row(key: "withheld_admin_query", label: "8.属于行政查询事项", role: .result, variant: .both,
            matcher: LabelMatcher(keywords: ["行政查询"])),
        Row(key: "unavailable_not_held", label: "1.本机关不掌握相关政府信息", role: .result, variant: .both,
            matcher: LabelMatcher(keywords: ["不掌握"])),
        Row(key: "unavailable_needs_creation", label: "2.没有现成信息需要另行制作", role: .result, variant: .both,
            matcher: LabelMatcher(keywords: ["另行制作", "现成信息"])),
        Row(key: "unavailable_still_unclear", label: "3.补正后申请内容仍不明确", role: .result, variant: .both,
            matcher: LabelMatcher(keywords: ["仍不明确", "补正后"])),
        Row(key: "not_processed_petition_complaint", label: "1.信访举报投诉类申请", role: .result, variant: .both,
            matcher: LabelMatcher(keywords: ["信访", "举报投诉"])),
        Row(key: "not_processed_duplicate", label: "2.重复申请", role: .result, variant: .both,
            matcher: LabelMatcher(keywords: ["重复申请"])),
        Row(key: "not_processed_publication", label: "3.要求提供公开出版物", role: .result, variant: .both,
            matcher: LabelMatcher(keywords: ["出版物"])),
        Row(key: "not_processed_excessive", label: "4.无正当理由大量反复申请", role: .result, variant: .both,
            matcher: LabelMatcher(keywords: ["大量反复"])),
        Row(key: "not_processed_confirm_reissue", label: "5.要求行政机关确认或重新出具已获取信息", role: .result,
            variant: .both, matcher: LabelMatcher(keywords: ["重新出具", "确认或"])),
        Row(key: "other_no_correction", label: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            role: .result, variant: .only2021, matcher: LabelMatcher(keywords: ["不补正"])),
        Row(key: "other_unpaid_fee", label: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            role: .result, variant: .only2021, matcher: LabelMatcher(keywords: ["缴纳费用", "收费通知"])),
        Row(key: "other_other", label: "3.其他", role: .result, variant: .only2021,
            matcher: LabelMatcher(exact: ["其他"])),
        Row(key: "other", label: "（六）其他处理", role: .result, variant: .only2019,
            matcher: LabelMatcher(keywords: ["其他处理"])),
        Row(key: "results_total", label: "（七）总计", role: .resultsTotal, variant: .both,
            matcher: LabelMatcher(exact: ["总计", "合计"])),
        Row(key: "carried_forward", label: "四、结转下年度继续办理", role: .carriedForward, variant: .both,
            matcher: LabelMatcher(keywords: ["结转下年度", "下年度继续"])),
    ]

    /// Labels that head a group of rows and carry no values of their own (in template 2021, `其他处理`
    /// is one of them; in template 2019 it is the `other` row).
    public static let groupLabels: [String] = ["本年度办理结果", "办理结果", "不予公开", "无法提供", "不予处理", "其他处理"]

    /// The row set of a template, in order.
    public static func rows(for variant: Variant) -> [Row] {
        rows.filter { $0.variant == .both || $0.variant == variant }
    }

    public static func row(_ key: String) -> Row? { rowsByKey[key] }

    public static func column(_ key: String) -> Column? { columnsByKey[key] }
    private static let columnsByKey: [String: Column] = Dictionary(uniqueKeysWithValues: columns.map { ($0.key, $0) })

    /// (A lookup per cell when rows are written: a dictionary, not a search.)
    private static let rowsByKey: [String: Row] = Dictionary(uniqueKeysWithValues: rows.map { ($0.key, $0) })
}
