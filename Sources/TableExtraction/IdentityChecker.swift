import Foundation
import ReportModel

/// Evaluates the accounting identities. A failed identity is reported, never repaired; an identity
/// with a missing operand is not evaluated (and the report is flagged `checks_incomplete`).
enum IdentityChecker {
    struct Outcome {
        var results: [CheckResult]
        var incomplete: Bool
    }

    static let rowIndex = Dictionary(uniqueKeysWithValues: ApplicationsTable.rows.enumerated().map { ($1.key, $0) })
    static let columnIndex = Dictionary(uniqueKeysWithValues: ApplicationsTable.columnKeys.enumerated().map { ($1, $0) })

    static func check(applications: [ApplicationCell], reviewLitigation: [ReviewLitigationCell]) -> Outcome {
        var results: [CheckResult] = []
        var incomplete = false
        // The table by row and column index (a row is present when any of its cells is).
        let rows = ApplicationsTable.rows
        var table = [[Decimal?]?](repeating: nil, count: rows.count)
        for cell in applications {
            if table[cell.row] == nil { table[cell.row] = Array(repeating: nil, count: columnIndex.count) }
            table[cell.row]![cell.column] = cell.cell.value
        }
        func value(_ r: Int, _ c: Int) -> Decimal?? { table[r].map { $0[c] } }
        let (received, over, total, forward) = (rowIndex["new_received"]!, rowIndex["carried_over"]!,
                                                rowIndex["results_total"]!, rowIndex["carried_forward"]!)

        if !applications.isEmpty {
            let presentResultRows = rows.indices.filter { rows[$0].role == .result && table[$0] != nil }
            for (c, column) in ApplicationsTable.columnKeys.enumerated() {
                // 一 + 二 = （七） + 四
                if let a = value(received, c), let b = value(over, c), let t = value(total, c), let f = value(forward, c) {
                    if let a, let b, let t, let f {
                        results.append(CheckResult(rule: .receivedEqualsHandled, columnKey: column, lhs: a + b, rhs: t + f))
                    } else { incomplete = true }
                }
                // （七） = Σ results
                if let t = value(total, c), !presentResultRows.isEmpty {
                    let parts = presentResultRows.map { value($0, c) ?? nil }
                    if let t, parts.allSatisfy({ $0 != nil }) {
                        results.append(CheckResult(rule: .resultsTotalIsSum, columnKey: column, lhs: t,
                                                   rhs: parts.reduce(Decimal(0)) { $0 + $1! }))
                    } else { incomplete = true }
                }
            }
            // 总计 = the six applicant columns, per row.
            let totalColumn = columnIndex["total"]!
            for (r, row) in rows.enumerated() where table[r] != nil {
                let parts = (0..<totalColumn).map { value(r, $0) ?? nil }
                if let total = value(r, totalColumn) ?? nil, parts.allSatisfy({ $0 != nil }) {
                    results.append(CheckResult(rule: .rowTotalIsSum, columnKey: "total", rowKey: row.key, lhs: total,
                                               rhs: parts.reduce(Decimal(0)) { $0 + $1! }))
                } else { incomplete = true }
            }
        }

        if !reviewLitigation.isEmpty {
            for proceeding in ReviewLitigationTable.proceedings {
                let block = reviewLitigation.filter { $0.proceedingKey == proceeding.key }
                let total = block.first { $0.outcomeKey == "total" }?.cell.value
                let parts = block.filter { $0.outcomeKey != "total" }.map(\.cell.value)
                if let total, parts.allSatisfy({ $0 != nil }) {
                    results.append(CheckResult(rule: .proceedingTotalIsSum, columnKey: "total", rowKey: proceeding.key,
                                               lhs: total, rhs: parts.reduce(Decimal(0)) { $0 + $1! }))
                } else { incomplete = true }
            }
        }
        // Rule by rule, each in table order (columns, then rows, then proceedings): a stable
        // grouping by rule, not a sort.
        results = CheckRule.allCases.flatMap { rule in results.filter { $0.rule == rule } }
        return Outcome(results: results, incomplete: incomplete)
    }
}
