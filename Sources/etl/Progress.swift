import Foundation
import Logging
import Pipeline

/// Progress on stderr: a live bar on a terminal, a line every few seconds otherwise (cron logs).
final class ProgressReporter: @unchecked Sendable {
    private let enabled: Bool
    private let isTTY: Bool
    private let logger: Logger
    private var lastPrint = Date.distantPast
    private var drewBar = false

    init(enabled: Bool, json: Bool, logger: Logger) {
        self.enabled = enabled
        isTTY = isatty(STDERR_FILENO) == 1 && !json
        self.logger = logger
    }

    func update(_ p: PipelineRunner.Progress) {
        guard enabled, p.total > 0 else { return }
        let now = Date()
        let interval: TimeInterval = isTTY ? 0.1 : 10
        guard now.timeIntervalSince(lastPrint) >= interval || p.done == p.total else { return }
        lastPrint = now
        let rate = p.seconds > 0 ? Double(p.done) / p.seconds : 0
        let eta = rate > 0 ? Double(p.total - p.done) / rate : 0
        if isTTY {
            let width = 30
            let filled = width * p.done / p.total
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let line = String(format: "\r%@ %d/%d files  %.0f files/s  ETA %@", bar, p.done, p.total, rate, clock(eta))
            FileHandle.standardError.write(Data(line.utf8))
            drewBar = true
        } else if p.done < p.total {
            logger.info("progress", metadata: [
                "done": "\(p.done)", "total": "\(p.total)", "files_per_s": "\(String(format: "%.1f", rate))",
                "eta_s": "\(Int(eta))",
            ])
        }
    }

    func finish() {
        if drewBar { FileHandle.standardError.write(Data("\n".utf8)) }
        drewBar = false
    }

    private func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return String(format: "%d:%02d", s / 60, s % 60)
    }
}

/// swift-log lines as JSON objects, one a line, for log shippers.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    init(label: String, level: Logger.Level) {
        self.label = label
        self.logLevel = level
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var object: [String: String] = [
            "time": ISO8601DateFormatter().string(from: Date()), "level": event.level.rawValue,
            "logger": label, "message": event.message.description,
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            object[key] = value.description
        }
        guard var data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return }
        data.append(10)
        FileHandle.standardError.write(data)
    }
}
