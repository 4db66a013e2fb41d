import Foundation
import SystemBytes

/// What identifies the running build: the SHA-256 of its executable. Cached results and kept
/// outputs are keyed by it, so a new build re-reads every report even when nobody bumped a
/// version string.
enum BuildIdentity {
    static let digest: String = {
        if let data = FileManager.default.contents(atPath: "/proc/self/exe") {
            return SHA256.hash(data: data).lowercaseHex
        }
        // No way to tell this build from another: never reuse anything.
        return UUID().uuidString
    }()
}
