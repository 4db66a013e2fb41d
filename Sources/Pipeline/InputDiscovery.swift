import Foundation
import SystemBytes

/// One input file: its path relative to the input root, as raw bytes (file names need not be
/// UTF-8) and as the text written to the outputs.
public struct InputFile: Sendable, Hashable {
    /// Raw relative path bytes, used to open the file.
    public let rawPath: [UInt8]
    /// The relative path as written to the outputs (`InputPath.display`).
    public var path: String { InputPath.display(rawPath) }
}

/// How a file name that need not be UTF-8 is written as text, reversibly: valid UTF-8 as it is,
/// a backslash as `\\`, every byte that is not part of valid UTF-8 as `\xHH`. Two different names
/// never get the same text.
public enum InputPath {
    public static func display(_ raw: [UInt8]) -> String {
        if !raw.contains(UInt8(ascii: "\\")), let text = String(validating: raw, as: UTF8.self) { return text }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count + 8)
        var i = 0
        while i < raw.count {
            let byte = raw[i]
            if byte == UInt8(ascii: "\\") {
                out += [0x5C, 0x5C]
                i += 1
                continue
            }
            let length = byte < 0x80 ? 1 : byte >= 0xC2 && byte <= 0xDF ? 2 : byte >= 0xE0 && byte <= 0xEF ? 3
                : byte >= 0xF0 && byte <= 0xF4 ? 4 : 0
            if length > 0, i + length <= raw.count, String(validating: raw[i..<(i + length)], as: UTF8.self) != nil {
                out += raw[i..<(i + length)]
                i += length
            } else {
                let digits = Array("0123456789abcdef".utf8)
                out += [0x5C, UInt8(ascii: "x"), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Finds the input files under the root, recursively, in a stable order (bytewise by relative
/// path). Walks with readdir/lstat so that odd trees cannot stop a run: directory symlinks are not
/// followed (no loops), a symlink to a file inside the input tree is read as that file; one that
/// leads outside the tree, or nowhere, is a problem row. File names match the patterns whatever
/// the case of their letters (`伊宁县.TXT` matches `*.txt`).
enum InputDiscovery {
    struct Problem {
        let rawPath: [UInt8]
        let code: String
        let message: String
        var path: String { InputPath.display(rawPath) }
    }

    struct Found {
        var files: [InputFile] = []
        var problems: [Problem] = []
        /// Regular files (not hidden) whose names match no pattern.
        var skippedByPatterns = 0
    }

    /// `root` must be resolved (`FileSystem.resolvedPath`): symlink targets are checked against it.
    static func find(root: String, patterns: [String]) -> Found {
        var found = Found()
        var stack: [[UInt8]] = [[]]
        let rootBytes = Array(root.utf8)
        while let relative = stack.popLast() {
            let dirPath = relative.isEmpty ? rootBytes : rootBytes + [UInt8(ascii: "/")] + relative
            guard let dir = opendir(cString(dirPath)) else {
                found.problems.append(Problem(rawPath: relative, code: "unlistable",
                                              message: "cannot list folder: \(String(cString: strerror(errno)))"))
                continue
            }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    Array(raw.prefix { $0 != 0 })
                }
                if name == [46] || name == [46, 46] { continue }  // . and ..
                let child = relative.isEmpty ? name : relative + [UInt8(ascii: "/")] + name
                let full = rootBytes + [UInt8(ascii: "/")] + child
                // The entry's type as the directory gives it (no lstat per file: a tenth of a
                // no-change run), or lstat's when the file system does not say.
                var kind: mode_t
                switch entry.pointee.d_type {
                case 4: kind = S_IFDIR  // DT_DIR
                case 8: kind = S_IFREG  // DT_REG
                case 10: kind = S_IFLNK  // DT_LNK
                case 1, 2, 6, 12: kind = S_IFIFO  // DT_FIFO, DT_CHR, DT_BLK, DT_SOCK: not a regular file
                default:
                    var info = stat()
                    guard lstat(cString(full), &info) == 0 else { continue }  // vanished since readdir
                    kind = info.st_mode & S_IFMT
                }
                if kind == S_IFDIR {
                    if name.first != UInt8(ascii: ".") { stack.append(child) }  // hidden folders (caches) are skipped
                    continue
                }
                guard matches(name, patterns) else {
                    if kind == S_IFREG, name.first != UInt8(ascii: ".") { found.skippedByPatterns += 1 }
                    continue
                }
                if kind == S_IFLNK {
                    var target = stat()
                    if stat(cString(full), &target) != 0 {
                        found.problems.append(Problem(rawPath: child, code: "broken_symlink",
                                                      message: "symbolic link to a missing file (\(String(cString: strerror(errno))))"))
                        continue
                    }
                    if target.st_mode & S_IFMT == S_IFDIR { continue }
                    if !isInside(root: root, path: full) {
                        found.problems.append(Problem(rawPath: child, code: "outside_input_root",
                                                      message: "symbolic link to a file outside the input folder; not read"))
                        continue
                    }
                    if target.st_mode & S_IFMT != S_IFREG {
                        found.problems.append(Problem(rawPath: child, code: "not_a_file",
                                                      message: "symbolic link to something that is not a regular file"))
                        continue
                    }
                } else if kind != S_IFREG {
                    found.problems.append(Problem(rawPath: child, code: "not_a_file",
                                                  message: "not a regular file (a pipe, socket or device)"))
                    continue
                }
                found.files.append(InputFile(rawPath: child))
            }
        }
        found.files.sort { $0.rawPath.lexicographicallyPrecedes($1.rawPath) }
        found.problems.sort { $0.rawPath.lexicographicallyPrecedes($1.rawPath) }
        return found
    }

    /// Whether a path, every link in it resolved, lies inside the (resolved) root.
    static func isInside(root: String, path: [UInt8]) -> Bool {
        guard let resolved = realpath(cString(path), nil) else { return false }
        defer { free(resolved) }
        return FileSystem.contains(root, String(cString: resolved))
    }

    static func matches(_ name: [UInt8], _ patterns: [String]) -> Bool {
        let cName = cString(name)
        return cName.withUnsafeBufferPointer { pointer in
            patterns.contains { FileSystem.globMatches($0, pointer.baseAddress!) }
        }
    }

    static func cString(_ bytes: [UInt8]) -> [CChar] {
        bytes.map { CChar(bitPattern: $0) } + [0]
    }
}
