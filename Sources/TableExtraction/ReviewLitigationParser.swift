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
        var kindRows: [Int] = []
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
            kindRows += Array(repeating: cells.rows[i], count: rowKinds.count)
            i = j
        }
        let count = ReviewLitigationTable.cellCount
        // Runs of consecutive value cells, with the grid row of each; the table's values are the
        // first run long enough.
        var runs: [[CellValue]] = []
        var runRows: [[Int]] = []
        var current: [CellValue] = []
        var currentRows: [Int] = []
        for (kind, row) in zip(kinds, kindRows) {
            if case .value(let v) = kind {
                current.append(v)
                currentRows.append(row)
            } else {
                if !current.isEmpty { runs.append(current); runRows.append(currentRows) }
                current = []
                currentRows = []
            }
        }
        if !current.isEmpty { runs.append(current); runRows.append(currentRows) }
        // In a grid of rows, a run over several rows with cells to spare is a row of values and
        // something else (the pieces of cells wrapped onto the next line): only a row of its own
        // that is long enough is the table's. Exactly fifteen cells over two lines stay a run.
        if cells.rowwise {
            var split: [[CellValue]] = []
            for (run, rows) in zip(runs, runRows) {
                guard run.count > count, Set(rows).count > 1 else { split.append(run); continue }
                var start = 0
                for k in 1...run.count where k == run.count || rows[k] != rows[start] {
                    split.append(Array(run[start..<k]))
                    start = k
                }
            }
            runs = split
        }

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
