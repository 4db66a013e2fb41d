import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The set of characters that mark a text as traditional script.
///
/// Derived, not hand-listed: a character is traditional when OpenCC's conversion changes it and
/// it is not in GB2312 (the simplified character set). The second test keeps characters that
/// both scripts use (著, 乾, 干) out of the set, so simplified text is never "converted".
public struct TraditionalCharacters: Sendable {
    let members: Set<Unicode.Scalar>
    /// The members as bits over U+3400 … U+9FFF (the only ranges derived), for the hot path.
    private let bits: [UInt64]
    private static let base: UInt32 = 0x3400

    public init(converter: ChineseConverter) {
        let ranges: [ClosedRange<UInt32>] = [0x4E00...0x9FFF, 0x3400...0x4DBF]
        let scalars = ranges.flatMap { $0.compactMap(Unicode.Scalar.init) }
        // One character a line: no phrase of two characters can form.
        let joined = String(String.UnicodeScalarView(scalars.flatMap { [$0, "\n"] }))
        let converted = converter.convert(joined).split(separator: "\n", omittingEmptySubsequences: false)
        var found = Set<Unicode.Scalar>()
        let gb2312 = GB2312Membership()
        for (i, scalar) in scalars.enumerated() where i < converted.count {
            if converted[i] != Substring(String(scalar)), !gb2312.contains(scalar) {
                found.insert(scalar)
            }
        }
        self.members = found
        var bits = [UInt64](repeating: 0, count: Int(0xA000 - Self.base) / 64)
        for scalar in found where scalar.value >= Self.base && scalar.value < 0xA000 {
            let offset = Int(scalar.value - Self.base)
            bits[offset >> 6] |= 1 << UInt64(offset & 63)
        }
        self.bits = bits
    }

    public func contains(_ scalar: Unicode.Scalar) -> Bool { contains(value: scalar.value) }

    @inline(__always)
    public func contains(value: UInt32) -> Bool {
        guard value >= Self.base, value < 0xA000 else { return false }
        let offset = Int(value - Self.base)
        return bits[offset >> 6] & (1 << UInt64(offset & 63)) != 0
    }

    public var count: Int { members.count }
}

/// Whether iconv can encode a character in GB2312.
final class GB2312Membership {
    private let cd: iconv_t?

    init() {
        let cd = iconv_open("GB2312", "UTF-32LE")
        self.cd = cd == iconv_t(bitPattern: -1) ? nil : cd
    }

    deinit { if let cd { iconv_close(cd) } }

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        guard let cd else { return false }
        iconv(cd, nil, nil, nil, nil)  // reset the shift state
        var input = scalar.value.littleEndian
        var output = [CChar](repeating: 0, count: 8)
        return withUnsafeMutableBytes(of: &input) { inBuf -> Bool in
            output.withUnsafeMutableBufferPointer { outBuf -> Bool in
                var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress!.assumingMemoryBound(to: CChar.self)
                var inLeft = 4
                var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress
                var outLeft = 8
                return iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1 && inLeft == 0
            }
        }
    }
}
