import Foundation
import ReportModel

/// Evaluates the accounting identities. A failed identity is reported, never repaired; an identity
/// with a missing operand is not evaluated (and the report is flagged `checks_incomplete`).
enum IdentityChecker {
    struct Outcome {
        var results: [CheckResult]
        var incomplete: Bool
    }

    static func check(applications: [ApplicationCell], reviewLitigation: [ReviewLitigationCell]) -> Outcome {
        var results: [CheckResult] = []
        var incomplete = false
        var table: [String: [String: Decimal?]] = [:]
        for cell in applications { table[cell.rowKey, default: [:]][cell.columnKey] = cell.cell.value }
        func value(_ row: String, _ column: String) -> Decimal?? { table[row].map { $0[column] ?? nil } }

        if !applications.isEmpty {
            let presentResultRows = ApplicationsTable.rows.filter { $0.role == .result && table[$0.key] != nil }
            for column in ApplicationsTable.columnKeys {
                // 一 + 二 = （七） + 四
                if let a = value("new_received", column), let b = value("carried_over", column),
                   let t = value("results_total", column), let f = value("carried_forward", column) {
                    if let a, let b, let t, let f {
                        results.append(CheckResult(rule: .receivedEqualsHandled, columnKey: column, lhs: a + b, rhs: t + f))
                    } else { incomplete = true }
                }
                // （七） = Σ results
                if let t = value("results_total", column), !presentResultRows.isEmpty {
                    let parts = presentResultRows.map { value($0.key, column) ?? nil }
                    if let t, parts.allSatisfy({ $0 != nil }) {
                        results.append(CheckResult(rule: .resultsTotalIsSum, columnKey: column, lhs: t,
                                                   rhs: parts.reduce(Decimal(0)) { $0 + $1! }))
                    } else { incomplete = true }
                }
            }
            // 总计 = the six applicant columns, per row.
            for row in ApplicationsTable.rows where table[row.key] != nil {
                let parts = ApplicationsTable.columnKeys.dropLast().map { value(row.key, $0) ?? nil }
                if let total = value(row.key, "total") ?? nil, parts.allSatisfy({ $0 != nil }) {
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
        // Rule by rule, each in table order (columns, then rows, then proceedings).
        let rank = Dictionary(uniqueKeysWithValues: CheckRule.allCases.enumerated().map { ($1, $0) })
        results = results.enumerated().sorted { a, b in
            (rank[a.element.rule]!, a.offset) < (rank[b.element.rule]!, b.offset)
        }.map(\.element)
        return Outcome(results: results, incomplete: incomplete)
    }
}
