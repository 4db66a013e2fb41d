import Foundation

/// Stage 1a: raw bytes to text, with the encoding that was used.
public enum TextDecoder {
    public struct Decoded: Sendable {
        public let text: String
        /// `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`.
        public let encoding: String
        /// Bytes that were not valid in that encoding (each became U+FFFD).
        public let invalidSequences: Int
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case empty
        case binary
        public var description: String {
            switch self {
            case .empty: "the file is empty"
            case .binary: "the file holds binary data, not text"
            }
        }
    }

    public static func decode(_ data: Data) throws(Failure) -> Decoded {
        guard !data.isEmpty else { throw .empty }
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return utf8(bytes.dropFirst(3), label: "utf-8-bom")
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return utf16(bytes.dropFirst(2), littleEndian: true)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return utf16(bytes.dropFirst(2), littleEndian: false)
        }
        // NUL bytes do not occur in text of any encoding handled without a BOM.
        if bytes.prefix(8192).contains(0) { throw .binary }
        return utf8(bytes[...], label: "utf-8")
    }

    static func utf8(_ bytes: ArraySlice<UInt8>, label: String) -> Decoded {
        var invalid = 0
        var scalars = String.UnicodeScalarView()
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): scalars.append(s)
            case .emptyInput: break loop
            case .error:
                invalid += 1
                scalars.append("\u{FFFD}")
            }
        }
        return Decoded(text: String(scalars), encoding: label, invalidSequences: invalid)
    }

    static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> Decoded {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            i += 2
        }
        var invalid = bytes.count % 2
        var scalars = String.UnicodeScalarView()
        var decoder = UTF16()
        var iterator = units.makeIterator()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): scalars.append(s)
            case .emptyInput: break loop
            case .error:
                invalid += 1
                scalars.append("\u{FFFD}")
            }
        }
        return Decoded(text: String(scalars), encoding: littleEndian ? "utf-16le" : "utf-16be", invalidSequences: invalid)
    }
}
