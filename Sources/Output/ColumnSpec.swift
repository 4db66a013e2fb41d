import ReportModel

/// One column of an output file, described for the data dictionary.
public struct ColumnSpec: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case string, integer, number, date, boolean
    }

    public let name: String
    public let type: Kind
    public let unit: String
    public let descriptionEN: String
    public let descriptionZH: String
    /// The keys the column may hold, with their Chinese labels.
    public let allowed: [Allowed]

    enum CodingKeys: String, CodingKey {
        case name, type, unit, allowed
        case descriptionEN = "description_en"
        case descriptionZH = "description_zh"
    }

    public struct Allowed: Sendable, Codable, Equatable {
        public let key: String
        public let label: String
    }

    init(_ name: String, _ type: Kind, unit: String = "", _ en: String, _ zh: String, allowed: [(String, String)] = []) {
        self.name = name
        self.type = type
        self.unit = unit
        descriptionEN = en
        descriptionZH = zh
        self.allowed = allowed.map { Allowed(key: $0.0, label: $0.1) }
    }

    static let reportID = ColumnSpec("report_id", .string, "stable id: r + the first 16 hex digits of the input's SHA-256",
                                     "报告标识：r加输入文件SHA-256的前16位")

    static let reports: [ColumnSpec] = [
        reportID,
        ColumnSpec("source_path", .string, "path relative to the input folder", "相对于输入目录的路径"),
        ColumnSpec("source_sha256", .string, "hex SHA-256 of the raw input bytes", "原始文件的SHA-256"),
        ColumnSpec("agency", .string, "issuing body, simplified script", "发布机关（简体）"),
        ColumnSpec("report_year", .integer, "the year reported on", "报告年度"),
        ColumnSpec("publish_date", .date, "publication date shown on the page (ISO)", "发布日期"),
        ColumnSpec("template", .string, "national template recognised from the content", "年报格式模板",
                   allowed: TableTemplate.all.map { ($0.key, $0.circular) }
                       + [("legacy", "2019年以前格式"), ("unknown", "未识别")]),
        ColumnSpec("source_script", .string, "script of the input", "原文字体",
                   allowed: [("simplified", "简体"), ("traditional", "繁体"), ("mixed", "简繁混合")]),
        ColumnSpec("source_encoding", .string, "character encoding detected", "字符编码"),
        ColumnSpec("sections_found", .integer, "how many of sections 1-6 were found", "识别出的章节数（一至六）"),
        ColumnSpec("cells_found", .integer, "table cells extracted with a value", "提取到数值的表格单元格数"),
        ColumnSpec("cells_expected", .integer, "table cells the detected template has", "模板应有的单元格数"),
        ColumnSpec("checks_failed", .integer, "failed accounting identities", "未通过的勾稽关系数"),
        ColumnSpec("flags", .string, "quality codes, ;-joined", "质量标记（分号分隔）",
                   allowed: ReportFlag.allCases.map { ($0.rawValue, "") }),
        status,
        ColumnSpec("checks_evaluated", .integer, "accounting identities evaluated (0: none could be)", "已检查的勾稽关系数"),
    ] + region

    static let status = ColumnSpec("status", .string, "processing outcome", "处理状态",
                                   allowed: [("ok", "完整"), ("partial", "部分缺失或勾稽不符"), ("failed", "失败")])

    static let inputs: [ColumnSpec] = [
        ColumnSpec("source_path", .string, "path relative to the input folder", "相对于输入目录的路径"),
        ColumnSpec("report_id", .string, "the report read from the file (in reports); empty when the file could not be read",
                   "对应报告标识（见reports）；无法读取时为空"),
        ColumnSpec("status", .string, "processing outcome of the file", "处理状态",
                   allowed: [("ok", "完整"), ("partial", "部分缺失或勾稽不符"), ("failed", "失败")]),
    ]

    static let sections: [ColumnSpec] = [
        reportID,
        ColumnSpec("section_no", .integer, "0 for the preamble, 1-6 for the standard sections", "章节序号（0为前言）"),
        ColumnSpec("section_key", .string, "section", "章节",
                   allowed: SectionKey.allCases.map { ($0.rawValue, $0.canonicalTitle.isEmpty ? "前言" : $0.canonicalTitle) }),
        ColumnSpec("title", .string, "heading as written, normalised", "标题（规范化后）"),
        ColumnSpec("text", .string, "normalised body without the heading", "正文（规范化后，不含标题）"),
        ColumnSpec("char_count", .integer, "characters (Unicode code points) in text", "正文字符数（Unicode码位）"),
    ]

    static var itemKeys: [(String, String)] { ActiveDisclosureTable.items.map { ($0.key, $0.label) } }
    static var measureKeys: [(String, String)] {
        var seen = Set<String>()
        return ActiveDisclosureTable.items.flatMap { item in
            TableTemplate.all.flatMap { $0.measures(item.key) ?? [] }
        }.filter { seen.insert($0.key).inserted }.map { ($0.key, $0.label) }
    }

    static let activeDisclosure: [ColumnSpec] = [
        reportID,
        ColumnSpec("item_key", .string, "item (第二十条 clause)", "信息内容", allowed: itemKeys),
        ColumnSpec("item_label", .string, "item, Chinese label", "信息内容（中文）"),
        ColumnSpec("measure_key", .string, "measure", "统计指标", allowed: measureKeys),
        ColumnSpec("measure_label", .string, "measure, Chinese label", "统计指标（中文）"),
        ColumnSpec("value", .number, unit: "see unit", "the number; empty when missing", "数值（缺失为空）"),
        ColumnSpec("unit", .string, "unit of value", "单位",
                   allowed: [("count", "件/个"), ("10k_yuan", "万元"), ("yuan", "元")]),
        ColumnSpec("raw", .string, "cell text as found", "原始单元格文本"),
    ]

    static let applications: [ColumnSpec] = [
        reportID,
        ColumnSpec("row_key", .string, "row of table 三", "表三行", allowed: ApplicationsTable.rows.map { ($0.key, $0.label) }),
        ColumnSpec("row_label", .string, "row, Chinese label", "行（中文）"),
        ColumnSpec("column_key", .string, "applicant type", "申请人类型", allowed: ApplicationsTable.columns.map { ($0.key, $0.label) }),
        ColumnSpec("column_label", .string, "applicant type, Chinese label", "申请人类型（中文）"),
        ColumnSpec("value", .integer, unit: "count", "number of applications; empty when missing", "申请数（缺失为空）"),
        ColumnSpec("raw", .string, "cell text as found", "原始单元格文本"),
    ]

    static let reviewLitigation: [ColumnSpec] = [
        reportID,
        ColumnSpec("proceeding_key", .string, "proceeding", "类别",
                   allowed: ReviewLitigationTable.proceedings.map { ($0.key, $0.label) }),
        ColumnSpec("outcome_key", .string, "outcome", "结果", allowed: ReviewLitigationTable.outcomes.map { ($0.key, $0.label) }),
        ColumnSpec("value", .integer, unit: "count", "number of cases; empty when missing", "案件数（缺失为空）"),
        ColumnSpec("raw", .string, "cell text as found", "原始单元格文本"),
    ]

    static let checks: [ColumnSpec] = [
        reportID,
        ColumnSpec("table", .string, "table checked", "所查表格", allowed: [("applications", "表三"), ("review_litigation", "表四")]),
        ColumnSpec("rule", .string, "accounting identity", "勾稽关系",
                   allowed: [("received_equals_handled", "一+二=（七）总计+四"), ("results_total_is_sum", "（七）总计=各办理结果之和"),
                             ("row_total_is_sum", "总计=各类申请人之和"), ("proceeding_total_is_sum", "总计=四项结果之和")]),
        ColumnSpec("column_key", .string, "applicant column checked, or total", "所查列"),
        ColumnSpec("lhs", .number, "left-hand side", "左边"),
        ColumnSpec("rhs", .number, "right-hand side", "右边"),
        ColumnSpec("passed", .boolean, "true when both sides are equal", "是否相等"),
        ColumnSpec("row_key", .string, "row or proceeding checked (per-row rules; an addition to the contract)", "所查行"),
    ]

    static let errors: [ColumnSpec] = [
        ColumnSpec("source_path", .string, "path relative to the input folder", "相对于输入目录的路径"),
        ColumnSpec("stage", .string, "stage that failed", "出错阶段",
                   allowed: [("ingest", "读取"), ("normalize", "规范化"), ("segment", "分节"), ("tables", "表格"), ("output", "输出")]),
        ColumnSpec("code", .string, "error code", "错误代码"),
        ColumnSpec("message", .string, "what went wrong", "说明"),
    ]

    static let wideLead: [ColumnSpec] = [
        reportID,
        reports[3], reports[4], reports[6], status,
    ]
}
