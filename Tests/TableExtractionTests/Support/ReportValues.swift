@testable import CorpusGenerator
import Foundation
import ReportModel

/// The table-extraction tests draw their tables with the corpus generator's types: the numbers
/// of one report's three tables (nil = missing), rendered by `TableRenderer`.
typealias ReportValues = TableValues

extension TableValues {
    /// A table satisfying every accounting identity, built from free numbers (cycled when short):
    /// result cells and 上年结转 / 结转下年度 are free; row totals, （七）总计 and 一 follow.
    static func consistent(_ template: TemplateKind, numbers: [Int]) -> ReportValues {
        var taken = 0
        func take() -> Int {
            defer { taken += 1 }
            return numbers.isEmpty ? 0 : numbers[taken % numbers.count]
        }
        let rows = Vocab.rows(template)
        var table = Array(repeating: [Decimal?](repeating: 0, count: 7), count: rows.count)
        for (r, row) in rows.enumerated() where row.role == .result || row.key == "carried_over" || row.key == "carried_forward" {
            for c in 0..<6 { table[r][c] = Decimal(take()) }
        }
        completeIdentities(&table, rows: rows)

        var review: [Decimal?] = []
        for _ in 0..<3 {
            let parts = (0..<4).map { _ in Decimal(take()) }
            review += parts + [parts.reduce(0, +)]
        }
        let active: [Decimal?] = Vocab.activeCells(template).map { cell in
            let n = take()
            if cell.isAmount { return Decimal(n) / 100 }
            if cell.measure == "change" { return Decimal(n - 1500) }
            return Decimal(n)
        }
        return ReportValues(template: template, applications: table, active: active, review: review)
    }

    /// A consistent table whose every cell is non-zero and differs from every other cell of the
    /// report, so that a value read into the wrong row or column cannot go unnoticed.
    static func distinct(_ template: TemplateKind, seed: UInt64 = 1) -> ReportValues {
        var rng = SplitMix64(seed: seed)
        while true {
            let numbers = (0..<200).map { _ in Int.random(in: 1...99_999, using: &rng) }
            let values = consistent(template, numbers: numbers)
            let all = values.allValues
            if !all.contains(0), Set(all).count == all.count { return values }
        }
    }

    var allValues: [Decimal] {
        (applications.flatMap { $0 } + active + review).compactMap { $0 }
    }

    // MARK: Expected extraction, cell by cell

    struct Key: Hashable, CustomStringConvertible {
        let a: String, b: String
        var description: String { "\(a)/\(b)" }
    }

    /// The generator's known answers, by their two keys.
    static func byKey(_ cells: [Cell]) -> [Key: Decimal?] {
        var out: [Key: Decimal?] = [:]
        for cell in cells { out[Key(a: cell.a, b: cell.b)] = cell.value }
        return out
    }

    /// Table 二 cells + table 三 rows × 7 + table 四's 15.
    var cellsExpected: Int { active.count + applications.count * 7 + review.count }
}

/// One accounting identity evaluated on one column or row: what the `checks` output identifies it by.
struct CheckKey: Hashable, CustomStringConvertible, Comparable {
    let rule: String
    let column: String
    let row: String
    init(_ rule: CheckRule, _ column: String, _ row: String = "") {
        self.rule = rule.rawValue; self.column = column; self.row = row
    }
    init(_ result: CheckResult) { self.init(result.rule, result.columnKey, result.rowKey) }
    var description: String { "\(rule)[\(column)\(row.isEmpty ? "" : ", " + row)]" }
    static func < (l: CheckKey, r: CheckKey) -> Bool { l.description < r.description }
}

extension ReportValues {
    /// Every identity a complete table of this template has: per column 一+二=七+四 and 七=Σ, per
    /// row 总计=Σ, per proceeding 总计=Σ.
    var allCheckKeys: Set<CheckKey> {
        var keys: Set<CheckKey> = []
        for column in Vocab.columnKeys {
            keys.insert(CheckKey(.receivedEqualsHandled, column))
            keys.insert(CheckKey(.resultsTotalIsSum, column))
        }
        for row in rows { keys.insert(CheckKey(.rowTotalIsSum, "total", row.key)) }
        for proceeding in Vocab.proceedings { keys.insert(CheckKey(.proceedingTotalIsSum, "total", proceeding)) }
        return keys
    }
}
