import SystemBytes
import Dispatch
import Foundation
import Ingest
import Logging
import Output
import ReportModel
import Regions
import ScriptNormalization

/// The driver: finds the inputs, runs the stages over them in parallel with a bounded number in
/// flight, and streams the results to the output files in report order, so that the bytes written
/// do not depend on `jobs`. Unchanged files come from the result cache.
public final class PipelineRunner {
    public enum Failure: Error, CustomStringConvertible {
        /// Bad usage or configuration (exit code 2).
        case configuration(String)
        /// Another run holds the output folder (exit code 3).
        case locked(String)
        /// The outputs could not be written (exit code 4); the previous outputs are untouched.
        case io(String)
        /// Stopped by a signal; the previous outputs are untouched.
        case interrupted(signal: Int32)
        /// More inputs failed than `max_failed_fraction` allows; the previous outputs are untouched.
        case tooManyFailures(String)
        /// No inputs, or far fewer than the last run had; the previous outputs are untouched.
        case shrunk(String)

        public var description: String {
            switch self {
            case .configuration(let m), .locked(let m), .io(let m), .tooManyFailures(let m), .shrunk(let m): m
            case .interrupted(let signal): "stopped by signal \(signal); the previous outputs are left in place"
            }
        }
    }

    public struct Options: Sendable {
        /// Ignore the cache: process every file again.
        public var full = false
        /// Process only this shard's share of the inputs, into its own folder under the output.
        public var shard: Shard?
        /// Publish the outputs even when the run found no inputs, or far fewer than the last run.
        public var allowShrink = false
        public init(full: Bool = false, shard: Shard? = nil, allowShrink: Bool = false) {
            self.full = full
            self.shard = shard
            self.allowShrink = allowShrink
        }
    }

    public struct Progress: Sendable {
        public var done: Int
        public var total: Int
        public var bytesDone: Int
        public var seconds: Double
        public var totalBytes = 0
    }

    public struct Summary: Sendable {
        public var outputFolder: String
        public var counts: Manifest.Counts
        public var seconds: Double
        public var inputBytes: Int
        public var outputs: [OutputSet.FileSummary]
        /// The inputs that failed, and how many of them did not fail in the previous run.
        public var failedInputs: [Manifest.FailedInput] = []
        public var newFailures = 0
        /// The groups of reports written (`ReportGroups`), and how many were copied as the last
        /// run's frames.
        public var groups = 0
        public var copiedGroups = 0
    }

    let config: PipelineConfig
    let options: Options
    let jobs: Int
    let logger: Logger
    /// This run's id, in the manifest and in every log line (`run_id`).
    public let runID = UUID().uuidString.lowercased()
    /// Called on the writer thread as reports are written.
    public var onProgress: ((Progress) -> Void)?
    /// Set from a signal handler: the run stops at the next report and leaves the outputs as they were.
    public let stopRequest = StopRequest()
    /// The division tables' folder, when not the one `RegionData.locate` finds (tests).
    var regionsFolder: URL?
    /// Reports per group of frames, on average (tests use small groups on small corpora).
    var reportsPerGroup = ReportGroups.defaultSize

    public init(config: PipelineConfig, options: Options = Options(), logger: Logger = Logger(label: "etl")) {
        self.config = config
        self.options = options
        let jobs = config.jobs > 0 ? config.jobs : ProcessInfo.processInfo.activeProcessorCount
        self.jobs = min(jobs, PipelineConfig.jobsRange.upperBound)  // (a config made in code is not validated)
        var logger = logger
        logger[metadataKey: "run_id"] = "\(runID)"
        self.logger = logger
    }

    /// One input, as listed and hashed: the unit the writer orders by.
    struct Input: Sendable {
        let file: InputFile
        var digest: ContentDigest?
        var size = 0
        var problem: StageError?
        var path: String { file.path }
    }

