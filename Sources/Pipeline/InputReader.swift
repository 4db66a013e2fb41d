import Foundation
import ReportModel

/// Reads one input with the errors a real tree produces turned into `errors` rows.
enum InputReader {
    static func read(root: String, file: InputFile, maxBytes: Int) -> Result<Data, StageError> {
        let path = Array(root.utf8) + [UInt8(ascii: "/")] + file.rawPath
        let cPath = InputDiscovery.cString(path)
        var fd = open(cPath, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        // A symbolic link: read only when it leads to a file inside the input folder (checked
        // here too, not only when the files were listed: the link may have changed since).
        if fd < 0, errno == ELOOP {
            guard InputDiscovery.isInside(root: root, path: path) else {
                return .failure(StageError(stage: .ingest, code: "outside_input_root",
                                           message: "symbolic link to a file outside the input folder; not read"))
            }
            fd = open(cPath, O_RDONLY | O_CLOEXEC)
        }
        guard fd >= 0 else {
            let code = errno == ENOENT ? "vanished" : errno == EACCES ? "permission_denied" : "unreadable"
            return .failure(StageError(stage: .ingest, code: code, message: "cannot open: \(String(cString: strerror(errno)))"))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            return .failure(StageError(stage: .ingest, code: "unreadable", message: String(cString: strerror(errno))))
        }
        if Int(info.st_size) > maxBytes {
            return .failure(StageError(stage: .ingest, code: "too_large",
                                       message: "\(info.st_size) bytes, more than max_file_mb (\(maxBytes >> 20) MB)"))
        }
        var data = Data(count: Int(info.st_size))
        var total = 0
        let ok = data.withUnsafeMutableBytes { raw -> Bool in
            while total < raw.count {
                let n = Glibc.read(fd, raw.baseAddress! + total, raw.count - total)
                if n < 0 { if errno == EINTR { continue }; return false }
                if n == 0 { break }
                total += n
            }
            return true
        }
        guard ok else {
            return .failure(StageError(stage: .ingest, code: "unreadable", message: "read failed: \(String(cString: strerror(errno)))"))
        }
        if total < data.count { data.removeSubrange(total...) }
        return .success(data)
    }
}
