import ReportModel

/// The tables' wording as the seeds and report-format.md show it, written down here independently of
/// `ReportModel` (after the table-extraction tests' renderer), so that a round trip through the
/// pipeline checks its vocabulary instead of echoing it.
enum Vocab {
    static let columnKeys = [
        "natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
        "legal_service_org", "other_org", "total",
    ]

    enum Role { case received, result, resultsTotal, carriedForward }

    /// Which 三、本年度办理结果 sub-group a row sits in (its merged group cell).
    enum Group: String {
        case withheld = "不予公开", unavailable = "无法提供", notProcessed = "不予处理", other = "其他处理"
        var numeral: String {
            switch self {
            case .withheld: "三"
            case .unavailable: "四"
            case .notProcessed: "五"
            case .other: "六"
            }
        }
    }

    enum Numbering {
        /// `一、本年新收…`
        case section(String)
        /// `（一）予以公开`
        case paren(String)
        /// `1.属于国家秘密` / `1、` / `（1）`
        case sub(Int)
    }

    struct Row {
        let key: String
        let role: Role
        let group: Group?
        let numbering: Numbering
        /// The wording after the numbering; `{q}` stands for the quotes, `{(` `)}` `{,}` for brackets and commas.
        let text: String
        /// A typo seen in the wild (seed 004, seed 000), if any.
        let typo: String?
        /// The label split by a space the way seed 001's multi-line cells come out, if any.
        let split: String?
        init(_ key: String, _ role: Role, _ group: Group?, _ numbering: Numbering, _ text: String,
             typo: String? = nil, split: String? = nil) {
            self.key = key; self.role = role; self.group = group; self.numbering = numbering
            self.text = text; self.typo = typo; self.split = split
        }
    }

    private static let head: [Row] = [
        Row("new_received", .received, nil, .section("一"), "本年新收政府信息公开申请数量"),
        Row("carried_over", .received, nil, .section("二"), "上年结转政府信息公开申请数量"),
        Row("granted", .result, nil, .paren("一"), "予以公开"),
        Row("partially_granted", .result, nil, .paren("二"), "部分公开{(}区分处理的{,}只计这一情形{,}不计其他情形{)}",
            split: "部分公开{(}区分处理的{,} 只计这一情形{,}不计其他情形{)}"),
        Row("withheld_state_secret", .result, .withheld, .sub(1), "属于国家秘密"),
        Row("withheld_prohibited_by_law", .result, .withheld, .sub(2), "其他法律行政法规禁止公开",
            typo: "他法律行政法规禁止公开", split: "其他法律行政法规 禁止公开"),
        Row("withheld_security_stability", .result, .withheld, .sub(3), "危及{q}三安全一稳定{/q}",
            split: "危及{q}三安全一稳 定{/q}"),
        Row("withheld_third_party_rights", .result, .withheld, .sub(4), "保护第三方合法权益", split: "保护第三方合法权 益"),
        Row("withheld_internal_affairs", .result, .withheld, .sub(5), "属于三类内部事务信息", split: "属于三类内部事务 信息"),
        Row("withheld_process_info", .result, .withheld, .sub(6), "属于四类过程性信息", split: "属于四类过程性信 息"),
        Row("withheld_enforcement_files", .result, .withheld, .sub(7), "属于行政执法案卷"),
        Row("withheld_admin_query", .result, .withheld, .sub(8), "属于行政查询事项"),
        Row("unavailable_not_held", .result, .unavailable, .sub(1), "本机关不掌握相关政府信息"),
        Row("unavailable_needs_creation", .result, .unavailable, .sub(2), "没有现成信息需要另行制作",
            typo: "有现成信息需要另行制作"),
        Row("unavailable_still_unclear", .result, .unavailable, .sub(3), "补正后申请内容仍不明确"),
        Row("not_processed_petition_complaint", .result, .notProcessed, .sub(1), "信访举报投诉类申请"),
        Row("not_processed_duplicate", .result, .notProcessed, .sub(2), "重复申请"),
        Row("not_processed_publication", .result, .notProcessed, .sub(3), "要求提供公开出版物"),
        Row("not_processed_excessive", .result, .notProcessed, .sub(4), "无正当理由大量反复申请"),
        Row("not_processed_confirm_reissue", .result, .notProcessed, .sub(5), "要求行政机关确认或重新出具已获取信息",
            split: "要求行政机关确认或重新出具已获取信 息"),
    ]
    private static let other2021: [Row] = [
        Row("other_no_correction", .result, .other, .sub(1), "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        Row("other_unpaid_fee", .result, .other, .sub(2), "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            typo: "申请人逾期未按收费通知要求缴纳费用、行政机关不现处理其政府信息公开申请"),
        Row("other_other", .result, .other, .sub(3), "其他"),
    ]
    private static let other2019 = Row("other", .result, nil, .paren("六"), "其他处理")
    private static let tail: [Row] = [
        Row("results_total", .resultsTotal, nil, .paren("七"), "总计"),
        Row("carried_forward", .carriedForward, nil, .section("四"), "结转下年度继续办理"),
    ]

