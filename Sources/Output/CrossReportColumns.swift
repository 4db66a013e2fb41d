import ReportModel

/// The columns of who reported and where (`reports`), and of the cross-report files
/// (`consistency`, `coverage`).
extension ColumnSpec {
    static let levels: [(String, String)] = [
        ("province", "省级"), ("prefecture", "地级"), ("county", "县级"), ("township", "乡级（乡、镇、街道）"),
        ("department", "政府部门及其他机关"),
    ]

    static let region: [ColumnSpec] = [
        ColumnSpec("agency_key", .string, "the body's normalised name: its divisions from the province down, then the body (人民政府 for a government)",
                   "规范化机关名：省级至本级行政区划名称加机关名"),
        ColumnSpec("province", .string, "province-level division (GB/T 2260 name), when certain", "省级行政区（确定时）"),
        ColumnSpec("prefecture", .string, "prefecture-level division, when certain; empty for counties directly under a province", "地级行政区（确定时）"),
        ColumnSpec("county", .string, "county-level division, when certain", "县级行政区（确定时）"),
        ColumnSpec("adcode", .string, "6-digit GB/T 2260 code of the most specific certain division of county level or above, as in use in the report year",
                   "最具体的确定县级及以上行政区划代码（报告年度所用）"),
        ColumnSpec("township_code", .string, "9-digit township code (2021 statistical codes), when the body is in a certain township",
                   "乡级区划代码（9位，2021年统计用代码）"),
        ColumnSpec("level", .string, "what the body is", "机关层级", allowed: levels),
    ]

    static let consistency: [ColumnSpec] = [
        reportID,
        ColumnSpec("other_report_id", .string, "the previous year's report of the same agency_key (cross-year rules); empty for text_vs_table",
                   "同一机关上一年度报告标识（跨年规则）"),
        ColumnSpec("rule", .string, "consistency rule", "一致性规则",
                   allowed: [("carried_forward_continues", "上年“结转下年度继续办理”=本年“上年结转”"),
                             ("in_force_continues", "本年现行有效件数=上年现行有效件数+本年制发件数−本年废止件数"),
                             ("text_vs_table", "正文所述数字=表格数字")]),
        ColumnSpec("column_key", .string, "applicant column (carried_forward_continues), table 二 item (in_force_continues), or wide column (text_vs_table)",
                   "所查列、事项或宽表列"),
        ColumnSpec("lhs", .number, "last year's carried_forward; this year's in_force; the figure the text states", "左边"),
        ColumnSpec("rhs", .number, "this year's carried_over; last year's in_force + issued − repealed; the table's value", "右边"),
        ColumnSpec("passed", .boolean, "true when both sides are equal", "是否相等"),
        ColumnSpec("evidence", .string, "the sentence stating the figure (text_vs_table)", "正文原句"),
    ]

    static let coverage: [ColumnSpec] = [
        ColumnSpec("agency_key", .string, "the body (reports.agency_key)", "机关（规范化名）"),
        ColumnSpec("report_year", .integer, "a year between the body's first and last report", "年度"),
        ColumnSpec("report_id", .string, "the body's report for the year; empty when none was found", "该年度报告标识（缺失为空）"),
        ColumnSpec("province", .string, "as in reports", "省级行政区"),
        ColumnSpec("prefecture", .string, "as in reports", "地级行政区"),
        ColumnSpec("county", .string, "as in reports", "县级行政区"),
        ColumnSpec("adcode", .string, "as in reports", "行政区划代码"),
        ColumnSpec("level", .string, "as in reports", "机关层级", allowed: levels),
    ]
}