    public func run() throws(Failure) -> Summary {
        let started = Date()
        let paths = try RunPaths.resolve(config: config, shard: options.shard)
        let folder = OutputFolder(resolvedTarget: paths.target)
        guard let regionFolder = regionsFolder ?? RegionData.locate() else {
            throw .configuration("cannot find the division tables (data/regions): set \(RegionData.environmentKey) to the data folder")
        }
        // The tables' bytes and digest now (the digest keys the cache and the inputs); parsing
        // them and loading OpenCC wait until a report is to be read: a run whose inputs did not
        // change does neither.
        let regionFiles: RegionData.Files
        do { regionFiles = try RegionData.read(regionFolder) } catch { throw .configuration("\(error)") }
        let cache = ResultCache(folder: URL(fileURLWithPath: paths.cache), buildIdentity: BuildIdentity.digest,
                                relevantSettings: config.perFileSettings + ";regions=\(regionFiles.digest)")
        // Before the lock: a cache that is refused leaves no lock file, nor a folder made for it.
        do {
            // (A shard's cache lies in the configured one, which is marked as etl's too.)
            if options.shard != nil {
                try ResultCache(folder: cache.folder.deletingLastPathComponent(), buildIdentity: "", relevantSettings: "").prepare()
            }
            try cache.prepare()
        } catch { throw .configuration(error.description) }

        let lock = RunLock(outputFolder: folder.target)
        do {
            if case .held(let holder) = try lock.acquire() {
                throw Failure.locked("another run (pid \(holder)) is writing \(folder.target.path); lock file \(lock.path)")
            }
        } catch let failure as Failure { throw failure } catch { throw .io("\(error)") }
        defer { lock.release() }
        let previousFailures = FailureSet.previous(in: folder.target)
        var failedInputs: [Manifest.FailedInput] = []
        func failed(_ path: String, stage: String, code: String) {
            failedInputs.append(.init(path: path, stage: stage, code: code))
            logger.warning("input failed", metadata: ["path": "\(path)", "stage": "\(stage)", "code": "\(code)"])
        }
        // Checked again under the lock: another run may have written the folder meanwhile.
        do { try folder.checkReplaceable() } catch { throw .configuration(error.description) }

        var found = InputDiscovery.find(root: paths.input, patterns: config.patterns)
        if let shard = options.shard {
            found.files = found.files.filter { shard.contains($0) }
            found.problems = found.problems.filter { shard.contains(InputFile(rawPath: $0.rawPath)) }
        }
        logger.info("found input files", metadata: [
            "count": .stringConvertible(found.files.count), "root": "\(paths.input)",
            "skipped_by_patterns": .stringConvertible(found.skippedByPatterns),
        ])
        let ordered = Self.reportOrder(hashInputs(found.files, root: paths.input))
        let inputBytes = ordered.reduce(0) { $0 + $1.size }

        // (New division tables place every report anew: no run is "unchanged" across them.)
        let inputsDigest = SHA256.hash(data: Data((UnchangedRun.inputsDigest(ordered, problems: found.problems, config: config,
                                                                             shard: options.shard) + regionFiles.digest).utf8)).lowercaseHex
        do { try folder.recover() } catch { throw .io("cannot restore the previous outputs: \(error)") }
        if !options.allowShrink {
            try ShrinkGuard.check(inputs: ordered.count + found.problems.count, skipped: found.skippedByPatterns,
                                  previous: folder.target, maxShrink: config.maxShrinkFraction, input: paths.input)
        }
        if !options.full, var kept = UnchangedRun.previousManifest(in: folder.target, inputsDigest: inputsDigest) {
            logger.info("inputs unchanged since the last run: outputs kept", metadata: ["previous_run_id": "\(kept.runID)"])
            kept.runID = runID
            for f in kept.failedInputs ?? [] { failed(f.path, stage: f.stage, code: f.code) }
            kept.startedAt = ISO8601DateFormatter().string(from: started)
            kept.finishedAt = ISO8601DateFormatter().string(from: Date())
            kept.inputs.unchanged = ordered.filter { $0.digest != nil }.count
            kept.inputs.skippedByPatterns = found.skippedByPatterns
            do { try UnchangedRun.writeManifest(kept, in: folder) } catch { throw .io("cannot write the manifest: \(error)") }
            return Summary(outputFolder: folder.target.path, counts: kept.inputs, seconds: Date().timeIntervalSince(started),
                           inputBytes: inputBytes, outputs: kept.outputs, failedInputs: failedInputs,
                           newFailures: FailureSet.newCount(failedInputs, previous: previousFailures))
        }

        // Beside the reports the last run read (whose summaries need neither), the division
        // tables are parsed and OpenCC loaded, waited for by the first report read anew; and the
        // cache entries no input uses are removed (the inputs are known and the run goes ahead; a
        // run that fails later has lost only entries of files that are gone).
        let regionLoad = Background { try RegionData.load(regionFiles).resolver }
        let processorLoad = Background { [config] in
            let converter = try ChineseConverter(config: config.openccConfig, dataDirectory: config.openccData)
            return ReportProcessor(normalizer: ScriptNormalizer(converter: converter), regions: try regionLoad.wait().get())
        }
        let resolver: @Sendable () -> RegionResolver? = { try? regionLoad.wait().get() }
        let cacheKeys = Self.cacheKeys(ordered, cache: cache)
        let pruning = Background { cache.prune(keeping: Set(cacheKeys.compactMap { $0 })) }
        defer { _ = pruning.wait() }

        var counts = Manifest.Counts(files: ordered.count + found.problems.count)
        counts.skippedByPatterns = found.skippedByPatterns
        var summaries: [OutputSet.FileSummary] = []
        var groupCounts = (groups: 0, copied: 0)
        var assemblySummaries: GroupSummaries?
        do {
            try folder.prepareStaging()
            let output = try OutputSet(folder: folder.staging, compression: config.compression,
                                       zstdLevel: Int32(config.zstdLevel), excelBOM: config.excelBOM,
                                       layout: config.layout, part: options.shard?.index ?? 0)
            // The groups of reports, and the last run's frames of those that are the same.
            var assembly: GroupAssembly?
            if output.makesFrames {
                let settings = "layout=\(config.layout.rawValue);level=\(config.zstdLevel);bom=\(config.excelBOM);part=\(options.shard?.index ?? 0)"
                let groups = ReportGroups(ordered, cacheKeys: cacheKeys, settings: settings, size: reportsPerGroup)
                let previous = options.full ? nil : FrameIndex.load(cache: cache.folder, target: folder.target)
                assembly = GroupAssembly(groups: groups, previous: previous, previousFolder: folder.target, cache: cache.folder)
            }
            // Error rows are few: they are kept and written last, sorted by path, so that shards merge.
            var errorRows: [(year: String, row: [String])] = []
            var inputRows = InputRows()
            var runReport = RunReport()
            for problem in found.problems {
                runReport.addUnreadable(path: problem.path)
                runReport.addProblem(path: problem.path, code: problem.code, message: problem.message)
                errorRows.append(("", [problem.path, "ingest", problem.code, problem.message]))
                inputRows.addUnreadable(path: problem.path)
                counts.failed += 1
                failed(problem.path, stage: "ingest", code: problem.code)
            }
            var copies = CopyTracker()
            var bytesDone = 0
            var done = 0
            var crossReport = CrossReportHook(resolver: resolver)
            let source = reportSource(root: paths.input, processor: processorLoad, cache: cache)
            let groupSummaries = assembly?.summaries
            try processInOrder(ordered, source: source, summaryOnly: { assembly?.summaryOnly($0) ?? false },
                               summary: { groupSummaries?.summary(for: $0) },
                               prepare: { CrossReportHook.prepare(&$0, path: $1, resolver: resolver) }) { index, input, outcome in
                if let signal = stopRequest.signal { throw Failure.interrupted(signal: signal) }
                done += 1
                bytesDone += input.size
                try assembly?.begin(index, output: output)
                switch outcome {
                case .unreadable(let error):
                    assembly?.failed(index)
                    counts.failed += 1
                    failed(input.path, stage: error.stage.rawValue, code: error.code)
                    errorRows.append(("", [input.path, error.stage.rawValue, error.code, error.message]))
                    inputRows.addUnreadable(path: input.path)
                    runReport.addUnreadable(path: input.path)
                    runReport.addProblem(path: input.path, code: error.code, message: error.message)
                case .report(var rendered, let fromCache, let seconds):
                    if fromCache { counts.unchanged += 1 }
                    let duplicate = input.digest.map { copies.note($0).isCopy } ?? false
                    switch rendered.status {
                    case .ok: counts.ok += 1
                    case .partial: counts.partial += 1
                    case .failed: counts.failed += 1
                    }
                    let rows = rendered.errorRows(path: input.path)
                    if rendered.status == .failed { failed(input.path, stage: rows.first?[1] ?? "", code: rows.first?[2] ?? "") }
                    errorRows += rows.map { (rendered.reportYear, $0) }
                    for error in rendered.errors { runReport.addProblem(path: input.path, code: error[1], message: error[2]) }
                    if !duplicate { runReport.add(rendered, path: input.path, seconds: fromCache ? nil : seconds, layout: config.layout) }
                    inputRows.add(path: input.path, rendered)
                    rendered = crossReport.place(rendered, path: input.path, duplicate: duplicate)
                    if assembly != nil {
                        try assembly!.write(rendered, input: input, index: index, duplicate: duplicate, output: output)
                    } else {
                        try rendered.write(to: output, path: input.path, duplicate: duplicate)
                    }
                }
                try assembly?.end(index, output: output) { input in
                    if case .report(let whole, _, _) = source.outcome(of: input) { whole } else { nil }
                }
                onProgress?(Progress(done: done, total: ordered.count, bytesDone: bytesDone,
                                     seconds: Date().timeIntervalSince(started), totalBytes: inputBytes))
            }
            // (A run that read no report anew reads neither, and fails on them all the same.)
            if case .failure(let error) = processorLoad.wait() { throw Failure.configuration("\(error)") }
            try output.beginGroup(nil)
            for entry in errorRows.enumerated().sorted(by: { a, b in
                a.element.row[0] != b.element.row[0] ? a.element.row[0] < b.element.row[0] : a.offset < b.offset
            }) {
                try output.append([entry.element.row], to: .errors, reportYear: entry.element.year)
            }
            try inputRows.write(to: output)
            try crossReport.write(to: output, threads: jobs)
            counts.errorRows = errorRows.count
            summaries = try output.finish()
            if counts.files > 0, Double(counts.failed) / Double(counts.files) > config.maxFailedFraction {
                throw Failure.tooManyFailures(String(
                    format: "%d of %d inputs failed, more than max_failed_fraction %.3g allows; the previous outputs are left in place",
                    counts.failed, counts.files, config.maxFailedFraction))
            }
            summaries += try Self.writeDescriptions(into: folder.staging, compression: config.compression,
                                                    layout: config.layout, written: summaries)
            summaries += try writeAnalystFiles(into: folder.staging, report: runReport, counts: counts, started: started,
                                               inputBytes: inputBytes)
            summaries.sort { $0.file < $1.file }
            let manifest = Manifest(
                pipelineVersion: PipelineVersion.current, runID: runID,
                startedAt: ISO8601DateFormatter().string(from: started),
                finishedAt: ISO8601DateFormatter().string(from: Date()),
                configDigest: SHA256.hash(data: config.canonicalJSON).lowercaseHex,
                inputs: counts, outputs: summaries, inputsDigest: inputsDigest,
                failedInputs: failedInputs.sorted { $0.path < $1.path })
            try manifest.encoded().write(to: folder.staging.appendingPathComponent("manifest.json"), options: .atomic)
            // The cache entries this run wrote are durable before the outputs that used them are published.
            cache.sync()
            // The last run's frame index goes before its files do; this run's comes after its own.
            let frameIndex = assembly?.index(output)
            unlink(FrameIndex.url(cache: cache.folder, target: folder.target).path)
            try folder.commit()
            do { try frameIndex?.save(cache: cache.folder, target: folder.target) } catch {
                logger.warning("cannot save the frame index: the next run writes every group again", metadata: ["error": "\(error)"])
            }
            groupCounts = (assembly?.groups.count ?? 0, assembly?.copied ?? 0)
            assemblySummaries = assembly?.summaries
            if let assembly, assembly.copied > 0 {
                logger.info("groups copied from the last run's files", metadata: [
                    "copied": .stringConvertible(assembly.copied), "groups": .stringConvertible(assembly.groups.count)])
            }
        } catch let failure as Failure {
            folder.abandon()
            throw failure
        } catch {
            folder.abandon()
            throw .io("cannot write the outputs: \(error)")
        }
        assemblySummaries?.prune()
        return Summary(outputFolder: folder.target.path, counts: counts, seconds: Date().timeIntervalSince(started),
                       inputBytes: inputBytes, outputs: summaries, failedInputs: failedInputs,
                       newFailures: FailureSet.newCount(failedInputs, previous: previousFailures),
                       groups: groupCounts.groups, copiedGroups: groupCounts.copied)
    }

