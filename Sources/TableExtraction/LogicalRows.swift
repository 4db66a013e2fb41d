import Foundation
import ReportModel

/// A table's rows as the parsers match them: a label (possibly empty) and the value cells that
/// follow it.
///
/// Rowwise grids give one row per grid row: its label cells joined, its values the value cells
/// after its last label cell. A single Han character before a row's label or values is the
/// letter of a label printed vertically down the page (PDF layout: `申  1069 119 …`) and is
/// dropped. A grid of one cell per line gives one row per label, with the value cells that follow
/// it up to the next label.
struct LogicalRow {
    /// The folded texts of the row's label cells, in order (empty for a row of values only).
    var labelKeys: [String]
    var values: [CellValue]
    /// The index of the line's first cell in `ReadCells`.
    var firstCell: Int
    /// The line's label starts with numbering (`2.申请人…`, `（六）其他处理`): a row's label
    /// starts here, it continues none from the line above.
    var numberedStart = false
    /// The last label cell's folded text alone, and all label cells joined.
    var lastLabel: String { labelKeys.last ?? "" }
    var joinedLabel: String { labelKeys.joined() }
    var hasValues: Bool { values.contains { !$0.raw.isEmpty && !$0.isBlank } }
}

extension CellValue {
    /// An empty cell (no text but white space): padding, a covered span, or a value left blank.
    var isBlank: Bool { raw.unicodeScalars.allSatisfy(CellReader.isIgnored) }
}

extension ReadCells {
    func logicalRows() -> [LogicalRow] {
        var out: [LogicalRow] = []
        if rowwise {
            var i = 0
            while i < count {
                let r = rows[i]
                var j = i
                while j < count, rows[j] == r { j += 1 }
                var labels: [String] = []
                var values: [CellValue] = []
                // (Made once at the line's width: the values of a table row are most of its cells.)
                values.reserveCapacity(j - i)
                var numbered = false
                for k in i..<j {
                    switch kinds[k] {
                    case .label:
                        // A vertical label's letter: one Han character followed by more cells.
                        if k == i, j - i > 1, Self.isSingleHan(texts[k]) { continue }
                        if labels.isEmpty, values.isEmpty { numbered = LabelText.hasLeadingNumbering(texts[k]) }
                        labels.append(keys[k])
                        values.removeAll(keepingCapacity: true)
                    case .value(let v):
                        values.append(v)
                    }
                }
                if !labels.isEmpty || values.contains(where: { !$0.isBlank }) {
                    out.append(LogicalRow(labelKeys: labels, values: values, firstCell: i, numberedStart: numbered))
                }
                i = j
            }
        } else {
            var i = 0
            while i < count {
                guard kinds[i] == .label else {
                    // Values before any label: a row of values only.
                    var values: [CellValue] = []
                    let start = i
                    while i < count, case .value(let v) = kinds[i] { values.append(v); i += 1 }
                    out.append(LogicalRow(labelKeys: [], values: values, firstCell: start))
                    continue
                }
                var values: [CellValue] = []
                var j = i + 1
                while j < count, case .value(let v) = kinds[j] { values.append(v); j += 1 }
                out.append(LogicalRow(labelKeys: [keys[i]], values: values, firstCell: i,
                                     numberedStart: LabelText.hasLeadingNumbering(texts[i])))
                i = j
            }
        }
        return out
    }

    /// The folded label cells before cell `end`, joined: a table's header.
    func headerLabels(before end: Int) -> String {
        (0..<min(end, count)).filter { kinds[$0] == .label }.map { keys[$0] }.joined()
    }

    static func isSingleHan(_ text: String) -> Bool {
        // The one kept scalar, if the text has exactly one.
        var only: Unicode.Scalar? = nil
        for s in text.unicodeScalars where !CellReader.isIgnored(s) {
            guard only == nil else { return false }
            only = s
        }
        guard let s = only else { return false }
        return s.value >= 0x4E00 && s.value <= 0x9FFF
    }
}

/// How a row's value cells are placed under the template's `n` columns.
enum ValuePlacement {
    enum Outcome: Equatable {
        /// Placed: exactly `n` cells, in column order.
        case placed([CellValue])
        /// Fewer cells than columns: which column lost its cell cannot be told.
        case short
        /// More cells than columns, and the surplus could be on either side.
        case ambiguous
    }

    /// Values are matched to the columns from the right when the surplus is blank padding on the
    /// left (a label over several cells), from the left when it is blank junk on the right (`| ||`),
    /// and by their non-blank cells alone when exactly `n` are left (a span's covered cell left
    /// blank between values). Anything else is not guessed.
    ///
    /// `oneCellPerLine`: a value run of a one-cell-per-line grid. Its blank cells are blank lines
    /// beyond the usual separation, which stand for empty cells. A surplus is the cells after the
    /// row (the next lines' values, a page number): the first `n` are the row's. But when a blank
    /// is among those `n` and the run's other cells are `n`, the blank may instead be a stray
    /// blank line (a page's paragraph break) before `n` values: then the row's own identity
    /// decides (`fits`, its total the sum of the rest, checked on the `n` values); without one,
    /// or when they do not add up, nothing is placed. Nor when the surplus is a whole row or more.
    /// Where a row's surplus cells lie: the padding of a label on the left, so the values are the
    /// row's last cells (`fromRight`), or junk on the right, so they are its first (`fromLeft`).
    enum Side { case fromRight, fromLeft }

