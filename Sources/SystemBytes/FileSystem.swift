import CFileSystem
import Foundation

/// File-system calls the driver needs beyond Foundation: atomic exchange, resolved paths,
/// file-system flushes, case-insensitive globs.
package enum FileSystem {
    package struct CallFailed: Error, CustomStringConvertible {
        package let call: String
        package let path: String
        package let code: Int32
        package var description: String { "\(call) \(path): \(String(cString: strerror(code)))" }
    }

    /// Swaps two existing paths in one step: a reader sees one or the other, never neither.
    package static func exchange(_ a: String, _ b: String) throws(CallFailed) {
        guard etl_rename_exchange(a, b) == 0 else { throw CallFailed(call: "exchange", path: "\(a) ⇄ \(b)", code: errno) }
    }

    /// Renames `from` to `to` only when `to` does not exist.
    package static func renameNoReplace(_ from: String, _ to: String) throws(CallFailed) {
        guard etl_rename_noreplace(from, to) == 0 else { throw CallFailed(call: "rename", path: "\(from) → \(to)", code: errno) }
    }

    /// The running program's GNU build ID (`.note.gnu.build-id`, read from memory), when it has one.
    package static func programBuildID() -> [UInt8]? {
        var id = [UInt8](repeating: 0, count: 64)
        let length = etl_build_id(&id, id.count)
        return length > 0 ? Array(id.prefix(length)) : nil
    }

    /// Flushes the whole file system that holds `path` (one call for many files written).
    package static func syncFileSystem(holding path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = etl_syncfs(fd)
        close(fd)
    }

    /// Up to `count` bytes of the open file `fd` from `offset`: fewer at the file's end, and never
    /// more than the file holds (a length read from a damaged file cannot ask for gigabytes).
    package static func read(_ fd: Int32, offset: Int, count: Int) -> [UInt8] {
        var info = stat()
        guard count > 0, offset >= 0, fstat(fd, &info) == 0 else { return [] }
        let wanted = max(0, min(count, Int(info.st_size) - offset))
        var bytes = [UInt8](repeating: 0, count: wanted)
        var total = 0
        bytes.withUnsafeMutableBytes { raw in
            while total < wanted {
                let n = pread(fd, raw.baseAddress! + total, wanted - total, off_t(offset + total))
                if n < 0 { if errno == EINTR { continue }; break }
                if n == 0 { break }
                total += n
            }
        }
        bytes.removeSubrange(total...)
        return bytes
    }

    /// Flushes a folder's entries (after files were created or renamed in it).
    package static func syncFolder(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// The path with every symbolic link and `.`/`..` resolved. The part that does not exist yet
    /// is appended to the resolved part that does.
    package static func resolvedPath(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var missing: [String] = []
        var existing = (absolute as NSString).standardizingPath
        while true {
            if let resolved = realpath(existing, nil) {
                defer { free(resolved) }
                var result = String(cString: resolved)
                for part in missing.reversed() where !part.isEmpty && part != "." {
                    if part == ".." { result = (result as NSString).deletingLastPathComponent; continue }
                    result += (result.hasSuffix("/") ? "" : "/") + part
                }
                return result
            }
            let parent = (existing as NSString).deletingLastPathComponent
            if parent == existing || parent.isEmpty { return (absolute as NSString).standardizingPath }
            missing.append((existing as NSString).lastPathComponent)
            existing = parent
        }
    }

    /// True when `inner` is `outer` or lies inside it (both resolved paths).
    package static func contains(_ outer: String, _ inner: String) -> Bool {
        inner == outer || outer == "/" || inner.hasPrefix(outer.hasSuffix("/") ? outer : outer + "/")
    }

    /// `fnmatch` ignoring the case of ASCII letters (`*.txt` matches `伊宁县.TXT`).
    package static func globMatches(_ pattern: String, _ name: UnsafePointer<CChar>) -> Bool {
        etl_fnmatch_casefold(pattern, name) == 0
    }
}
