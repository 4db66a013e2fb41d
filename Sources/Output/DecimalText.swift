import Foundation

/// `Decimal` to and from plain decimal notation without Foundation's number objects, for the
/// values the outputs hold (up to 64 bits of mantissa); anything else goes to Foundation.
/// (`NSDecimalNumber(decimal:).stringValue` and `Decimal(string:)` cost a few microseconds a
/// value: formatting the checks and parsing the cross-report facts were most of their steps.)
///
/// `Decimal`'s parts are internal to Foundation, so they are read from its 20 bytes: exponent
/// (Int8), length (the high four bits of the next byte) and sign (bit 3), two reserved bytes,
/// eight little-endian 16-bit words of mantissa. `layoutKnown` checks that against values
/// Foundation made; when it does not hold, every value goes to Foundation.
package enum DecimalText {
    /// The parts of a value whose mantissa fits in 64 bits; nil for NaN and larger mantissas.
    @inline(__always)
    package static func parts(_ value: Decimal) -> (negative: Bool, exponent: Int, mantissa: UInt64)? {
        withUnsafeBytes(of: value) { raw -> (Bool, Int, UInt64)? in
            let flags = raw[1]
            let length = Int(flags >> 4), negative = flags & 8 != 0
            guard length <= 4, length > 0 || !negative,
                  raw.loadUnaligned(fromByteOffset: 12, as: UInt64.self) == 0 else { return nil }
            return (negative, Int(Int8(bitPattern: raw[0])), UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 4, as: UInt64.self)))
        }
    }

    /// Whether `Decimal`'s bytes are laid out as `parts` reads them (checked once, on values
    /// Foundation parsed).
    package static let layoutKnown: Bool = {
        guard MemoryLayout<Decimal>.size == 20 else { return false }
        let expected: [(String, Bool, Int, UInt64)] = [
            ("668.57", false, -2, 66857), ("-3", true, 0, 3), ("0", false, 0, 0), ("100", false, 2, 1),
            ("-1234567890123.5", true, -1, 12_345_678_901_235), ("18446744073709551615", false, 0, UInt64.max),
        ]
        for (text, negative, exponent, mantissa) in expected {
            guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")),
                  let p = parts(value), p.negative == negative, p.exponent == exponent, p.mantissa == mantissa
            else { return false }
        }
        guard let big = Decimal(string: "18446744073709551616"), parts(big) == nil, parts(Decimal.nan) == nil else { return false }
        return true
    }()

    /// Appends the value as `NSDecimalNumber(decimal:).stringValue` spells it: `668.57`, `-3`,
    /// `0.05`, `685.0` (a stored trailing zero stays), `1200` (a positive exponent as zeros).
    package static func append(_ value: Decimal, to out: inout [UInt8]) {
        withText(value) { out.append(contentsOf: $0) }
    }

    package static func append(_ value: Decimal, to out: inout ByteBuffer) {
        withText(value) { out.append($0) }
    }

    /// The value's text, in a buffer that lives for the call.
    @inline(__always)
    static func withText(_ value: Decimal, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard layoutKnown, let (negative, exponent, mantissa) = parts(value), exponent > -40, exponent < 40 else {
            let text = NSDecimalNumber(decimal: value).stringValue
            return Array(text.utf8).withUnsafeBufferPointer(body)
        }
        // Sign, up to 20 digits, a point, and up to 40 zeros: 64 bytes, on the stack.
        var storage: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &storage) { raw in
            let out = raw.bindMemory(to: UInt8.self)
            var n = 0
            if mantissa == 0 {
                out[0] = UInt8(ascii: "0")
                return body(UnsafeBufferPointer(rebasing: out[0..<1]))
            }
            // The digits, written from the end of a 20-byte scratch area at the buffer's end.
            var digitsStart = 64
            var m = mantissa
            while m > 0 {
                digitsStart -= 1
                out[digitsStart] = UInt8(truncatingIfNeeded: m % 10) &+ UInt8(ascii: "0")
                m /= 10
            }
            let count = 64 - digitsStart
            if negative { out[n] = UInt8(ascii: "-"); n += 1 }
            func copy(_ from: Int, _ to: Int) {  // digits[from..<to] (offsets into the digits)
                for k in from..<to { out[n] = out[digitsStart + k]; n += 1 }
            }
            if exponent >= 0 {
                copy(0, count)
                for _ in 0..<exponent { out[n] = UInt8(ascii: "0"); n += 1 }
            } else {
                let fraction = -exponent
                if count > fraction {
                    copy(0, count - fraction)
                    out[n] = UInt8(ascii: "."); n += 1
                    copy(count - fraction, count)
                } else {
                    out[n] = UInt8(ascii: "0"); n += 1
                    out[n] = UInt8(ascii: "."); n += 1
                    for _ in 0..<(fraction - count) { out[n] = UInt8(ascii: "0"); n += 1 }
                    copy(0, count)
                }
            }
            body(UnsafeBufferPointer(rebasing: out[0..<n]))
        }
    }

    package static func string(_ value: Decimal) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        append(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The value `Decimal(string:)` makes of `text`, the same bytes: made here for plain
    /// notation (`-`, up to 18 digits, a `.` between digits), by `Decimal(string:)` otherwise.
    package static func parse(_ text: Substring) -> Decimal? {
        if layoutKnown, let value = parsePlain(text.utf8) { return value }
        return Decimal(string: String(text))
    }

    /// Like `Decimal(string:)`: the mantissa without its trailing zeros (they go to the
    /// exponent), marked compact; zero only as `0`.
    static func parsePlain(_ utf8: Substring.UTF8View) -> Decimal? {
        var negative = false
        var mantissa: UInt64 = 0
        var digits = 0, fraction = 0, dot = false, previousDigit = false
        for (i, b) in zip(0..., utf8) {
            switch b {
            case UInt8(ascii: "-") where i == 0:
                negative = true
            case UInt8(ascii: "."):
                guard previousDigit, !dot else { return nil }
                dot = true
                previousDigit = false
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard digits < 18 else { return nil }
                mantissa = mantissa * 10 + UInt64(b - UInt8(ascii: "0"))
                digits += 1
                if dot { fraction += 1 }
                previousDigit = true
            default:
                return nil
            }
        }
        guard previousDigit else { return nil }
        if mantissa == 0 { return !negative && digits == 1 ? Decimal() : nil }
        var exponent = -fraction
        while mantissa % 10 == 0 {
            mantissa /= 10
            exponent += 1
        }
        let length: UInt8 = mantissa >> 48 != 0 ? 4 : mantissa >> 32 != 0 ? 3 : mantissa >> 16 != 0 ? 2 : 1
        var value = Decimal()
        withUnsafeMutableBytes(of: &value) { raw in
            raw[0] = UInt8(bitPattern: Int8(exponent))
            raw[1] = length << 4 | (negative ? 8 : 0) | 4
            raw.storeBytes(of: mantissa.littleEndian, toByteOffset: 4, as: UInt64.self)
        }
        return value
    }
}
