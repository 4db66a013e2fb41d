import Foundation
import Output
import SystemBytes

/// A fact's value as the cross-report step keeps it: a whole number (nearly every fact) as an
/// integer, any other as a `Decimal`. (`Decimal` arithmetic and comparison cost thousands of
/// instructions each, and the step makes a comparison per column per pair of years.)
enum FactValue: Sendable, Equatable {
    case whole(Int64)
    case decimal(Decimal)

    /// Whole when the value is an integer of at most 18 digits (written without a fraction).
    init(_ value: Decimal) {
        if let (negative, exponent, mantissa) = DecimalText.layoutKnown ? DecimalText.parts(value) : nil,
           exponent >= 0, exponent <= 18, mantissa < 1_000_000_000_000_000_000 {
            let scaled = Int64(mantissa).multipliedReportingOverflow(by: Self.powersOfTen[exponent])
            if !scaled.overflow && scaled.partialValue < 1_000_000_000_000_000_000 {
                self = .whole(negative ? -scaled.partialValue : scaled.partialValue)
                return
            }
        }
        self = .decimal(value)
    }

    /// A value as `ReportRows.format` writes it (`156`, `-3`, `668.57`).
    init?(text: Substring) {
        if let whole = plainInteger(String(text), maxDigits: 18, signed: true) {
            self = .whole(whole)
        } else if let value = DecimalText.parse(text) {
            self.init(value)
        } else {
            return nil
        }
    }

    private static let powersOfTen: [Int64] = (0...18).map { (0..<$0).reduce(Int64(1)) { p, _ in p * 10 } }

    var decimal: Decimal {
        switch self {
        case .whole(let value): Decimal(value)
        case .decimal(let value): value
        }
    }

    /// `a + b - c`, exact.
    static func sum(_ a: FactValue, _ b: FactValue, minus c: FactValue) -> FactValue {
        if case .whole(let x) = a, case .whole(let y) = b, case .whole(let z) = c {
            let (s, o1) = x.addingReportingOverflow(y)
            let (d, o2) = s.subtractingReportingOverflow(z)
            if !o1 && !o2 { return .whole(d) }
        }
        return FactValue(a.decimal + b.decimal - c.decimal)
    }

    /// Equal in value (a whole number and a `Decimal` holding it are equal).
    static func == (a: FactValue, b: FactValue) -> Bool {
        switch (a, b) {
        case (.whole(let x), .whole(let y)): x == y
        default: a.decimal == b.decimal
        }
    }

    /// The value's text as `ReportRows.format` spells it.
    func append(to out: inout [UInt8]) {
        switch self {
        case .whole(let value):
            // Digits written backwards into a small stack buffer, then copied.
            var magnitude = value.magnitude
            var storage: (UInt64, UInt64, UInt64) = (0, 0, 0)
            withUnsafeMutableBytes(of: &storage) { raw in
                var start = raw.count
                repeat {
                    start -= 1
                    raw[start] = UInt8(truncatingIfNeeded: magnitude % 10) &+ UInt8(ascii: "0")
                    magnitude /= 10
                } while magnitude > 0
                if value < 0 { out.append(UInt8(ascii: "-")) }
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[start...]))
            }
        case .decimal(let value):
            DecimalText.append(value, to: &out)
        }
    }

    var text: String {
        var bytes: [UInt8] = []
        append(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A report's compared facts, each by its index in `CrossReport.factNames`: the whole values
/// apart from the others, 16 bytes a fact (an entry keeps its facts until the run's end).
struct FactList: Sendable {
    private var wholes: [(key: UInt16, value: Int64)] = []
    private var decimals: [(key: UInt16, value: Decimal)] = []

    init() {}

    init(_ facts: some Sequence<(key: UInt16, value: FactValue)>) {
        for (key, value) in facts {
            switch value {
            case .whole(let whole): wholes.append((key, whole))
            case .decimal(let decimal): decimals.append((key, decimal))
            }
        }
    }

    func value(_ key: UInt16) -> FactValue? {
        if let whole = wholes.first(where: { $0.key == key }) { return .whole(whole.value) }
        return decimals.first { $0.key == key }.map { .decimal($0.value) }
    }
}
