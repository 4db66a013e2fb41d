import ReportModel

/// Table 二: each item's label followed by its measures' values, in the template's column order.
enum ActiveDisclosureParser {
    struct Result {
        var cells: [ActiveDisclosureCell]
        var flags: Set<ReportFlag>
    }

    static func parse(_ cells: ReadCells, template: TemplateKind) -> Result? {
        let measuresTemplate: TemplateKind = template == .t2019 ? .t2019 : .t2021
        let items = ActiveDisclosureTable.items(for: measuresTemplate)
        let kinds = cells.kinds
        let labels = cells.keys
        // A header that states 元 rather than 万元 changes the fee unit.
        let feeInYuan = labels.contains { $0.containsUTF8("单位:元") || $0.containsUTF8("(元)") }

        var out: [ActiveDisclosureCell] = []
        var flags: Set<ReportFlag> = []
        var done: Set<String> = []
        var i = 0
        while i < cells.count {
            guard kinds[i] == .label,
                  let item = items.first(where: { !done.contains($0.key) && $0.matcher.matches(folded: labels[i]) }),
                  let measures = item.measures[measuresTemplate]
            else { i += 1; continue }
            var values: [CellValue] = []
            var j = i + 1
            while j < cells.count, case .value(let v) = kinds[j] {
                if values.count < measures.count { values.append(v) }
                j += 1
            }
            guard !values.isEmpty else { i += 1; continue }
            if values.count < measures.count {
                flags.insert(.shortRows)
                values = values.map { CellValue(value: nil, raw: $0.raw, unreadable: $0.unreadable) }
                    + Array(repeating: CellValue(value: nil, raw: ""), count: measures.count - values.count)
            }
            for (m, measure) in measures.enumerated() {
                var unit = values[m].statedUnit ?? measure.unit
                if measure.unit == .tenThousandYuan, values[m].statedUnit == nil, feeInYuan { unit = .yuan }
                out.append(ActiveDisclosureCell(itemKey: item.key, measureKey: measure.key, unit: unit, cell: values[m]))
            }
            done.insert(item.key)
            i = j
        }
        guard !out.isEmpty else { return nil }
        if items.contains(where: { !done.contains($0.key) }) { flags.insert(.missingRows) }
        // Table order, whatever order the page used.
        let rank = Dictionary(uniqueKeysWithValues: ActiveDisclosureTable.items.enumerated().map { ($1.key, $0) })
        out = out.enumerated().sorted { a, b in
            (rank[a.element.itemKey]!, a.offset) < (rank[b.element.itemKey]!, b.offset)
        }.map(\.element)
        return Result(cells: out, flags: flags)
    }
}
