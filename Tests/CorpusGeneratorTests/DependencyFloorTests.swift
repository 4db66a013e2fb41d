import CorpusGenerator
import Foundation
import Benchmarks
import Pipeline
import Testing

@Suite("DependencyFloor")
struct DependencyFloorTests {
    @Test("each library is called on exactly the files that need it, and zstd on the whole contract CSV")
    func callsPerLibrary() throws {
        let generator = try CorpusGenerator(seed: 5, mix: .uniform)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("etl-floor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var answers: [Answers] = []
        var bytes = 0
        for (i, kind) in ReportKind.all.enumerated() {
            let report = generator.report(index: i, kind: kind)
            try Data(report.bytes).write(to: folder.appendingPathComponent(report.fileName))
            answers.append(report.answers)
            bytes += report.bytes.count
        }
        let result = try DependencyFloor.run(input: folder.path, patterns: ["*.txt", "*.html", "*.md"])
        let parts = Dictionary(uniqueKeysWithValues: result.parts.map { ($0.name, $0) })
        #expect(result.files == answers.count)
        #expect(result.inputBytes == bytes)
        #expect(parts["sha256 (OpenSSL)"]?.files == answers.count)
        #expect(parts["sha256 (OpenSSL)"]?.bytes == bytes)
        let legacy = answers.filter { $0.encoding != "utf-8" }.count
        #expect(legacy > 0)
        #expect(parts["uchardet"]?.files == legacy)
        #expect(parts["iconv"]?.files == legacy)
        #expect(parts["libxml2 HTML parse"]?.files == answers.filter { $0.format == "html" }.count)
        #expect(parts["cmark-gfm parse"]?.files == answers.filter { $0.format == "markdown" }.count)
        #expect(answers.contains { $0.format == "markdown" })
        #expect(parts["OpenCC t2s"]?.files == answers.filter { $0.script == "traditional" }.count)
        // The contract's rows (every cell with its keys, labels and raw text) outweigh the reports.
        #expect(parts["zstd -3 (contract CSV)"]?.files == answers.count)
        #expect((parts["zstd -3 (contract CSV)"]?.bytes ?? 0) > 2 * bytes)
        #expect(result.totalSeconds > 0)
        #expect(result.table.split(separator: "\n").count == result.parts.count + 2)
    }
}
