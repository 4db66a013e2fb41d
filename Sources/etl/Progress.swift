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
    private var estimate = ProgressEstimate()

    init(enabled: Bool, json: Bool, logger: Logger) {
        self.enabled = enabled
        isTTY = isatty(STDERR_FILENO) == 1 && !json
        self.logger = logger
    }

    func update(_ p: PipelineRunner.Progress) {
        guard enabled, p.total > 0 else { return }
        let eta = estimate.secondsLeft(after: p)
        let now = Date()
        let interval: TimeInterval = isTTY ? 0.1 : 10
        guard now.timeIntervalSince(lastPrint) >= interval || p.done == p.total else { return }
        lastPrint = now
        let rate = p.seconds > 0 ? Double(p.done) / p.seconds : 0
        if isTTY {
            let width = 30
            let filled = width * p.done / p.total
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let line = String(format: "\r%@ %d/%d files  %.0f files/s  ETA %@", bar, p.done, p.total, rate, eta.map(clock) ?? "-:--")
            FileHandle.standardError.write(Data(line.utf8))
            drewBar = true
        } else if p.done < p.total {
            var metadata: Logger.Metadata = [
                "done": .stringConvertible(p.done), "total": .stringConvertible(p.total),
                "files_per_s": .stringConvertible((rate * 10).rounded() / 10),
            ]
            if let eta { metadata["eta_s"] = .stringConvertible(Int(eta.rounded())) }
            logger.info("progress", metadata: metadata)
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
        var fields: [String: Any] = [:]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            fields[key] = Self.json(value)
        }
        var data = Self.line(level: event.level, label: label, message: event.message.description, fields: fields)
        data.append(10)
        FileHandle.standardError.write(data)
    }

    /// One JSON object: time, level, logger, message, then the fields.
    static func line(level: Logger.Level, label: String, message: String, fields: [String: Any]) -> Data {
        var object = fields
        object["time"] = ISO8601DateFormatter().string(from: Date())
        object["level"] = level.rawValue
        object["logger"] = label
        object["message"] = message
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    /// Numbers stay numbers (metadata given as `.stringConvertible(n)`), lists and objects stay so.
    static func json(_ value: Logger.MetadataValue) -> Any {
        switch value {
        case .string(let s): return s
        case .stringConvertible(let v):
            switch v {
            case let n as Int: return n
            case let d as Double: return d.isFinite ? d : d.description
            case let b as Bool: return b
            default: return v.description
            }
        case .array(let values): return values.map(json)
        case .dictionary(let values): return values.mapValues(json)
        }
    }
}
