import Foundation
import ReportModel

/// The numbers of one report's three tables, as the page states them (nil = a missing cell,
/// written `—`, `/`, `无` or left empty). Table 三 and 四 always satisfy every accounting identity.
struct TableValues: Sendable {
    var template: TemplateKind
    /// Table 三: `Vocab.rows(template)` × 7 columns.
    var applications: [[Decimal?]]
    /// Table 二: `Vocab.activeCells(template)` in order.
    var active: [Decimal?]
    /// Table 四: three blocks of five.
    var review: [Decimal?]

    var rows: [Vocab.Row] { Vocab.rows(template) }

    /// Realistic numbers: most application cells are 0, natural persons file most requests, the
    /// result rows 予以公开 / 不掌握 / 信访 carry most of them; table 二 counts run into thousands;
    /// fees are decimals in 万元.
    static func random(_ template: TemplateKind, rng: inout SplitMix64) -> TableValues {
        let rows = Vocab.rows(template)
        var table = Array(repeating: [Decimal?](repeating: 0, count: 7), count: rows.count)
        let busy: Set<String> = ["granted", "partially_granted", "unavailable_not_held", "not_processed_petition_complaint",
                                 "withheld_process_info", "other_other", "other", "not_processed_duplicate"]
        let scale = rng.weighted([(3, 4), (20, 4), (120, 2), (900, 1)])
        for (r, row) in rows.enumerated() where row.role == .result || row.key == "carried_over" || row.key == "carried_forward" {
            for c in 0..<6 {
                let person = c == 0
                let active = busy.contains(row.key) ? (person ? 0.8 : 0.25) : (person ? 0.25 : 0.05)
                let limit = max(1, person ? scale : scale / 6)
                table[r][c] = rng.chance(active) ? Decimal(rng.int(1...limit)) : 0
            }
        }
        completeIdentities(&table, rows: rows)

        var review: [Decimal?] = []
        for block in 0..<3 {
            let parts = (0..<4).map { _ in Decimal(rng.count(zero: block == 0 ? 0.5 : 0.8, max: 6)) }
            review += parts + [parts.reduce(0, +)]
        }
        var active: [Decimal?] = Vocab.activeCells(template).map { cell in
            if cell.isAmount {
                // 668.57 万元: cents of 万元, now and then a round figure.
                let cents = rng.chance(0.2) ? rng.int(0...900) * 100 : rng.int(0...2_000_000)
                return Decimal(cents) / 100
            }
            switch cell.measure {
            case "change": return Decimal(rng.int(-40...40))
            case "decisions", "previous_year": return Decimal(rng.count(zero: 0.2, max: 3000))
            case "projects": return Decimal(rng.count(zero: 0.3, max: 200))
            default: return Decimal(rng.count(zero: 0.4, max: 40))
            }
        }
        // Now and then a cell of table 二 left blank (no identity involves it).
        if rng.chance(0.08) { active[rng.int(0...(active.count - 1))] = nil }
        return TableValues(template: template, applications: table, active: active, review: review)
    }

    /// Fills in the cells the accounting identities decide, from the free ones (the result rows,
    /// 上年结转 and 结转下年度 of the six applicant columns): （七）总计 is the sum of the results,
    /// 一 = （七）+ 四 − 二 (二 capped so that 一 is not negative), and each row's 总计 its sum.
    static func completeIdentities(_ table: inout [[Decimal?]], rows: [Vocab.Row]) {
        let resultRows = rows.indices.filter { rows[$0].role == .result }
        let totalRow = rows.firstIndex { $0.role == .resultsTotal }!
        let newRow = rows.firstIndex { $0.key == "new_received" }!
        let overRow = rows.firstIndex { $0.key == "carried_over" }!
        let forwardRow = rows.firstIndex { $0.role == .carriedForward }!
        for c in 0..<6 {
            table[totalRow][c] = resultRows.reduce(Decimal(0)) { $0 + table[$1][c]! }
            let handled = table[totalRow][c]! + table[forwardRow][c]!
            if table[overRow][c]! > handled { table[overRow][c] = handled }
            table[newRow][c] = handled - table[overRow][c]!
        }
        for r in rows.indices { table[r][6] = (0..<6).reduce(Decimal(0)) { $0 + table[r][$1]! } }
    }

    // MARK: Known answers

    /// One expected cell: the keys and the value as text (nil for a missing cell).
    struct Cell: Sendable, Equatable {
        let a: String
        let b: String
        let value: Decimal?
    }

    var expectedApplications: [Cell] {
        rows.enumerated().flatMap { r, row in
            Vocab.columnKeys.enumerated().map { c, column in Cell(a: row.key, b: column, value: applications[r][c]) }
        }
    }

    var expectedActive: [Cell] {
        Vocab.activeCells(template).enumerated().map { i, cell in Cell(a: cell.item, b: cell.measure, value: active[i]) }
    }

    var expectedReview: [Cell] {
        Vocab.proceedings.enumerated().flatMap { p, proceeding in
            Vocab.outcomes.enumerated().map { o, outcome in Cell(a: proceeding, b: outcome, value: review[p * 5 + o]) }
        }
    }
}
