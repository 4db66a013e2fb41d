import Foundation
import ReportModel

/// Table 四: fifteen values after the headers, three blocks of five.
enum ReviewLitigationParser {
    struct Result {
        var cells: [ReviewLitigationCell]
        var flags: Set<ReportFlag>
    }

    static func parse(_ grid: CellGrid) -> Result? { parse(ReadCells(grid)) }

    static func parse(_ cells: ReadCells) -> Result? {
        // Header rows end in empty cells where merged header cells were flattened
        // (`行政复议 | 行政诉讼 | ||||`): those are no values, so they are left out.
        var kinds: [CellReader.Kind] = []
        var i = 0
        while i < cells.count {
            var j = i
            while j < cells.count, cells.rows[j] == cells.rows[i] { j += 1 }
            var rowKinds = Array(cells.kinds[i..<j])
            // A vertical label's letter before the values (PDF layout).
            if cells.rowwise, rowKinds.count > 1, rowKinds[0] == .label, ReadCells.isSingleHan(cells.texts[i]) {
                rowKinds.removeFirst()
            }
            if rowKinds.contains(.label) {
                while let last = rowKinds.last, case .value(let v) = last, v.isBlank { rowKinds.removeLast() }
            }
            kinds += rowKinds
            i = j
        }
        let count = ReviewLitigationTable.cellCount
        // Runs of consecutive value cells; the table's values are the first run long enough.
        var runs: [[CellValue]] = []
        var current: [CellValue] = []
        for kind in kinds {
            if case .value(let v) = kind {
                current.append(v)
            } else {
                if !current.isEmpty { runs.append(current) }
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }

        var flags: Set<ReportFlag> = []
        var values: [CellValue]
        if let run = runs.first(where: { $0.count >= count }) {
            switch ValuePlacement.place(run, columns: count, oneCellPerLine: !cells.rowwise, fits: {
                ValuePlacement.groupsEndInTheirTotal($0, size: ReviewLitigationTable.outcomes.count)
            }) {
            case .placed(let v): values = v
            case .short, .ambiguous:
                flags.insert(.ambiguousRows)
                values = Array(repeating: CellValue(value: nil, raw: ""), count: count)
            }
        } else if let run = runs.max(by: { $0.count < $1.count }), run.count >= count - 5 {
            // Cells were dropped: which ones cannot be told, so none is kept.
            flags.insert(.shortRows)
            values = Array(repeating: CellValue(value: nil, raw: ""), count: count)
        } else {
            return nil
        }
        var out: [ReviewLitigationCell] = []
        for (p, proceeding) in ReviewLitigationTable.proceedings.enumerated() {
            for (o, outcome) in ReviewLitigationTable.outcomes.enumerated() {
                out.append(ReviewLitigationCell(
                    proceedingKey: proceeding.key, outcomeKey: outcome.key,
                    cell: values[p * ReviewLitigationTable.outcomes.count + o]))
            }
        }
        return Result(cells: out, flags: flags)
    }
}
