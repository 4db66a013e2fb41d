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

    /// `config` is a name such as `t2s` (resolved in `dataDirectory`, default
    /// `DataLocation.current`) or a path to a JSON file.
    public init(config: String = "t2s", dataDirectory: String? = nil) throws {
        let location = dataDirectory.map { DataLocation(folder: $0, source: "opencc_data") } ?? DataLocation.current
        let file = Self.resolve(config, in: location.folder)
        let h = opencc_open(file)
        // opencc_open signals failure with (opencc_t)-1, not NULL.
        guard let h, Int(bitPattern: h) != -1 else {
            let reason = opencc_error().map { String(cString: $0) } ?? "unknown error"
            throw Failure.cannotOpen(config: file, reason: reason + " (dictionaries from \(location.description); "
                                     + "set ETL_OPENCC_DATA or opencc_data to OpenCC's share/opencc folder)")
        }
        handle = h
        self.config = config
    }

    deinit { opencc_close(handle) }

    /// Where the dictionaries are read from, and why there.
    package struct DataLocation: Sendable, CustomStringConvertible {
        /// nil: the library's own default (Debian's libopencc knows its /usr/share/opencc).
        package var folder: String?
        /// `ETL_OPENCC_DATA`, `opencc_data`, `installed`, `build` or `library`.
        package var source: String

        package var description: String { "\(folder ?? "the library's default folder") (\(source))" }

        /// The environment's `ETL_OPENCC_DATA`; else `share/gov-disclosure-etl/opencc` beside the
        /// running binary's `bin` folder (an installed copy: the dictionaries that match the
        /// library linked into it); else the build's (`.deps/opencc`, when still there); else the
        /// library's default.
        package static let current: DataLocation = {
            if let env = ProcessInfo.processInfo.environment["ETL_OPENCC_DATA"], !env.isEmpty {
                return DataLocation(folder: env, source: "ETL_OPENCC_DATA")
            }
            if let installed = installedFolder(), FileManager.default.fileExists(atPath: installed) {
                return DataLocation(folder: installed, source: "installed")
            }
            let built = String(cString: etl_opencc_datadir())
            if !built.isEmpty, FileManager.default.fileExists(atPath: built) {
                return DataLocation(folder: built, source: "build")
            }
            return DataLocation(folder: nil, source: "library")
        }()

        /// `PREFIX/share/gov-disclosure-etl/opencc` for a binary at `PREFIX/bin/NAME` (links resolved).
        static func installedFolder() -> String? {
            guard let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
            let prefix = URL(fileURLWithPath: exe).deletingLastPathComponent().deletingLastPathComponent()
            return prefix.appendingPathComponent("share/gov-disclosure-etl/opencc").path
        }
    }

    /// The dictionaries folder used when no `opencc_data` is given (nil: the library's default).
    public static var dataDirectory: String? { DataLocation.current.folder }

    /// The linked OpenCC's version when the build knows it, else nil.
    public static var libraryVersion: String? {
        let version = String(cString: etl_opencc_version())
        return version.isEmpty ? nil : version
    }

    /// `t2s` → `<data dir>/t2s.json` (or `t2s.json`, found by the library); a path stays.
    static func resolve(_ config: String, in folder: String?) -> String {
        let file = config.hasSuffix(".json") ? config : config + ".json"
        guard !file.contains("/"), let folder else { return file }
        return folder + "/" + file
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
