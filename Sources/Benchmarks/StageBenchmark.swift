import Dispatch
import Foundation
import Output
import Pipeline
import ReportCore
import Regions
import ScriptNormalization

/// Times each stage of the pipeline over a folder of reports, in this process and on one thread,
/// so that the next bottleneck is visible (`etl bench-stages`). The files are read into memory
/// first (untimed); each stage is timed per file and summed.
public enum StageBenchmark {
    public struct Stage: Sendable {
        public let name: String
        public var seconds: Double
    }

    public struct Result: Sendable {
        public let files: Int
        public let inputBytes: Int
        public let stages: [Stage]
        public var totalSeconds: Double { stages.reduce(0) { $0 + $1.seconds } }

        /// One line per stage: seconds, share of the total, MB/s of input bytes.
        public var table: String {
            func pad(_ s: String) -> String { s + String(repeating: " ", count: max(0, 10 - s.count)) }
            var lines = [pad("stage") + "   seconds   share       MB/s"]
            for stage in stages + [Stage(name: "total", seconds: totalSeconds)] {
                lines.append(pad(stage.name) + String(format: " %9.3f %6.1f%% %10.1f", stage.seconds,
                                                      100 * stage.seconds / max(totalSeconds, 1e-9),
                                    Double(inputBytes) / 1e6 / max(stage.seconds, 1e-9)))
            }
            return lines.joined(separator: "\n")
        }
    }

    /// The core's stages (`ReportProcessor.Stage`, timed as the core runs them), then render
    /// (rows and CSV encoding) and compress (zstd streams into a scratch folder).
    public static let stageNames = ReportProcessor.Stage.allCases.map(\.rawValue) + ["render", "compress"]

    public static func run(input: String, patterns: [String], openccConfig: String = "t2s", repeats: Int = 1) throws -> Result {
        let files = CorpusFiles.read(root: input, patterns: patterns)
        let processor = ReportProcessor(normalizer: ScriptNormalizer(converter: try ChineseConverter(config: openccConfig)),
                                        regions: try RegionResolver.located())
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("etl-bench-stages-\(getpid())")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var seconds = [Double](repeating: 0, count: stageNames.count)
        let render = stageNames.count - 2, compress = stageNames.count - 1
        let index = Dictionary(uniqueKeysWithValues: ReportProcessor.Stage.allCases.enumerated().map { ($1, $0) })

        for _ in 0..<max(1, repeats) {
            try? FileManager.default.removeItem(at: scratch)
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            let output = try OutputSet(folder: scratch, compression: .zstd, zstdLevel: 3)
            for (path, data) in files {
                let digest = ReportProcessor.sha256Hex(data)
                var clock = DispatchTime.now().uptimeNanoseconds
                func lap(_ stage: Int) {
                    let now = DispatchTime.now().uptimeNanoseconds
                    seconds[stage] += Double(now - clock) / 1e9
                    clock = now
                }
                let report = processor.process(data: data, sourcePath: path, sha256: digest) { lap(index[$0]!) }
                let rendered = RenderedReport(report, layout: .files)
                lap(render)
                try rendered.write(to: output, path: path, duplicate: false)
                lap(compress)
            }
            let clock = DispatchTime.now().uptimeNanoseconds
            _ = try output.finish()
            seconds[compress] += Double(DispatchTime.now().uptimeNanoseconds - clock) / 1e9
        }
        let bytes = files.reduce(0) { $0 + $1.data.count }
        let runs = Double(max(1, repeats))
        return Result(files: files.count, inputBytes: bytes,
                      stages: zip(stageNames, seconds).map { Stage(name: $0, seconds: $1 / runs) })
    }
}
