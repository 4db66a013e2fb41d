import ReportModel

/// Table 三: rows anchored on their labels, in table order, seven values each.
enum ApplicationsParser {
    struct Result {
        var cells: [ApplicationCell]
        var variant: ApplicationsTable.Variant
        var flags: Set<ReportFlag>
    }

    static let rows = ApplicationsTable.rows
    static let columns = ApplicationsTable.columns
    static let otherRow = rows.firstIndex { $0.key == "other" }!

    static func parse(_ grid: CellGrid) -> Result { parse(ReadCells(grid)) }

    static func parse(_ cells: ReadCells) -> Result {
        let kinds = cells.kinds
        var cursor = 0
        // The values found for each row, by its place in the template.
        var found = [[CellValue]?](repeating: nil, count: rows.count)
        var anyFound = false
        var flags: Set<ReportFlag> = []
        var headerLabels: [String] = []

        var i = 0
        while i < cells.count {
            guard kinds[i] == .label else { i += 1; continue }
            let folded = cells.keys[i]
            if !anyFound { headerLabels.append(folded) }
            guard let r = matchRow(folded, cursor: cursor) else { i += 1; continue }
            // The values that follow the label, up to the next label.
            var values: [CellValue] = []
            var j = i + 1
            while j < cells.count, case .value(let v) = kinds[j] {
                if values.count < columns.count { values.append(v) }
                j += 1
            }
            // A label followed by no value heads a group (`（三）不予公开`) or is prose: not a row.
            guard !values.isEmpty else { i += 1; continue }
            if values.count < columns.count {
                // Cells were dropped and nothing says which: never guess, leave the row missing.
                flags.insert(.shortRows)
                values = values.map { CellValue(value: nil, raw: $0.raw, unreadable: $0.unreadable) }
                    + Array(repeating: CellValue(value: nil, raw: ""), count: columns.count - values.count)
            }
            found[r] = values
            anyFound = true
            cursor = r + 1
            i = j
        }

        let variant: ApplicationsTable.Variant = found[otherRow] != nil ? .only2019 : .only2021
        if anyFound, rows.indices.contains(where: { found[$0] == nil && (rows[$0].variant == .both || rows[$0].variant == variant) }) {
            flags.insert(.missingRows)
        }
        // A multi-line header cell comes out as consecutive cells (`自然` / `人`): read them joined.
        let headerWords = ["自然人", "总计"]
        let header = headerLabels.joined()
        if anyFound, !headerWords.allSatisfy({ header.containsUTF8($0) }) {
            flags.insert(.missingHeaderCells)
        }

        var out: [ApplicationCell] = []
        for (r, values) in found.enumerated() {
            guard let values else { continue }
            for c in columns.indices { out.append(ApplicationCell(row: r, column: c, cell: values[c])) }
        }
        return Result(cells: out, variant: variant, flags: flags)
    }

    /// The first row at or after the cursor whose label matches. Weak labels (`其他`, `总计`) also
    /// appear as column headers, so they are only taken within a few rows of their place.
    static func matchRow(_ folded: String, cursor: Int) -> Int? {
        guard !folded.isEmpty else { return nil }
        for r in cursor..<rows.count where rows[r].matcher.matches(folded: folded) {
            if rows[r].matcher.isWeak, cursor < r - 3 { continue }
            return r
        }
        return nil
    }
}
