import Crypto
import Dispatch
import Foundation
import Logging
import Output
import ReportModel
import ScriptNormalization

/// The driver: finds the inputs, runs the stages over them in parallel with a bounded number in
/// flight, and streams the results to the output files in report order, so that the bytes written
/// do not depend on `jobs`.
public final class PipelineRunner {
    public enum Failure: Error, CustomStringConvertible {
        /// Bad usage or configuration (exit code 2).
        case configuration(String)
        /// The outputs could not be written (exit code 4); the previous outputs are untouched.
        case io(String)

        public var description: String {
            switch self {
            case .configuration(let m), .io(let m): m
            }
        }
    }

    public struct Summary: Sendable {
        public var outputFolder: String
        public var counts: Manifest.Counts
        public var seconds: Double
        public var inputBytes: Int
        public var outputs: [OutputSet.FileSummary]
    }

    let config: PipelineConfig
    let jobs: Int
    let logger: Logger

    public init(config: PipelineConfig, logger: Logger = Logger(label: "etl")) {
        self.config = config
        self.jobs = config.jobs > 0 ? config.jobs : ProcessInfo.processInfo.activeProcessorCount
        self.logger = logger
    }

    /// One input, as listed and hashed: the unit the writer orders by.
    struct Input {
        let path: String
        var sha256: String?
        var size = 0
        var readError: String?
        var reportID: String { sha256.map(ReportProcessor.reportID) ?? "" }
    }

    public func run() throws(Failure) -> Summary {
        let started = Date()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: config.input, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .configuration("input folder not found: \(config.input)")
        }
        let normalizer: ScriptNormalizer
        do { normalizer = ScriptNormalizer(converter: try ChineseConverter(config: config.openccConfig)) } catch {
            throw .configuration("\(error)")
        }
        let processor = ReportProcessor(normalizer: normalizer)

        let found = InputDiscovery.find(root: config.input, patterns: config.patterns)
        logger.info("found input files", metadata: ["count": "\(found.files.count)", "root": "\(config.input)"])
        let inputs = hashInputs(found.files)
        // Report order: by report id, then path; unreadable inputs first, by path.
        let ordered = inputs.sorted { a, b in
            (a.reportID, a.path) < (b.reportID, b.path)
        }

        let folder = OutputFolder(target: config.output)
        var counts = Manifest.Counts(files: ordered.count, ok: 0, partial: 0, failed: 0, errorRows: 0)
        var summaries: [OutputSet.FileSummary] = []
        do {
            try folder.recover()
            try folder.prepareStaging()
            let output = try OutputSet(folder: folder.staging, compression: config.compression,
                                       zstdLevel: Int32(config.zstdLevel))
            for problem in found.problems {
                try output.appendError(sourcePath: problem.path, StageError(stage: .ingest, code: "unlistable", message: problem.message))
                counts.errorRows += 1
            }
            var seen = Set<String>()
            try processInOrder(ordered, processor: processor) { input, report in
                guard var report else {
                    counts.failed += 1
                    counts.errorRows += 1
                    try output.appendError(sourcePath: input.path,
                                           StageError(stage: .ingest, code: "unreadable", message: input.readError ?? "cannot read"))
                    return
                }
                if !seen.insert(report.sourceSHA256).inserted {
                    report.isDuplicate = true
                    report.flags.insert(.duplicateContent)
                }
                switch report.status {
                case .ok: counts.ok += 1
                case .partial: counts.partial += 1
                case .failed: counts.failed += 1
                }
                counts.errorRows += report.errors.count
                try output.append(report)
            }
            summaries = try output.finish()
            let manifest = Manifest(
                pipelineVersion: PipelineVersion.current, runID: UUID().uuidString.lowercased(),
                startedAt: ISO8601DateFormatter().string(from: started),
                finishedAt: ISO8601DateFormatter().string(from: Date()),
                configDigest: SHA256.hash(data: config.canonicalJSON).map { String(format: "%02x", $0) }.joined(),
                inputs: counts, outputs: summaries)
            let manifestURL = folder.staging.appendingPathComponent("manifest.json")
            try manifest.encoded().write(to: manifestURL, options: .atomic)
            try folder.commit()
        } catch {
            folder.abandon()
            throw .io("cannot write the outputs: \(error)")
        }
        return Summary(outputFolder: folder.target.path, counts: counts, seconds: Date().timeIntervalSince(started),
                       inputBytes: inputs.reduce(0) { $0 + $1.size }, outputs: summaries)
    }

    /// Pass 1: the content hash of every input, which fixes the report order before any is processed.
    func hashInputs(_ paths: [String]) -> [Input] {
        let hashed = Mailbox<Input>()
        let root = URL(fileURLWithPath: config.input)
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            var input = Input(path: paths[i])
            do {
                let data = try Data(contentsOf: root.appendingPathComponent(input.path), options: .mappedIfSafe)
                input.sha256 = ReportProcessor.sha256Hex(data)
                input.size = data.count
            } catch {
                input.readError = "cannot read: \(error.localizedDescription)"
            }
            hashed.put(i, input)
        }
        return paths.indices.map { hashed.take($0) }
    }

    /// Pass 2: at most `jobs` files in flight and a bounded backlog of finished ones; `write` is
    /// called on this thread, in input order.
    func processInOrder(_ inputs: [Input], processor: ReportProcessor,
                        write: (Input, ProcessedReport?) throws -> Void) throws {
        let root = URL(fileURLWithPath: config.input)
        let slots = DispatchSemaphore(value: jobs)
        let backlog = DispatchSemaphore(value: jobs * 4)
        let results = Mailbox<ProcessedReport?>()
        let workers = DispatchQueue(label: "etl.workers", attributes: .concurrent)
        let cancelled = ManagedAtomicFlag()

        DispatchQueue.global().async {
            for (i, input) in inputs.enumerated() {
                backlog.wait()
                slots.wait()
                if cancelled.isSet { slots.signal(); break }
                workers.async {
                    var report: ProcessedReport? = nil
                    if input.readError == nil,
                       let data = try? Data(contentsOf: root.appendingPathComponent(input.path), options: .mappedIfSafe) {
                        report = processor.process(data: data, sourcePath: input.path, sha256: ReportProcessor.sha256Hex(data))
                    }
                    slots.signal()
                    results.put(i, report)
                }
            }
        }
        defer { cancelled.set() }
        for (i, input) in inputs.enumerated() {
            let report = results.take(i)
            backlog.signal()
            try write(input, report)
        }
    }
}

/// A flag set once, read from other threads.
final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

/// Finished items by index, handed from the workers to the thread that writes them in order.
final class Mailbox<Item>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Int: Item] = [:]

    func put(_ index: Int, _ item: Item) {
        condition.lock()
        items[index] = item
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for item `index` and removes it.
    func take(_ index: Int) -> Item {
        condition.lock()
        defer { condition.unlock() }
        while items[index] == nil { condition.wait() }
        return items.removeValue(forKey: index)!
    }
}
