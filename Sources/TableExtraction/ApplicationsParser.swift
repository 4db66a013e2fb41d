import SystemBytes
import ReportModel

/// Table 三: rows anchored on their labels, in table order, seven values each.
///
/// A row is recognised by its own label, else by its label joined with the label-only lines
/// around it (a label wrapped over lines), else tolerantly (one character off), else by its
/// place: the only template row left between two recognised rows. Its values are placed by
/// `ValuePlacement`; what cannot be placed with confidence stays missing and flagged.
enum ApplicationsParser {
    struct Result {
        var cells: [ApplicationCell]
        var variant: ApplicationsTable.Variant
        var flags: Set<ReportFlag>
        /// How each found row was recognised, by row key.
        var matches: [String: LabelMatch] = [:]
    }

    static let rows = ApplicationsTable.rows
    static let columns = ApplicationsTable.columns
    static let otherRow = rows.firstIndex { $0.key == "other" }!
    /// The template's wording of each row, folded, for tolerant matching.
    static let canonical = rows.map { LabelText.key($0.label) }
    static let canonicalScalars = canonical.map { Array($0.unicodeScalars) }

    static func parse(_ grid: CellGrid) -> Result { parse(ReadCells(grid)) }

    static func parse(_ cells: ReadCells) -> Result {
        let lines = cells.logicalRows()
        // The values found for each row, by its place in the template.
        var found = [[CellValue]?](repeating: nil, count: rows.count)
        var how = [LabelMatch?](repeating: nil, count: rows.count)
        var flags: Set<ReportFlag> = []
        var cursor = 0
        var used = Set<Int>()
        // Lines with values but no recognised label, with the row recognised before them.
        var orphans: [(line: Int, after: Int?)] = []
        var lastFound: Int? = nil
        var firstFoundLine: Int? = nil
        let side = cells.rowwise ? ValuePlacement.tableSide(lines.map(\.values), columns: columns.count) : nil
        let copiesTrail = ValuePlacement.copiesTrail(lines.map(\.values), columns: columns.count)

        for (k, line) in lines.enumerated() where !line.values.isEmpty && !used.contains(k) {
            guard let (r, match, fragments) = recognise(k, lines, cursor: cursor, used: used) else {
                // A line of values whose label cannot be read (a group heading's is no row).
                let groupHeading = !line.labelKeys.isEmpty && line.labelKeys.allSatisfy(ApplicationsTable.groupLabels.contains)
                if line.hasValues, !groupHeading { orphans.append((k, lastFound)) }
                continue
            }
            used.formUnion(fragments)
            found[r] = place(line.values, oneCellPerLine: !cells.rowwise, side: side, copiesTrail: copiesTrail, flags: &flags)
            how[r] = match
            cursor = r + 1
            lastFound = r
            if firstFoundLine == nil { firstFoundLine = k }
            used.insert(k)
        }

        // Rows by place: a run of unrecognised lines between two recognised rows, as many as the
        // template has rows between them (in the row set the table shows).
        let variantSeen: ApplicationsTable.Variant? =
            found[otherRow] != nil ? .only2019
            : rows.indices.contains { rows[$0].variant == .only2021 && found[$0] != nil } ? .only2021 : nil
        let recognised = found.map { $0 != nil }
        var k = 0
        while k < orphans.count {
            guard let after = orphans[k].after else { k += 1; continue }
            var run = [orphans[k].line]
            while k + run.count < orphans.count, orphans[k + run.count].after == after { run.append(orphans[k + run.count].line) }
            k += run.count
            // The next recognised row after the run.
            guard let next = ((after + 1)..<rows.count).first(where: { recognised[$0] }) else { continue }
            let gap = Array((after + 1)..<next)
            var candidates: [[Int]] = []
            for variant in ApplicationsTable.rowSets where variantSeen == nil || variantSeen == variant {
                let set = gap.filter { rows[$0].variant == .both || rows[$0].variant == variant }
                if set.count == run.count, !candidates.contains(set) { candidates.append(set) }
            }
            guard candidates.count == 1 else { continue }
            for (line, r) in zip(run, candidates[0]) {
                found[r] = place(lines[line].values, oneCellPerLine: !cells.rowwise, side: side, copiesTrail: copiesTrail, flags: &flags)
                how[r] = .position
            }
        }

        let variant: ApplicationsTable.Variant = found[otherRow] != nil ? .only2019 : .only2021
        let anyFound = found.contains { $0 != nil }
        if anyFound, rows.indices.contains(where: { found[$0] == nil && (rows[$0].variant == .both || rows[$0].variant == variant) }) {
            flags.insert(.missingRows)
        }
        // A multi-line header cell comes out as consecutive cells (`自然` / `人`): read them joined.
        // The header is the label cells before the first recognised row.
        let headerWords = ["自然人", "总计"]
        let header = cells.headerLabels(before: firstFoundLine.map { lines[$0].firstCell } ?? cells.count)
        if anyFound, !headerWords.allSatisfy({ header.containsUTF8($0) }) {
            flags.insert(.missingHeaderCells)
        }

        var out: [ApplicationCell] = []
        var matches: [String: LabelMatch] = [:]
        for (r, values) in found.enumerated() {
            guard let values else { continue }
            for c in columns.indices { out.append(ApplicationCell(row: r, column: c, cell: values[c])) }
            if let m = how[r] { matches[rows[r].key] = m }
        }
        return Result(cells: out, variant: variant, flags: flags, matches: matches)
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

    /// The row a line stands for, how it was recognised, and the label-only lines its label took.
    static func recognise(_ k: Int, _ lines: [LogicalRow], cursor: Int, used: Set<Int>) -> (Int, LabelMatch, [Int])? {
        let own = lines[k]
        // The first try, the row's own last label cell, matches most rows: the others are not
        // built for them.
        if !own.lastLabel.isEmpty, let r = matchRow(own.lastLabel, cursor: cursor) { return (r, .exact, []) }
        func labelOnly(_ i: Int) -> Bool {
            lines.indices.contains(i) && !used.contains(i) && lines[i].values.isEmpty && !lines[i].labelKeys.isEmpty
        }
        // A line whose label starts with numbering begins a label: nothing above continues into
        // it, and it continues nothing above it.
        let p1 = !own.numberedStart && labelOnly(k - 1) ? k - 1 : nil
        let p2 = p1.map { !lines[$0].numberedStart } == true && labelOnly(k - 2) ? k - 2 : nil
        let n1 = labelOnly(k + 1) && !lines[k + 1].numberedStart ? k + 1 : nil
        let n2 = n1 != nil && labelOnly(k + 2) && !lines[k + 2].numberedStart ? k + 2 : nil
        // A neighbour's words without its group heading (`（六）其他处理` beside a sub-row's first
        // line is no part of the sub-row's label, and is template 2019's row `other`).
        func text(_ i: Int?) -> String? {
            i.map { lines[$0].labelKeys.filter { !ApplicationsTable.groupLabels.contains($0) }.joined() }
        }
        // The row's own last label cell first (a group heading beside it, `（六）其他处理`, is no
        // part of the row's wording), then all its label cells; each alone, then with the
        // label-only lines around it.
        var tries: [(String, [Int])] = []
        let joined = own.labelKeys.dropLast().filter { !ApplicationsTable.groupLabels.contains($0) }.joined() + own.lastLabel
        for base in joined != own.lastLabel ? [own.lastLabel, joined] : [own.lastLabel] {
            tries.append((base, []))
            if let n1, let b = text(n1) { tries.append((base + b, [n1])) }
            if let p1, let a = text(p1) { tries.append((a + base, [p1])) }
            if let p1, let n1, let a = text(p1), let b = text(n1) { tries.append((a + base + b, [p1, n1])) }
            if let p1, let p2, let a = text(p1), let z = text(p2) { tries.append((z + a + base, [p2, p1])) }
            if let n1, let n2, let b = text(n1), let c = text(n2) { tries.append((base + b + c, [n1, n2])) }
        }
        for (label, fragments) in tries where !label.isEmpty {
            if let r = matchRow(label, cursor: cursor) { return (r, .exact, fragments) }
        }
        for (label, fragments) in tries where !label.isEmpty {
            if let r = tolerantRow(label, cursor: cursor) { return (r, .tolerant, fragments) }
        }
        return nil
    }

    /// The only row at or after the cursor that a damaged label is one character off; nil when
    /// none or several are. Group headings are no rows (`不予公开` is one character off `予以公开`).
    static func tolerantRow(_ folded: String, cursor: Int) -> Int? {
        var folded = folded
        for group in groupHeadings where folded.containsUTF8(group) { folded = folded.replacingUTF8(group, with: "") }
        guard !folded.isEmpty else { return nil }
        let label = LabelMatcher.TolerantLabel(folded: folded)
        let hits = (cursor..<rows.count).filter { rows[$0].matcher.tolerantlyMatches(label, canonical: canonicalScalars[$0]) }
        return hits.count == 1 ? hits[0] : nil
    }

    /// Group headings a joined label may hold before the row's own words.
    static let groupHeadings = ["本年度办理结果", "办理结果", "不予公开", "无法提供", "不予处理"]

    /// The seven values of a recognised row, or seven missing cells (flagged) when they cannot be
    /// placed: dropped cells (nothing says which) or surplus cells on both sides.
    static func place(_ values: [CellValue], oneCellPerLine: Bool = false, side: ValuePlacement.Side? = nil,
                      copiesTrail: Bool = false, flags: inout Set<ReportFlag>) -> [CellValue] {
        switch ValuePlacement.place(values, columns: columns.count, oneCellPerLine: oneCellPerLine, tableSide: side,
                                    copiesTrail: copiesTrail,
                                    fits: { ValuePlacement.groupsEndInTheirTotal($0, size: columns.count) }) {
        case .placed(let v): return v
        case .short:
            flags.insert(.shortRows)
            return values.map { CellValue(value: nil, raw: $0.raw, unreadable: $0.unreadable) }
                + Array(repeating: CellValue(value: nil, raw: ""), count: columns.count - values.count)
        case .ambiguous:
            flags.insert(.ambiguousRows)
            return Array(repeating: CellValue(value: nil, raw: ""), count: columns.count)
        }
    }
}
