import Foundation
import ReportModel

/// Tables 二, 三 and 四 as the rows of cells of their HTML (merged cells once, repeated or
/// dropped), modelled on the seeds (after the table-extraction tests' renderer). `TableText`
/// writes them out in a layout, or as an HTML `<table>`.
struct TableRows {
    var layout: TableLayout
    var style: TableStyle

    // MARK: Table 二

    func activeRows(_ values: TableValues) -> [[String]] {
        var rows: [[String]] = []
        var index = 0
        for block in Vocab.activeBlocks(values.template) {
            rows.append(["第二十条第" + style.paren(block.clause) + "项"])
            let headers = block.measures.flatMap { measure -> [String] in
                let header = style.words(measure.header)
                guard style.header == .split, header.hasPrefix("本年") else { return [header] }
                return split("本年", String(header.dropFirst(2)))  // seed 000: 本年 / 制发件数
            }
            rows.append((style.header == .dropped ? [] : ["信息内容"]) + headers)
            for item in block.items {
                var row = [item.label]
                for measure in block.measures {
                    if style.feeInYuan, item.key == Vocab.feeItem, measure.isAmount, let fee = values.active[index] {
                        row.append("\(fee * 10000)元")
                    } else {
                        row.append(style.cellText(values.active[index], amount: measure.isAmount, index: 1000 + index))
                    }
                    index += 1
                }
                rows.append(row)
            }
        }
        return rows
    }

    // MARK: Table 三

    func applicationsRows(_ values: TableValues) -> [[String]] {
        let note = style.words("{(}本列数据的勾稽关系为{:}第一项加第二项之和{,}等于第三项加第四项之和{)}")
        let orgs = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
        var rows: [[String]]
        switch style.header {
        case .full:
            rows = [[note, "申请人情况"], ["自然人", "法人或其他组织", "总计"], orgs]
        case .dropped:
            rows = [[note], ["申请人情况"], ["法人或其他组织"], orgs]
        case .split:
            rows = [[note, "申请人情况"], split("自然", "人") + ["法人或其他组织", "总计"],
                    split("商业", "企业") + split("科研", "机构") + ["社会公益组织", "法律服务机构", "其他"]]
        case .repeated:
            rows = [[note] + Array(repeating: "申请人情况", count: 7),
                    ["自然人"] + Array(repeating: "法人或其他组织", count: 5) + ["总计"],
                    ["自然人"] + orgs + ["总计"]]
        case .splitRows:
            rows = [[note, "申请人情况"], ["自然", "法人或其他组织", "总"], ["人"] + orgs + ["计"]]
        }
        let outer = "三、本年度办理结果"
        let damage = style.damage(values.rows)
        var previousGroup: Vocab.Group?? = .none
        for (r, row) in values.rows.enumerated() {
            var cells: [String] = []
            let inResults = row.role == .result || row.role == .resultsTotal
            let firstOfResults = row.key == "granted"
            let firstOfGroup = row.group != nil && previousGroup != .some(row.group)
            previousGroup = .some(row.group)
            switch style.groups {
            case .dropped:
                break
            case .once, .split:
                if firstOfResults { cells += style.groups == .split && layout != .cellPerLine ? ["三、 本年 度办 理结 果"] : [outer] }
                if firstOfGroup, let group = row.group { cells += groupCell(group) }
            case .repeated:
                if inResults { cells.append(outer) }
                if let group = row.group { cells += groupCell(group) }
            }
            cells.append(style.label(row, damage: damage[row.key]))
            for c in 0..<7 { cells.append(style.cellText(values.applications[r][c], amount: false, index: r * 7 + c)) }
            rows.append(cells)
        }
        return rows
    }

    private func groupCell(_ group: Vocab.Group) -> [String] {
        let numeral = style.paren(group.numeral)
        guard style.groups == .split else { return [numeral + group.rawValue] }
        // Seed 003: `(三)` / `不予公开` on lines of their own; seed 001: `(三) 不予公 开`.
        if layout == .cellPerLine { return [numeral, group.rawValue] }
        let name = Array(group.rawValue)
        return [numeral + " " + String(name.prefix(3)) + " " + String(name.dropFirst(3))]
    }

    // MARK: Table 四

    func reviewRows(_ values: TableValues) -> [[String]] {
        let outcomes = Vocab.outcomeLabels.flatMap { a, b in b.isEmpty ? [a] : (style.header == .split ? split(a, b) : [a + b]) }
        let top = ["行政复议", "行政诉讼"]
        let second = outcomes + ["未经复议直接起诉", "复议后起诉"]
        var rows: [[String]]
        switch style.header {
        case .full, .split, .splitRows: rows = [top, second, outcomes + outcomes]
        case .dropped: rows = [second, outcomes + outcomes]
        case .repeated:
            rows = [Array(repeating: "行政复议", count: 5) + Array(repeating: "行政诉讼", count: 10),
                    outcomes + Array(repeating: "未经复议直接起诉", count: 5) + Array(repeating: "复议后起诉", count: 5),
                    outcomes + outcomes]
        }
        rows.append(values.review.enumerated().map { style.cellText($1, amount: false, index: 2000 + $0) })
        return rows
    }

    /// A header cell printed on two lines: two cells one per line, else `商业 企业`.
    func split(_ a: String, _ b: String) -> [String] {
        layout == .cellPerLine ? [a, b] : [a + " " + b]
    }
}
