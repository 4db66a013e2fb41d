import CUchardet
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Legacy encodings through the C library's iconv, one invalid sequence at a time.
public enum Iconv {
    static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]  // U+FFFD in UTF-8

    /// Decodes `bytes` from `charset`; nil when iconv does not know the charset. An invalid byte
    /// sequence becomes one U+FFFD and decoding resumes at the next byte; an incomplete character
    /// at the end (a file cut inside a character) is one U+FFFD.
    public static func decode(_ bytes: [UInt8], from charset: String, label: String) -> TextDecoder.Decoded? {
        guard let cd = iconv_open("UTF-8", charset), cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 3 / 2 + 16)
        var invalid = 0
        var buffer = [CChar](repeating: 0, count: 64 * 1024)
        var input = bytes.map { CChar(bitPattern: $0) }
        input.withUnsafeMutableBufferPointer { inBuf in
            var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress
            var inLeft = inBuf.count
            buffer.withUnsafeMutableBufferPointer { outBuf in
                func drain(_ outLeft: Int) {
                    output.append(contentsOf: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(outBuf)[0..<(outBuf.count - outLeft)]))
                }
                while inLeft > 0 {
                    var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress
                    var outLeft = outBuf.count
                    let result = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                    let error = errno
                    drain(outLeft)
                    guard result == -1 else { continue }
                    switch error {
                    case E2BIG:
                        continue
                    case EINVAL:
                        // Incomplete multibyte sequence at the end of the input.
                        output += replacement
                        invalid += 1
                        inLeft = 0
                    default:
                        // EILSEQ: skip one byte and start afresh.
                        output += replacement
                        invalid += 1
                        inPtr = inPtr.map { $0 + 1 }
                        inLeft -= 1
                        _ = iconv(cd, nil, nil, nil, nil)
                    }
                }
                // Flush any shift state.
                var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress
                var outLeft = outBuf.count
                _ = iconv(cd, nil, nil, &outPtr, &outLeft)
                drain(outLeft)
            }
        }
        // iconv's output is valid UTF-8; decoding it again cannot add replacements.
        return TextDecoder.Decoded(text: String(decoding: output, as: UTF8.self), encoding: label, invalidSequences: invalid)
    }
}

/// uchardet's guess at the charset of some bytes (an iconv name such as `GB18030`, `BIG5`,
/// `UTF-8`), or nil when it has none.
public enum CharsetDetector {
    public static func guess(_ bytes: [UInt8], limit: Int = 256 * 1024) -> String? {
        guard let detector = uchardet_new() else { return nil }
        defer { uchardet_delete(detector) }
        let sample = Array(bytes.prefix(limit))
        let status = sample.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { uchardet_handle_data(detector, $0.baseAddress, $0.count) }
        }
        guard status == 0 else { return nil }
        uchardet_data_end(detector)
        guard let name = uchardet_get_charset(detector) else { return nil }
        let charset = String(cString: name)
        return charset.isEmpty ? nil : charset
    }
}

/// The charset an HTML page declares in its first bytes: `<meta charset="gb2312">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`. A byte scan over the
/// `<meta` tags (the HTML prescan), not a parse: the page is not text yet.
enum CharsetHint {
    static func declared(in bytes: [UInt8], limit: Int = 4096) -> String? {
        let head = bytes.prefix(limit).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        let meta = Array("<meta".utf8), charset = Array("charset".utf8)
        var i = 0
        while let start = find(meta, in: head, from: i) {
            let end = head[start...].firstIndex(of: UInt8(ascii: ">")) ?? head.endIndex
            var j = start
            while let at = find(charset, in: head, from: j), at < end {
                j = at + charset.count
                while j < end, head[j] == 0x20 || head[j] == 0x09 { j += 1 }
                guard j < end, head[j] == UInt8(ascii: "=") else { continue }
                j += 1
                while j < end, [0x20, 0x09, 0x22, 0x27].contains(head[j]) { j += 1 }
                let name = head[j..<end].prefix { b in
                    (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x5F || b == 0x2E || b == 0x3A
                }
                if !name.isEmpty { return String(decoding: name, as: UTF8.self) }
            }
            i = end
        }
        return nil
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard needle.count <= haystack.count, from <= haystack.count - needle.count else { return nil }
        for i in from...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
        }
        return nil
    }
}
