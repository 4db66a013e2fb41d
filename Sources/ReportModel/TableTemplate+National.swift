/// The two national templates.
extension TableTemplate {
    /// Every template, newest first (the order of the output schema's columns).
    public static let all: [TableTemplate] = [t2021, t2019]

    /// 国办公开办函〔2021〕30号: table 二 measures 本年制发件数 / 本年废止件数 / 现行有效件数; (六)其他处理
    /// split into three rows.
    public static let t2021: TableTemplate = {
        typealias M = ActiveDisclosureTable.Measure
        let issued = M(key: "issued", label: "本年制发件数", unit: .count)
        let repealed = M(key: "repealed", label: "本年废止件数", unit: .count)
        let inForce = M(key: "in_force", label: "现行有效件数", unit: .count)
        let decisions = M(key: "decisions", label: "本年处理决定数量", unit: .count)
        let feeAmount = M(key: "amount", label: "本年收费金额（单位：万元）", unit: .tenThousandYuan)
        return TableTemplate(
            key: "2021", circular: "国办公开办函〔2021〕30号", firstYear: 2021, lastYear: nil,
            activeDisclosure: active([
                "regulations": [issued, repealed, inForce], "normative_documents": [issued, repealed, inForce],
                "admin_licensing": [decisions], "admin_penalty": [decisions], "admin_coercion": [decisions],
                "admin_fees": [feeAmount],
            ]),
            applicationsRows: .only2021,
            markers: ["本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额"],
            checks: CheckRule.allCases, yearlyIssuedMeasure: issued.key)
    }()

    /// 国办公开办函〔2019〕60号: 本年新制作数量 / 本年新公开数量 / 对外公开总数量, 政府集中采购; (六)其他处理 one row.
    public static let t2019: TableTemplate = {
        typealias M = ActiveDisclosureTable.Measure
        let newlyMade = M(key: "newly_made", label: "本年新制作数量", unit: .count)
        let newlyPublished = M(key: "newly_published", label: "本年新公开数量", unit: .count)
        let totalPublished = M(key: "total_published", label: "对外公开总数量", unit: .count)
        let previousYear = M(key: "previous_year", label: "上一年项目数量", unit: .count)
        let change = M(key: "change", label: "本年增/减", unit: .count)
        let decisions = M(key: "decisions", label: "处理决定数量", unit: .count)
        let projects = M(key: "projects", label: "采购项目数量", unit: .count)
        let procurementAmount = M(key: "amount", label: "采购总金额", unit: .tenThousandYuan)
        let documents = [newlyMade, newlyPublished, totalPublished]
        let services = [previousYear, change, decisions]
        return TableTemplate(
            key: "2019", circular: "国办公开办函〔2019〕60号", firstYear: 2019, lastYear: 2020,
            activeDisclosure: active([
                "regulations": documents, "normative_documents": documents,
                "admin_licensing": services, "other_admin_services": services,
                "admin_penalty": services, "admin_coercion": services,
                "admin_fees": [previousYear, change], "gov_procurement": [projects, procurementAmount],
            ]),
            applicationsRows: .only2019,
            markers: ["本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "集中采购", "采购总金额"],
            checks: CheckRule.allCases, yearlyIssuedMeasure: newlyPublished.key)
    }()

    /// Table 二's items in table order with the measures a template gives them.
    private static func active(_ measures: [String: [ActiveDisclosureTable.Measure]]) -> [ActiveItem] {
        ActiveDisclosureTable.items.compactMap { item in measures[item.key].map { ActiveItem(item, $0) } }
    }
}
