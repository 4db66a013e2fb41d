@testable import CorpusGenerator
import Foundation
import ReportModel

/// A change to a consistent table that breaks identities, with the checks it must make fail —
/// derived from the rules in report-format.md, not from the checker.
enum Break: CustomStringConvertible {
    /// One table-三 cell bumped.
    case cell(row: Int, column: Int, by: Int)
    /// A result cell and its row's 总计 bumped together: only （七）总计 = Σ breaks, in that column and in 总计.
    case resultAndRowTotal(row: Int, column: Int, by: Int)
    /// 一、本年新收 bumped in one applicant column and in 总计: only 一+二 = 七+四 breaks.
    case received(column: Int, by: Int)
    /// One table-四 cell bumped.
    case review(index: Int, by: Int)

    /// Decodes a random number into one break of a table of this template.
    static func decode(_ n: Int, template: TemplateKind) -> Break {
        let rows = Vocab.rows(template)
        let by = 1 + (n / 7) % 97
        let position = n / 700
        switch n % 4 {
        case 0: return .cell(row: position % rows.count, column: (position / rows.count) % 7, by: by)
        case 1:
            let results = rows.indices.filter { rows[$0].role == .result }
            return .resultAndRowTotal(row: results[position % results.count], column: (position / 31) % 6, by: by)
        case 2: return .received(column: position % 6, by: by)
        default: return .review(index: position % 15, by: by)
        }
    }

    var description: String {
        switch self {
        case let .cell(r, c, by): "cell(\(r), \(c)) += \(by)"
        case let .resultAndRowTotal(r, c, by): "result(\(r), \(c)) and its row total += \(by)"
        case let .received(c, by): "new_received(\(c)) and its total += \(by)"
        case let .review(i, by): "review[\(i)] += \(by)"
        }
    }

    func apply(_ values: ReportValues) -> ReportValues {
        var v = values
        let newRow = v.rows.firstIndex { $0.key == "new_received" }!
        switch self {
        case let .cell(r, c, by): v.applications[r][c]! += Decimal(by)
        case let .resultAndRowTotal(r, c, by):
            v.applications[r][c]! += Decimal(by)
            v.applications[r][6]! += Decimal(by)
        case let .received(c, by):
            v.applications[newRow][c]! += Decimal(by)
            v.applications[newRow][6]! += Decimal(by)
        case let .review(i, by): v.review[i]! += Decimal(by)
        }
        return v
    }

    func expectedFailures(_ template: TemplateKind) -> Set<CheckKey> {
        switch self {
        case let .cell(r, c, _): return Self.checksInvolving(row: r, column: c, template)
        case let .resultAndRowTotal(_, c, _):
            return [CheckKey(.resultsTotalIsSum, Vocab.columnKeys[c]), CheckKey(.resultsTotalIsSum, "total")]
        case let .received(c, _):
            return [CheckKey(.receivedEqualsHandled, Vocab.columnKeys[c]), CheckKey(.receivedEqualsHandled, "total")]
        case let .review(i, _):
            return [CheckKey(.proceedingTotalIsSum, "total", Vocab.proceedings[i / 5])]
        }
    }

    /// The identities a table-三 cell takes part in: its row's 总计 = Σ, and its column's
    /// 七 = Σ (result rows and 七) and 一+二 = 七+四 (一, 二, 七, 四).
    static func checksInvolving(row r: Int, column c: Int, _ template: TemplateKind) -> Set<CheckKey> {
        let row = Vocab.rows(template)[r]
        let column = Vocab.columnKeys[c]
        var keys: Set<CheckKey> = [CheckKey(.rowTotalIsSum, "total", row.key)]
        switch row.role {
        case .result: keys.insert(CheckKey(.resultsTotalIsSum, column))
        case .received, .carriedForward: keys.insert(CheckKey(.receivedEqualsHandled, column))
        case .resultsTotal:
            keys.insert(CheckKey(.resultsTotalIsSum, column))
            keys.insert(CheckKey(.receivedEqualsHandled, column))
        }
        return keys
    }
}
