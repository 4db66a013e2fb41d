import Foundation
import SystemBytes

/// What identifies the running build: the linker's build ID of the executable (a digest of the
/// linked program, read from memory), else the SHA-256 of the executable's bytes. Cached results
/// and kept outputs are keyed by it, so a new build re-reads every report even when nobody bumped
/// a version string.
enum BuildIdentity {
    static let digest: String = {
        if let id = FileSystem.programBuildID(), id.count >= 8 {
            return "build-id:" + id.map { String(format: "%02x", $0) }.joined()
        }
        if let data = FileManager.default.contents(atPath: "/proc/self/exe") {
            return SHA256.hash(data: data).lowercaseHex
        }
        // No way to tell this build from another: never reuse anything.
        return UUID().uuidString
    }()
}
