import SystemBytes
import ReportModel

/// Table 二: each item's label followed by its measures' values, in the template's column order.
enum ActiveDisclosureParser {
    struct Result {
        var cells: [ActiveDisclosureCell]
        var flags: Set<ReportFlag>
        /// How each found item was recognised, by item key.
        var matches: [String: LabelMatch] = [:]
    }

    /// Each item's wording folded, as scalars, for tolerant matching: made once.
    static let canonicalByItem: [String: [Unicode.Scalar]] = Dictionary(
        ActiveDisclosureTable.items.map { ($0.key, Array(LabelText.key($0.label).unicodeScalars)) },
        uniquingKeysWith: { first, _ in first })

    static func canonical(_ item: ActiveDisclosureTable.Item) -> [Unicode.Scalar] {
        if let known = canonicalByItem[item.key], item.label == ActiveDisclosureTable.item(item.key)?.label { return known }
        return Array(LabelText.key(item.label).unicodeScalars)
    }

    static func parse(_ cells: ReadCells, template: TableTemplate) -> Result? {
        let items = template.activeDisclosure
        // A header that states 元 rather than 万元 changes the fee unit.
        let feeInYuan = cells.keys.contains { $0.containsUTF8("单位:元") || $0.containsUTF8("(元)") }

        var out: [ActiveDisclosureCell] = []
        var flags: Set<ReportFlag> = []
        // Found items by index; an item is found when an item of its key is (the first index of
        // the key stands for it).
        let group = items.indices.map { i in items.firstIndex { $0.item.key == items[i].item.key }! }
        var found = [Bool](repeating: false, count: items.count)
        var matches: [String: LabelMatch] = [:]
        // The rows first, then their values: the side padding lies on is the table's.
        var matched: [(item: ActiveDisclosureTable.Item, measures: [ActiveDisclosureTable.Measure], values: [CellValue],
                       strict: Bool)] = []
        // The block's header merges a measure over two columns: its rows' merged cells may stand
        // anywhere (see `ValuePlacement.place`).
        var innerSpans = false
        for line in cells.logicalRows() {
            if line.values.allSatisfy(\.isBlank), line.labelKeys.count >= 2 {
                let keys = line.labelKeys
                let last = keys.lastIndex { $0 != keys.last } ?? -1
                innerSpans = keys.indices.dropFirst().contains { $0 <= last && keys[$0] == keys[$0 - 1] }
            }
            guard !line.values.isEmpty, !line.labelKeys.isEmpty else { continue }
            // The items not found yet, by index (no copy of them per line).
            let open = items.indices.lazy.filter { !found[group[$0]] }
            var match = LabelMatch.exact
            let lastLabel = line.lastLabel
            var index = open.first { items[$0].item.matcher.matches(folded: lastLabel) }
            if index == nil {
                let joinedLabel = line.joinedLabel
                index = open.first { items[$0].item.matcher.matches(folded: joinedLabel) }
            }
            if index == nil {
                // One character off one item only.
                let label = LabelMatcher.TolerantLabel(folded: lastLabel)
                let hits = Array(open.filter { items[$0].item.matcher.tolerantlyMatches(label, canonical: canonical(items[$0].item)) })
                if hits.count == 1 { index = hits[0]; match = .tolerant }
            }
            guard let index else { continue }
            let entry = items[index]
            let item = entry.item
            matched.append((item, entry.measures, line.values, innerSpans))
            found[group[index]] = true
            matches[item.key] = match
        }
        let sides = Set(matched.compactMap { ValuePlacement.evidence($0.values, columns: $0.measures.count) })
        let side = cells.rowwise && sides.count == 1 ? sides.first : nil
        let trail = !matched.contains { ValuePlacement.copiesEvidence($0.values, columns: $0.measures.count) == false }
        for (item, measures, found, strict) in matched {
            let values: [CellValue]
            switch ValuePlacement.place(found, columns: measures.count, oneCellPerLine: !cells.rowwise, tableSide: side,
                                        copiesTrail: trail, strict: strict) {
            case .placed(let v): values = v
            case .short:
                flags.insert(.shortRows)
                values = found.map { CellValue(value: nil, raw: $0.raw, unreadable: $0.unreadable) }
                    + Array(repeating: CellValue(value: nil, raw: ""), count: measures.count - found.count)
            case .ambiguous:
                flags.insert(.ambiguousRows)
                values = Array(repeating: CellValue(value: nil, raw: ""), count: measures.count)
            }
            for (m, measure) in measures.enumerated() {
                var unit = values[m].statedUnit ?? measure.unit
                if measure.unit == .tenThousandYuan, values[m].statedUnit == nil, feeInYuan { unit = .yuan }
                out.append(ActiveDisclosureCell(itemKey: item.key, measureKey: measure.key, unit: unit, cell: values[m]))
            }
        }
        guard !out.isEmpty else { return nil }
        if items.indices.contains(where: { !found[group[$0]] }) { flags.insert(.missingRows) }
        // Table order, whatever order the page used.
        let rank = Dictionary(uniqueKeysWithValues: ActiveDisclosureTable.items.enumerated().map { ($1.key, $0) })
        out = out.enumerated().sorted { a, b in
            (rank[a.element.itemKey]!, a.offset) < (rank[b.element.itemKey]!, b.offset)
        }.map(\.element)
        return Result(cells: out, flags: flags, matches: matches)
    }
}
