import Foundation
import Ingest
import Logging
import Output
import ReportCore
import ReportModel

/// One input's report: from the result cache when its entry is there and sound, else read and
/// processed (and stored). What the workers call, and the writer when a group it meant to copy
/// needs its rows after all.
struct ReportSource: Sendable {
    let root: String
    /// Made on a thread of its own as the run starts (OpenCC and the division tables loaded).
    let processor: Background<ReportProcessor>
    let cache: ResultCache
    let useCache: Bool
    let maxBytes: Int
    let maxSeconds: Int
    let layout: OutputLayout
    let logger: Logger
    /// The run's budget: cancelled, every file's budget runs out.
    let runBudget: WorkBudget

    /// - summaryOnly: a cached report's header alone is enough (its rows are copied as frames).
    func outcome(of input: PipelineRunner.Input, summaryOnly: Bool = false) -> PipelineRunner.Outcome {
        guard let expected = input.digest else {
            return .unreadable(input.problem ?? StageError(stage: .ingest, code: "unreadable", message: "cannot read"))
        }
        let key = cache.key(content: expected)
        if useCache {
            switch summaryOnly ? cache.loadSummary(key) : cache.load(key) {
            case .hit(let cached): return .report(cached, fromCache: true)
            case .miss: break
            case .damaged(let reason): logger.warning("cache entry damaged: processing the file again",
                                                      metadata: ["path": "\(input.path)", "reason": "\(reason)"])
            }
        }
        switch InputReader.read(root: root, file: input.file, maxBytes: maxBytes) {
        case .failure(let error):
            return .unreadable(error)
        case .success(let data):
            let digest = ContentDigest.of(data)
            guard digest == expected else {
                return .unreadable(StageError(stage: .ingest, code: "changed_while_reading",
                                              message: "the file changed while the run read it"))
            }
            guard case .success(let processor) = processor.wait() else {
                // (The run fails on it once the reports are written: `PipelineRunner.run`.)
                return .unreadable(StageError(stage: .ingest, code: "no_processor", message: "OpenCC or the division tables could not be loaded"))
            }
            let budget = WorkBudget(seconds: Double(maxSeconds), parent: runBudget)
            let processed = WorkBudget.$current.withValue(budget) {
                processor.process(data: data, sourcePath: input.path, sha256: digest.hex)
            }
            if budget.isExhausted {
                // How long a file takes depends on the machine: the verdict is reported, never cached.
                logger.warning("file out of time", metadata: ["path": "\(input.path)", "max_file_seconds": .stringConvertible(maxSeconds)])
                var stopped = ProcessedReport(reportID: processed.reportID, sourcePath: input.path, sourceSHA256: digest.hex)
                stopped.errors = [StageError(stage: .ingest, code: PageLimits.tooComplex,
                                             message: "still processing after max_file_seconds (\(maxSeconds) s): stopped")]
                var rendered = RenderedReport(stopped, layout: layout)
                rendered.timedOut = true
                return .report(rendered, fromCache: false)
            }
            var rendered = RenderedReport(processed, layout: layout)
            do {
                let payload = try rendered.serialized()
                rendered.headerLine = RenderedReport.headerLine(payload)
                try cache.store(payload: payload, key: key)
            } catch {
                logger.warning("cannot write the cache", metadata: ["error": "\(error)"])
            }
            return .report(rendered, fromCache: false)
        }
    }
}