    /// Table 三's rows: 25 in template 2021, 23 in template 2019 (（六）其他处理 is one row).
    static func rows(_ template: TemplateKind) -> [Row] {
        head + self.template(template).otherRows + tail
    }

    static func rowKeys(_ template: TemplateKind) -> [String] { rows(template).map(\.key) }

    // MARK: Table 二

    struct Measure {
        let key: String
        let header: String
        let isAmount: Bool
    }

    struct Block {
        /// `（一）` → 第二十条第（一）项
        let clause: String
        let measures: [Measure]
        /// item key, label
        let items: [(key: String, label: String)]
    }

    static func activeBlocks(_ template: TemplateKind) -> [Block] { self.template(template).activeBlocks }

    private static func m(_ key: String, _ header: String) -> Measure { Measure(key: key, header: header, isAmount: key == "amount") }

    /// The item whose amount is a fee (行政事业性收费): written in 元 under a 万元 header by the
    /// `fee_in_yuan` form.
    static let feeItem = "admin_fees"

    /// (item key, measure key) in table order.
    static func activeCells(_ template: TemplateKind) -> [(item: String, measure: String, isAmount: Bool)] {
        activeBlocks(template).flatMap { block in
            block.items.flatMap { item in block.measures.map { (item.key, $0.key, $0.isAmount) } }
        }
    }

    // MARK: Templates

    /// What differs between the templates, as the generator writes them: table 三's （六）其他处理
    /// and table 二's blocks.
    struct Template {
        /// `ReportKind.template`, `TemplateKind.rawValue`.
        let key: String
        let otherRows: [Row]
        let activeBlocks: [Block]
    }

    /// The templates the generator writes, the current one first.
    static let templates: [Template] = [template2021, template2019]

    /// A template's parts (the current template's for a report of none).
    static func template(_ kind: TemplateKind) -> Template {
        templates.first { $0.key == kind.rawValue } ?? templates[0]
    }

    private static let template2021: Template = {
        let decisions = [m("decisions", "本年处理决定数量")]
        return Template(key: "2021", otherRows: other2021, activeBlocks: [
            Block(clause: "一", measures: [m("issued", "本年制发件数"), m("repealed", "本年废止件数"), m("in_force", "现行有效件数")],
                  items: [("regulations", "规章"), ("normative_documents", "行政规范性文件")]),
            Block(clause: "五", measures: decisions, items: [("admin_licensing", "行政许可")]),
            Block(clause: "六", measures: decisions, items: [("admin_penalty", "行政处罚"), ("admin_coercion", "行政强制")]),
            Block(clause: "八", measures: [m("amount", "本年收费金额{(}单位{:}万元{)}")], items: [("admin_fees", "行政事业性收费")]),
        ])
    }()

    private static let template2019: Template = {
        let projects = [m("previous_year", "上一年项目数量"), m("change", "本年增/减"), m("decisions", "处理决定数量")]
        return Template(key: "2019", otherRows: [other2019], activeBlocks: [
            Block(clause: "一", measures: [m("newly_made", "本年新制作数量"), m("newly_published", "本年新公开数量"),
                                           m("total_published", "对外公开总数量")],
                  items: [("regulations", "规章"), ("normative_documents", "规范性文件")]),
            Block(clause: "五", measures: projects,
                  items: [("admin_licensing", "行政许可"), ("other_admin_services", "其他对外管理服务事项")]),
            Block(clause: "六", measures: projects, items: [("admin_penalty", "行政处罚"), ("admin_coercion", "行政强制")]),
            Block(clause: "八", measures: Array(projects.prefix(2)), items: [("admin_fees", "行政事业性收费")]),
            Block(clause: "九", measures: [m("projects", "采购项目数量"), m("amount", "采购总金额")],
                  items: [("gov_procurement", "政府集中采购")]),
        ])
    }()

    // MARK: Table 四

    static let proceedings = ["admin_review", "litigation_direct", "litigation_after_review"]
    static let outcomes = ["upheld", "corrected", "other", "pending", "total"]
    static let outcomeLabels = [("结果", "维持"), ("结果", "纠正"), ("其他", "结果"), ("尚未", "审结"), ("总计", "")]
}
