import Foundation
import Output

/// A report's compared facts, each by its index in `CrossReport.factNames`: the whole values
/// apart from the others, 16 bytes a fact (an entry keeps its facts until the run's end).
struct FactList: Sendable {
    private var wholes: [(key: UInt16, value: Int64)] = []
    private var decimals: [(key: UInt16, value: Decimal)] = []

    init() {}

    init(_ facts: some Sequence<(key: UInt16, value: ExactNumber)>) {
        for (key, value) in facts {
            switch value {
            case .whole(let whole): wholes.append((key, whole))
            case .decimal(let decimal): decimals.append((key, decimal))
            }
        }
    }

    func value(_ key: UInt16) -> ExactNumber? {
        if let whole = wholes.first(where: { $0.key == key }) { return .whole(whole.value) }
        return decimals.first { $0.key == key }.map { .decimal($0.value) }
    }
}