    /// `dictionary.csv` and `datapackage.json` (listing the table files `written`), with what the
    /// manifest records of them (so that a damaged one is noticed and written again by the next run).
    static func writeDescriptions(into folder: URL, compression: Compression, layout: OutputLayout,
                                  written: [OutputSet.FileSummary]) throws -> [OutputSet.FileSummary] {
        let files: [(String, Data)] = [
            ("dictionary.csv", Data(DataDictionary.csv(compression: compression))),
            (DataPackage.fileName, try DataPackage.json(compression: compression, layout: layout,
                                                        paths: DataPackage.paths(of: written.map(\.file)))),
        ]
        return try files.map { name, data in
            let url = folder.appendingPathComponent(name)
            try data.write(to: url)
            return OutputSet.FileSummary(file: name, rows: 0, bytes: data.count, sha256: SHA256.hash(data: data).lowercaseHex)
        }
    }

    /// Report order: by report id (the digest's leading bytes), then path; inputs that could not be
    /// read (no id) first.
    static func reportOrder(_ inputs: [Input]) -> [Input] {
        inputs.sorted { a, b in
            switch (a.digest?.leadingWord, b.digest?.leadingWord) {
            case (nil, nil): return a.file.rawPath.lexicographicallyPrecedes(b.file.rawPath)
            case (nil, _): return true
            case (_, nil): return false
            case let (x?, y?): return x != y ? x < y : a.file.rawPath.lexicographicallyPrecedes(b.file.rawPath)
            }
        }
    }

