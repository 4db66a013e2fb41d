import COpenCC
import Foundation

/// The one place OpenCC is bound: a converter opened from a configuration (`t2s.json`,
/// `tw2s.json`, `hk2s.json`). OpenCC's converter is safe to share between threads.
public final class ChineseConverter: @unchecked Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case cannotOpen(config: String, reason: String)
        public var description: String {
            switch self {
            case .cannotOpen(let config, let reason): "cannot open OpenCC configuration \(config): \(reason)"
            }
        }
    }

    private let handle: opencc_t
    public let config: String

    /// `config` is a name such as `t2s` (resolved in the data folder of the linked library, see
    /// `dataDirectory`) or a path to a JSON file.
    public init(config: String = "t2s") throws {
        let file = Self.resolve(config)
        let h = opencc_open(file)
        // opencc_open signals failure with (opencc_t)-1, not NULL.
        guard let h, Int(bitPattern: h) != -1 else {
            let reason = opencc_error().map { String(cString: $0) } ?? "unknown error"
            throw Failure.cannotOpen(config: file, reason: reason)
        }
        handle = h
        self.config = config
    }

    deinit { opencc_close(handle) }

    /// The dictionaries folder of the linked OpenCC when the build knows it (the project-local
    /// OpenCC 1.4 from scripts/setup-opencc.sh), else nil: Debian's library finds its own.
    public static var dataDirectory: String? {
        let dir = String(cString: etl_opencc_datadir())
        return dir.isEmpty ? nil : dir
    }

    /// The linked OpenCC's version when the build knows it, else nil.
    public static var libraryVersion: String? {
        let version = String(cString: etl_opencc_version())
        return version.isEmpty ? nil : version
    }

    /// `t2s` → `<data dir>/t2s.json` (or `t2s.json`, found by the library); a path stays.
    static func resolve(_ config: String) -> String {
        let file = config.hasSuffix(".json") ? config : config + ".json"
        guard !file.contains("/"), let dir = dataDirectory else { return file }
        return dir + "/" + file
    }

    /// Converts UTF-8 text. OpenCC stops at an invalid byte, which Swift strings never contain.
    public func convert(_ text: String) -> String {
        if text.isEmpty { return text }
        var utf8 = text
        return utf8.withUTF8 { buffer -> String in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                guard let out = opencc_convert_utf8(handle, chars.baseAddress, chars.count) else { return text }
                defer { opencc_convert_utf8_free(out) }
                return String(cString: out)
            }
        }
    }
}
