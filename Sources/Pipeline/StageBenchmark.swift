import Dispatch
import Foundation
import Ingest
import Output
import ReportModel
import ScriptNormalization
import SectionSegmentation
import TableExtraction

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

    /// `names`: decode (bytes to text, HTML pages to their text), normalise, metadata (spam tokens, agency/year/date, page chrome), segment,
    /// tables, render (rows and CSV encoding), compress (zstd streams into a scratch folder).
    public static let stageNames = ["decode", "normalise", "metadata", "segment", "tables", "render", "compress"]

    public static func run(input: String, patterns: [String], openccConfig: String = "t2s", repeats: Int = 1) throws -> Result {
        let found = InputDiscovery.find(root: input, patterns: patterns)
        var files: [(path: String, data: Data)] = []
        for file in found.files {
            if case .success(let data) = InputReader.read(root: input, file: file, maxBytes: 64 << 20) {
                files.append((file.path, data))
            }
        }
        let normalizer = ScriptNormalizer(converter: try ChineseConverter(config: openccConfig))
        let extractor = TableExtractor()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("etl-bench-stages-\(getpid())")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var seconds = [Double](repeating: 0, count: stageNames.count)

        for _ in 0..<max(1, repeats) {
            try? FileManager.default.removeItem(at: scratch)
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            let output = try OutputSet(folder: scratch, compression: .zstd, zstdLevel: 3)
            for (path, data) in files {
                var clock = DispatchTime.now().uptimeNanoseconds
                func lap(_ stage: Int) {
                    let now = DispatchTime.now().uptimeNanoseconds
                    seconds[stage] += Double(now - clock) / 1e9
                    clock = now
                }
                let digest = ReportProcessor.sha256Hex(data)
                clock = DispatchTime.now().uptimeNanoseconds
                guard let decoded = try? TextDecoder.decode(data) else { continue }
                var text = decoded.text
                if HTMLText.looksLikeHTML(text), let extracted = HTMLText.extract(text) { text = extracted }
                lap(0)
                let normalized = normalizer.normalize(text)
                lap(1)
                let spam = SpamTokens.find(in: normalized.text)
                let metadata = MetadataExtractor.extract(from: normalized.text, ignoring: spam)
                let (body, _) = PageChrome.strip(normalized.text)
                lap(2)
                let sections = SectionSegmenter.segment(body)
                lap(3)
                var texts: [SectionKey: String] = [:]
                for section in sections { texts[section.key] = section.text }
                _ = extractor.extract(TableExtractor.Input(sectionTexts: texts, reportYear: metadata.reportYear))
                lap(4)
                // The stages again as the driver runs them, for the rows (its result is what is written).
                let report = ReportProcessor(normalizer: normalizer).process(data: data, sourcePath: path, sha256: digest)
                clock = DispatchTime.now().uptimeNanoseconds
                let rendered = RenderedReport(report, layout: .files)
                lap(5)
                try rendered.write(to: output, path: path, duplicate: false)
                lap(6)
            }
            var clock = DispatchTime.now().uptimeNanoseconds
            _ = try output.finish()
            seconds[6] += Double(DispatchTime.now().uptimeNanoseconds - clock) / 1e9
            clock = 0
        }
        let bytes = files.reduce(0) { $0 + $1.data.count }
        let runs = Double(max(1, repeats))
        return Result(files: files.count, inputBytes: bytes,
                      stages: zip(stageNames, seconds).map { Stage(name: $0, seconds: $1 / runs) })
    }
}
