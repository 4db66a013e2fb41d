import Foundation

/// One run per output folder: an exclusive `flock` on a lock file beside it. The kernel drops the
/// lock when its holder dies, so a stale lock from a killed run is taken over by the next run.
final class RunLock {
    let path: String
    private var fd: Int32 = -1

    init(outputFolder: URL) {
        path = outputFolder.deletingLastPathComponent()
            .appendingPathComponent(".\(outputFolder.lastPathComponent).lock").path
    }

    enum Outcome {
        case acquired
        /// Held by a live run; its pid as it wrote it.
        case held(by: String)
    }

    func acquire() throws -> Outcome {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw PipelineRunner.Failure.io("cannot open lock file \(path): \(String(cString: strerror(errno)))") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
            close(fd)
            fd = -1
            return .held(by: holder.isEmpty ? "?" : holder)
        }
        ftruncate(fd, 0)
        let pid = "\(getpid())\n"
        _ = pid.withCString { write(fd, $0, strlen($0)) }
        return .acquired
    }

    func release() {
        guard fd >= 0 else { return }
        ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }
}
