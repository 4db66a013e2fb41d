import Foundation

/// Compiled regular expressions, kept for the run (issue 7): compiling an NSRegularExpression
/// costs more than matching it against a line, and the metadata extractor matches the same few
/// patterns on every report. NSRegularExpression is immutable and safe to share between threads.
enum RegexCache {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var compiled: [String: NSRegularExpression] = [:]

    static func regex(_ pattern: String) -> NSRegularExpression? {
        lock.lock()
        defer { lock.unlock() }
        if let regex = compiled[pattern] { return regex }
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
        compiled[pattern] = regex
        return regex
    }

    /// What `text.range(of: pattern, options: .regularExpression)` finds, with the compiled pattern.
    static func firstRange(_ pattern: String, in text: String) -> Range<String.Index>? {
        guard let regex = regex(pattern),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        return Range(match.range, in: text)
    }
}