    /// What a row says about the table's side: its blank surplus on one side only.
    static func evidence(_ values: [CellValue], columns n: Int) -> Side? {
        guard values.count > n else { return nil }
        let lead = values.prefix { $0.isBlank }.count
        let trail = values.reversed().prefix { $0.isBlank }.count
        let surplus = values.count - n
        if values.count - values.count(where: \.isBlank) == n {
            if lead == 0, trail > 0 { return .fromLeft }
            if trail == 0, lead > 0 { return .fromRight }
            return nil
        }
        switch (lead >= surplus, trail >= surplus) {
        case (true, false): return .fromRight
        case (false, true): return .fromLeft
        default: return nil
        }
    }

    /// The side every row that tells agrees on; nil when none tells or they disagree.
    static func tableSide(_ rows: [[CellValue]], columns n: Int) -> Side? {
        let sides = Set(rows.compactMap { evidence($0, columns: n) })
        return sides.count == 1 ? sides.first : nil
    }

    /// Where a row's merged-cell copies lie, when it has one run of them: at its end (`true`,
    /// the last cell spans the rest) or inside it (`false`).
    static func copiesEvidence(_ values: [CellValue], columns n: Int) -> Bool? {
        // (No more filled cells than cells: most rows are told here, without the filtered copy.)
        guard values.count > n else { return nil }
        let filled = values.filter { !$0.isBlank }
        guard filled.count > n else { return nil }
        let runs = copyRuns(filled)
        guard runs.count == 1 else { return nil }
        return runs[0].upperBound == filled.count
    }

    /// Whether copies are taken to trail (a short row's last cell spanning the rest, as pages
    /// and the HTML reader commonly give them): unless a row of the table shows a merged cell
    /// inside a row.
    static func copiesTrail(_ rows: [[CellValue]], columns n: Int) -> Bool {
        !rows.contains { copiesEvidence($0, columns: n) == false }
    }

    /// `strict`: the header above the row merges a measure over two columns (`本年增/减`), so a
    /// merged cell may stand anywhere in the row: only its non-blank cells, or one run of copies,
    /// can be placed.
    static func place(_ values: [CellValue], columns n: Int, oneCellPerLine: Bool, tableSide: Side? = nil,
                      copiesTrail: Bool = false, strict: Bool = false, fits: (([CellValue]) -> Bool)? = nil) -> Outcome {
        if values.count == n { return .placed(values) }
        if values.count < n { return .short }
        let filled = values.filter { !$0.isBlank }
        if oneCellPerLine {
            // A whole row's worth of surplus or more: the labels between rows are lost (a table
            // flattened column by column, or labels dropped), and which values are whose is not
            // known.
            if values.count >= 2 * n { return .ambiguous }
            let row = values.prefix(n)
            guard row.contains(where: \.isBlank) else { return .placed(Array(row)) }
            if filled.count == n, let fits, fits(filled) { return .placed(filled) }
            return .ambiguous
        }
        if filled.count == n { return .placed(filled) }
        if strict {
            guard filled.count > n, copyRuns(filled).count == 1,
                  let collapsed = copiesCollapsed(filled, columns: n, trailing: false) else { return .ambiguous }
            return .placed(collapsed)
        }
        if filled.count > n {
            return copiesCollapsed(filled, columns: n, trailing: copiesTrail).map { .placed($0) } ?? .ambiguous
        }
        let lead = values.prefix { $0.isBlank }.count
        let trail = values.reversed().prefix { $0.isBlank }.count
        let surplus = values.count - n
        let fromRight = lead >= surplus, fromLeft = trail >= surplus
        switch (fromRight, fromLeft, tableSide) {
        case (true, false, _), (true, true, .fromRight?): return .placed(Array(values.suffix(n)))
        case (false, true, _), (true, true, .fromLeft?): return .placed(Array(values.prefix(n)))
        default: return .ambiguous
        }
    }

    /// Whether each group of `size` values is complete and ends with the sum of the others: the
    /// rows' own identity (table 三's `row_total_is_sum`, each block of table 四's
    /// `proceeding_total_is_sum`).
    static func groupsEndInTheirTotal(_ values: [CellValue], size: Int) -> Bool {
        guard size > 1, values.count % size == 0 else { return false }
        for start in stride(from: 0, to: values.count, by: size) {
            let group = values[start..<(start + size)].map(\.value)
            guard !group.contains(nil) else { return false }
            if group.dropLast().reduce(Decimal(0), { $0 + $1! }) != group.last!! { return false }
        }
        return true
    }

    /// A merged cell written once per column it covers (`415個 | 415個 | 415個`: a value the
    /// HTML reader took for a label). With one run of equal neighbours the surplus is removed from
    /// it; with several, from the copies at the row's end only when the table's other rows show
    /// that its merged cells are last cells (`trailing`); else which cell was merged is not known.
    static func copiesCollapsed(_ values: [CellValue], columns n: Int, trailing: Bool) -> [CellValue]? {
        let surplus = values.count - n
        guard surplus > 0 else { return nil }
        let runs = copyRuns(values)
        if runs.count == 1, runs[0].count - 1 >= surplus {
            var out = values
            out.removeSubrange(runs[0].lowerBound..<(runs[0].lowerBound + surplus))
            return out
        }
        if trailing, let last = runs.last, last.upperBound == values.count, last.count - 1 >= surplus {
            return Array(values.prefix(n))
        }
        return nil
    }

    /// Runs of two or more neighbours with the same text, other than zeros: a row of zeros is
    /// common, and nothing tells a merged `0` from the zeros around it.
    static func copyRuns(_ values: [CellValue]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start = 0
        for i in 1...max(values.count, 1) where i == values.count || values[i].raw != values[start].raw {
            if i - start > 1, values[start].value != 0 { runs.append(start..<i) }
            start = i
        }
        return runs
    }
}
