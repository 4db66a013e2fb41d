import SystemBytes
import Foundation
import ReportModel

/// Evaluates the accounting identities. A failed identity is reported, never repaired; an identity
/// with a missing operand — a missing cell or a whole row of the table's row set not found — is
/// not evaluated, and the report is flagged `checks_incomplete`.
enum IdentityChecker {
    struct Outcome {
        var results: [CheckResult]
        var incomplete: Bool
    }

    static let rowIndex = Dictionary(uniqueKeysWithValues: ApplicationsTable.rows.enumerated().map { ($1.key, $0) })
    static let columnIndex = Dictionary(uniqueKeysWithValues: ApplicationsTable.columnKeys.enumerated().map { ($1, $0) })
    /// The rows and the column the identities name, looked up once.
    static let (received, over, total, forward) = (rowIndex["new_received"]!, rowIndex["carried_over"]!,
                                                   rowIndex["results_total"]!, rowIndex["carried_forward"]!)
    static let totalColumn = columnIndex["total"]!
    static let ruleOrder = CheckRule.allCases

    /// The identities among `rules` (the template's) over the tables found.
    static func check(applications: [ApplicationCell], variant: ApplicationsTable.Variant = .only2021,
                      reviewLitigation: [ReviewLitigationCell], rules: [CheckRule] = CheckRule.allCases) -> Outcome {
        // Results by rule, each in table order (columns, then rows, then proceedings): what the
        // outcome lists, rule by rule.
        let ruleOrder = Self.ruleOrder
        var byRule = [[CheckResult]](repeating: [], count: ruleOrder.count)
        func record(_ result: CheckResult) { byRule[ruleOrder.firstIndex(of: result.rule)!].append(result) }
        var incomplete = false
        // The table by row and column index (a row is present when any of its cells is).
        let rows = ApplicationsTable.rows
        let columnCount = columnIndex.count
        var table = [Decimal?](repeating: nil, count: rows.count * columnCount)
        // Beside each value, the whole number it is when the cell was written as plain digits
        // (its value was read from them as they are): sums of these are added as integers,
        // Decimal's own addition costing ~650 instructions. A sum has the same value either
        // way, and the checks compare and print values only.
        var whole = [Int64?](repeating: nil, count: rows.count * columnCount)
        var present = [Bool](repeating: false, count: rows.count)
        for cell in applications {
            present[cell.row] = true
            table[cell.row * columnCount + cell.column] = cell.cell.value
            if cell.cell.value != nil { whole[cell.row * columnCount + cell.column] = Self.plainDigits(cell.cell.raw) }
        }
        // A cell's value; nil when the cell or its whole row is missing (both leave the identity
        // unevaluated, never skipped silently).
        func value(_ r: Int, _ c: Int) -> Decimal? { present[r] ? table[r * columnCount + c] : nil }
        func wholeValue(_ r: Int, _ c: Int) -> Int64? { present[r] ? whole[r * columnCount + c] : nil }
        /// The sum of cells known to have values, from 0 in the order given.
        func sum(_ cells: some Sequence<(Int, Int)>) -> Decimal {
            var integer: Int64 = 0
            var allWhole = true
            for (r, c) in cells {
                guard let w = wholeValue(r, c) else { allWhole = false; break }
                integer += w
            }
            if allWhole { return Decimal(integer) }
            var sum = Decimal(0)
            for (r, c) in cells { sum = sum + value(r, c)! }
            return sum
        }
        let (received, over, total, forward) = (Self.received, Self.over, Self.total, Self.forward)

        if !applications.isEmpty {
            // The result rows of the table's row set (template 2019 or 2021's （六）其他处理).
            let resultRows = rows.indices.filter {
                rows[$0].role == .result && (rows[$0].variant == .both || rows[$0].variant == variant)
            }
            let presentResults = resultRows.filter { present[$0] }
            for (c, column) in ApplicationsTable.columnKeys.enumerated() {
                // 一 + 二 = （七） + 四
                if rules.contains(.receivedEqualsHandled) {
                    if value(received, c) != nil, value(over, c) != nil, value(total, c) != nil, value(forward, c) != nil {
                        record(CheckResult(rule: .receivedEqualsHandled, columnKey: column,
                                           lhs: sum([(received, c), (over, c)]), rhs: sum([(total, c), (forward, c)])))
                    } else { incomplete = true }
                }
                // （七） = Σ results
                // A result row the table lacks: counts are never negative, so when the rows found
                // already sum to the total, the absent ones are 0 and the identity holds; otherwise
                // it cannot be told whether the source or the reading is at fault.
                guard rules.contains(.resultsTotalIsSum) else { continue }
                if let t = value(total, c), presentResults.allSatisfy({ value($0, c) != nil }) {
                    let sum = sum(presentResults.lazy.map { ($0, c) })
                    if presentResults.count == resultRows.count || sum == t {
                        record(CheckResult(rule: .resultsTotalIsSum, columnKey: column, lhs: t, rhs: sum))
                    } else { incomplete = true }
                } else { incomplete = true }
            }
            // 总计 = the six applicant columns, per row.
            let totalColumn = Self.totalColumn
            for (r, row) in rows.enumerated() where present[r] && rules.contains(.rowTotalIsSum) {
                if let total = value(r, totalColumn), (0..<totalColumn).allSatisfy({ value(r, $0) != nil }) {
                    record(CheckResult(rule: .rowTotalIsSum, columnKey: "total", rowKey: row.key, lhs: total,
                                       rhs: sum((0..<totalColumn).lazy.map { (r, $0) })))
                } else { incomplete = true }
            }
        }

        if !reviewLitigation.isEmpty, rules.contains(.proceedingTotalIsSum) {
            for proceeding in ReviewLitigationTable.proceedings {
                let block = reviewLitigation.filter { $0.proceedingKey == proceeding.key }
                let total = block.first { $0.outcomeKey == "total" }?.cell.value
                let parts = block.filter { $0.outcomeKey != "total" }.map(\.cell.value)
                if let total, parts.allSatisfy({ $0 != nil }) {
                    record(CheckResult(rule: .proceedingTotalIsSum, columnKey: "total", rowKey: proceeding.key,
                                       lhs: total, rhs: parts.reduce(Decimal(0)) { $0 + $1! }))
                } else { incomplete = true }
            }
        }
        return Outcome(results: byRule.flatMap { $0 }, incomplete: incomplete)
    }

    /// The number a cell written as 1 to 15 ASCII digits says (sums of a table's cells stay far
    /// within Int64); nil for any other text.
    static func plainDigits(_ raw: String) -> Int64? { plainInteger(raw, maxDigits: 15) }
}
