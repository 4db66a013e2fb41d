import Foundation
import SystemBytes

/// A number from the outputs, exact: a whole number (nearly every value) as an integer, any other
/// as a `Decimal`. (`Decimal` arithmetic and comparison cost thousands of instructions each: the
/// run report sums every report's headline values, the cross-report step compares every year's.)
package enum ExactNumber: Sendable, Equatable {
    case whole(Int64)
    case decimal(Decimal)

    /// Whole when the value is an integer of at most 18 digits (written without a fraction).
    package init(_ value: Decimal) {
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

    /// A number as the outputs write it (`156`, `-3`, `668.57`).
    package init?(text: Substring) {
        if let whole = plainInteger(String(text), maxDigits: 18, signed: true) {
            self = .whole(whole)
        } else if let value = DecimalText.parse(text) {
            self.init(value)
        } else {
            return nil
        }
    }

    private static let powersOfTen: [Int64] = (0...18).map { (0..<$0).reduce(Int64(1)) { p, _ in p * 10 } }

    package var decimal: Decimal {
        switch self {
        case .whole(let value): Decimal(value)
        case .decimal(let value): value
        }
    }

    /// `a + b - c`, exact.
    package static func sum(_ a: ExactNumber, _ b: ExactNumber, minus c: ExactNumber) -> ExactNumber {
        if case .whole(let x) = a, case .whole(let y) = b, case .whole(let z) = c {
            let (s, o1) = x.addingReportingOverflow(y)
            let (d, o2) = s.subtractingReportingOverflow(z)
            if !o1 && !o2 { return .whole(d) }
        }
        return ExactNumber(a.decimal + b.decimal - c.decimal)
    }

    /// Equal in value (a whole number and a `Decimal` holding it are equal).
    package static func == (a: ExactNumber, b: ExactNumber) -> Bool {
        switch (a, b) {
        case (.whole(let x), .whole(let y)): x == y
        default: a.decimal == b.decimal
        }
    }

    /// The value's text as `ReportRows.format` spells it.
    package func append(to out: inout [UInt8]) {
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

    package var text: String {
        var bytes: [UInt8] = []
        append(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

