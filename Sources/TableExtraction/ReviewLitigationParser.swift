import Foundation
import ReportModel

/// Table 四: fifteen values after the headers, three blocks of five.
enum ReviewLitigationParser {
    struct Result {
        var cells: [ReviewLitigationCell]
        var flags: Set<ReportFlag>
    }

    static func parse(_ grid: CellGrid) -> Result? {
        // Header rows end in empty cells where merged header cells were flattened
        // (`行政复议 | 行政诉讼 | ||||`): those are no values, so they are left out.
        var kinds: [CellReader.Kind] = []
        for row in grid.rows {
            var rowKinds = row.map(CellReader.classify)
            if rowKinds.contains(.label) {
                while let last = rowKinds.last, case .value(let v) = last, v.raw.trimmingCharacters(in: .whitespaces).isEmpty {
                    rowKinds.removeLast()
                }
            }
            kinds += rowKinds
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
        let values: [CellValue]
        if let run = runs.first(where: { $0.count >= count }) {
            values = Array(run.prefix(count))
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
