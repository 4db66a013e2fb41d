import Foundation

/// One input file: its path relative to the input root, as raw bytes (file names need not be
/// UTF-8) and as the text written to the outputs.
public struct InputFile: Sendable, Hashable {
    /// Raw relative path bytes, used to open the file.
    public let rawPath: [UInt8]
    /// The relative path as UTF-8; a name that is not UTF-8 is shown with U+FFFD.
    public var path: String { String(decoding: rawPath, as: UTF8.self) }
    public var isValidUTF8: Bool { String(validating: rawPath, as: UTF8.self) != nil }
}

/// Finds the input files under the root, recursively, in a stable order (bytewise by relative
/// path). Walks with readdir/lstat so that odd trees cannot stop a run: directory symlinks are not
/// followed (no loops), a symlink to a file is read as that file, a broken one is a problem.
enum InputDiscovery {
    struct Problem {
        let path: String
        let code: String
        let message: String
    }

    struct Found {
        var files: [InputFile] = []
        var problems: [Problem] = []
    }

    static func find(root: String, patterns: [String]) -> Found {
        var found = Found()
        var stack: [[UInt8]] = [[]]
        let rootBytes = Array(root.utf8)
        while let relative = stack.popLast() {
            let dirPath = relative.isEmpty ? rootBytes : rootBytes + [UInt8(ascii: "/")] + relative
            guard let dir = opendir(cString(dirPath)) else {
                found.problems.append(Problem(path: String(decoding: relative, as: UTF8.self), code: "unlistable",
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
                var info = stat()
                guard lstat(cString(full), &info) == 0 else { continue }  // vanished since readdir
                let kind = info.st_mode & S_IFMT
                if kind == S_IFDIR {
                    if name.first != UInt8(ascii: ".") { stack.append(child) }  // hidden folders (caches) are skipped
                    continue
                }
                guard matches(name, patterns) else { continue }
                if kind == S_IFLNK {
                    var target = stat()
                    if stat(cString(full), &target) != 0 {
                        found.problems.append(Problem(path: String(decoding: child, as: UTF8.self), code: "broken_symlink",
                                                      message: "symbolic link to a missing file (\(String(cString: strerror(errno))))"))
                        continue
                    }
                    if target.st_mode & S_IFMT == S_IFDIR { continue }
                    if target.st_mode & S_IFMT != S_IFREG {
                        found.problems.append(Problem(path: String(decoding: child, as: UTF8.self), code: "not_a_file",
                                                      message: "symbolic link to something that is not a regular file"))
                        continue
                    }
                } else if kind != S_IFREG {
                    found.problems.append(Problem(path: String(decoding: child, as: UTF8.self), code: "not_a_file",
                                                  message: "not a regular file (a pipe, socket or device)"))
                    continue
                }
                found.files.append(InputFile(rawPath: child))
            }
        }
        found.files.sort { $0.rawPath.lexicographicallyPrecedes($1.rawPath) }
        found.problems.sort { $0.path < $1.path }
        return found
    }

    static func matches(_ name: [UInt8], _ patterns: [String]) -> Bool {
        let cName = cString(name)
        return patterns.contains { fnmatch($0, cName, 0) == 0 }
    }

    static func cString(_ bytes: [UInt8]) -> [CChar] {
        bytes.map { CChar(bitPattern: $0) } + [0]
    }
}
