import Dispatch
import Foundation
import Ingest
import Output
import Pipeline
import ReportCore
import ReportModel
import ScriptNormalization
import SystemBytes

/// The time the libraries the pipeline is built on need for a corpus when called as the pipeline
/// calls them, with none of the pipeline's own code around them (`etl bench-stages
/// --dependencies`): SHA-256 of every input, uchardet and iconv on the legacy-encoded files,
/// libxml2's parse of the HTML pages, cmark-gfm's of the Markdown pages, OpenCC on the traditional-script texts, and zstd level 3 on
/// the CSV the output contract asks for. No run of the pipeline can take less on one thread,
/// whatever its own code does; it is the floor of `etl run --jobs 1` as the conversion+compression
/// pipe is the floor of a script that only converts and compresses.
///
/// Everything not timed (reading, decoding, the stages, rendering) is done first for each file,
/// so only the library calls are in the clock. Each part is a lower bound: files of mixed script
/// are not counted for OpenCC (the pipeline converts only their traditional lines), and the
/// `reports` and `errors` rows are not counted for zstd.
public enum DependencyFloor {
    public struct Part: Sendable {
        public let name: String
        /// Files the library was called on, and the bytes it was given.
        public var files = 0
        public var bytes = 0
        public var seconds = 0.0
    }

    public struct Result: Sendable {
        public let files: Int
        public let inputBytes: Int
        public let parts: [Part]
        public var totalSeconds: Double { parts.reduce(0) { $0 + $1.seconds } }

        /// One line per library: files, MB given to it, seconds, MB/s of what it was given.
        public var table: String {
            func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
            var lines = [pad("library", 22) + "  files       MB   seconds       MB/s"]
            for part in parts {
                lines.append(pad(part.name, 22) + String(format: " %6d %8.1f %9.3f %10.1f", part.files,
                                                         Double(part.bytes) / 1e6, part.seconds,
                                                         Double(part.bytes) / 1e6 / max(part.seconds, 1e-9)))
            }
            lines.append(pad("total", 22) + String(format: " %6d %8.1f %9.3f %10.1f", files, Double(inputBytes) / 1e6,
                                                   totalSeconds, Double(inputBytes) / 1e6 / max(totalSeconds, 1e-9)))
            return lines.joined(separator: "\n")
        }
    }

    public static func run(input: String, patterns: [String], openccConfig: String = "t2s") throws -> Result {
        let converter = try ChineseConverter(config: openccConfig)
        let processor = ReportProcessor(normalizer: ScriptNormalizer(converter: converter))
        var sha = Part(name: "sha256 (OpenSSL)"), detect = Part(name: "uchardet"), iconv = Part(name: "iconv"),
            html = Part(name: "libxml2 HTML parse"),
            markdown = Part(name: "cmark-gfm parse"), opencc = Part(name: "OpenCC t2s"), zstd = Part(name: "zstd -3 (contract CSV)")
        /// Adds one call's time and bytes to `part`; `file` counts it as a file of its own.
        func timed<T>(_ part: inout Part, bytes: Int, file: Bool = true, _ call: () throws -> T) rethrows -> T {
            let start = DispatchTime.now().uptimeNanoseconds
            let result = try call()
            part.seconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if file { part.files += 1 }
            part.bytes += bytes
            return result
        }

        // zstd as the run uses it: frames of `frameLimit` bytes, each compressed in one call (here
        // on this thread). (The frames a run cuts at its groups are not cut here.)
        let compressor = FrameCompressor(level: 3, width: 1)
        var pending: [OutputFile: [UInt8]] = [:]
        func compress(_ frame: [UInt8]) throws { try timed(&zstd, bytes: 0, file: false) { _ = try compressor.compressedNow(frame) } }
        var files = 0, inputBytes = 0
        for (path, data) in CorpusFiles.read(root: input, patterns: patterns) {
            files += 1
            inputBytes += data.count
            _ = timed(&sha, bytes: data.count) { SHA256.hash(data: data) }
            guard let decoded = try? TextDecoder.decode(data) else { continue }
            if decoded.encoding == "gb18030" || decoded.encoding == "big5" {
                let bytes = [UInt8](data)
                _ = timed(&detect, bytes: bytes.count) { CharsetDetector.guess(bytes) }
                _ = timed(&iconv, bytes: bytes.count) {
                    Iconv.decode(bytes, from: TextDecoder.iconvName(decoded.encoding), label: decoded.encoding)
                }
            }
            let isHTML = HTMLText.looksLikeHTML(decoded.text)
            if isHTML { _ = timed(&html, bytes: decoded.text.utf8.count) { HTMLText.parseOnly(decoded.text) } }
            if InputForm.of(path: path, text: decoded.text) == .markdown {
                _ = timed(&markdown, bytes: decoded.text.utf8.count) { MarkdownReader.parseOnly(decoded.text) }
            }
            let report = processor.process(data: data, sourcePath: path)
            if report.sourceScript == .traditional {
                // The text OpenCC would see: the page's text for a page.
                let text = isHTML ? HTMLText.extract(decoded.text) ?? decoded.text : decoded.text
                _ = timed(&opencc, bytes: text.utf8.count) { converter.convert(text) }
            }
            zstd.files += 1
            for (output, blob) in RenderedReport(report, layout: .files).blobs where !blob.bytes.isEmpty {
                zstd.bytes += blob.bytes.count
                pending[output, default: []].append(contentsOf: blob.bytes)
                if pending[output]!.count >= FramedZstdSink.frameLimit {
                    try compress(Array(pending[output]![..<FramedZstdSink.frameLimit]))
                    pending[output]!.removeFirst(FramedZstdSink.frameLimit)
                }
            }
        }
        for file in RenderedReport.detailFiles where !(pending[file] ?? []).isEmpty { try compress(pending[file]!) }
        return Result(files: files, inputBytes: inputBytes, parts: [sha, detect, iconv, html, markdown, opencc, zstd])
    }
}