    /// Pass 1: the content hash of every input, which fixes the report order before any is processed.
    func hashInputs(_ files: [InputFile], root: String) -> [Input] {
        let hashed = Mailbox<Input>()
        let maxBytes = config.maxFileMB << 20
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            var input = Input(file: files[i])
            switch InputReader.read(root: root, file: files[i], maxBytes: maxBytes) {
            case .success(let data):
                input.digest = .of(data)
                input.size = data.count
            case .failure(let error):
                input.problem = error
            }
            hashed.put(i, input)
        }
        return files.indices.map { hashed.take($0)! }  // (never cancelled)
    }

    /// Each input's cache key (nil for one unread), worked out on every core into one array.
    static func cacheKeys(_ inputs: [Input], cache: ResultCache) -> [ContentDigest?] {
        [ContentDigest?](unsafeUninitializedCapacity: inputs.count) { keys, initialized in
            let chunk = 512
            nonisolated(unsafe) let keys = keys  // (each chunk writes its own slots)
            DispatchQueue.concurrentPerform(iterations: (inputs.count + chunk - 1) / chunk) { c in
                for i in c * chunk..<min(inputs.count, (c + 1) * chunk) {
                    (keys.baseAddress! + i).initialize(to: inputs[i].digest.map(cache.key(content:)))
                }
            }
            initialized = inputs.count
        }
    }

    enum Outcome {
        case unreadable(StageError)
        case report(RenderedReport, fromCache: Bool, seconds: Double = 0)
    }

    func reportSource(root: String, processor: Background<ReportProcessor>, cache: ResultCache) -> ReportSource {
        ReportSource(root: root, processor: processor, cache: cache, useCache: !options.full, maxBytes: config.maxFileMB << 20,
                     maxSeconds: config.maxFileSeconds, layout: config.layout, logger: logger, runBudget: WorkBudget())
    }

    /// Pass 2: `jobs` workers, each taking the next file in report order as long as fewer than
    /// `window` finished ones wait to be written; `write` is called on this thread, in input order.
    /// Hand-offs are batched (a worker wakes the writer when `window / 2` results are ready, the
    /// writer wakes waiting workers when half the window is free): on a VM each wake-up is a futex
    /// call and a context switch of tens of microseconds, which one per file per thread made 5 % of
    /// a run. A summary's window is 128 (a cached report whose group is copied takes microseconds).
    ///
    /// Each file is processed under a `WorkBudget` of `max_file_seconds`; one that runs out becomes
    /// a `too_complex` error, not cached. A stop request wakes the writer at once, whatever the
    /// workers are doing: it throws `interrupted` without waiting for the files in hand (their
    /// budgets are called off, and their threads end at their next check).
    /// - summaryOnly: whether an input's report is needed without its rows (its group is copied);
    ///   `summary` gives such a report's summary from its group's file, when there is one.
    func processInOrder(_ inputs: [Input], source: ReportSource, summaryOnly: (Int) -> Bool,
                        summary: @escaping @Sendable (Int) -> RenderedReport? = { _ in nil },
                        prepare: @escaping @Sendable (inout RenderedReport, String) -> Void = { _, _ in },
                        write: (Int, Input, Outcome) throws -> Void) throws {
        let window = max(8, jobs * 8), summaryWindow = 128
        let summaries = inputs.indices.map(summaryOnly)
        let claims = WorkClaims(count: inputs.count, window: window, summaryWindow: summaryWindow, summaries: summaries)
        let results = Mailbox<Outcome>()
        // How many summaries follow from each input on: the writer waits for half a summary
        // window at once only where all of it is summaries (all of it can be claimed meanwhile).
        var summaryRun = [Int](repeating: 0, count: inputs.count + 1)
        for i in inputs.indices.reversed() where summaries[i] { summaryRun[i] = summaryRun[i + 1] + 1 }
        stopRequest.whenRequested {
            source.runBudget.cancel()
            results.cancel()
        }
        @Sendable func outcome(of index: Int) -> Outcome {
            if summaries[index], let summary = summary(index) {
                return .report(summary, fromCache: true)
            }
            return source.outcome(of: inputs[index], summaryOnly: summaries[index])
        }
        // Threads of their own, not Dispatch's pool: `jobs` files are in hand at once whatever the
        // pool's width, and a file that runs long holds no thread that others need.
        for _ in 0..<jobs {
            let worker = Thread {
                while let i = claims.next() {
                    let start = DispatchTime.now().uptimeNanoseconds
                    var result = outcome(of: i)
                    if case .report(var rendered, let fromCache, _) = result {
                        prepare(&rendered, inputs[i].path)
                        // (how long it took, for report.html)
                        let seconds = fromCache ? 0 : Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                        result = .report(rendered, fromCache: fromCache, seconds: seconds)
                    }
                    results.put(i, result)
                }
            }
            worker.stackSize = 8 << 20
            worker.start()
        }
        // Stopping early (an error, a signal): the workers end after the file in hand.
        defer { claims.cancel() }
        for (i, input) in inputs.enumerated() {
            let batch = summaryRun[i] >= summaryWindow / 2 ? summaryWindow / 2 : window / 2
            guard let outcome = results.take(i, through: min(i + batch, inputs.count) - 1) else {
                throw Failure.interrupted(signal: stopRequest.signal ?? SIGTERM)
            }
            claims.written(i + 1)
            try write(i, input, outcome)
        }
    }
}
