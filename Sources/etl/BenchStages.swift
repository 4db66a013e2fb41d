import ArgumentParser
import Foundation
import Benchmarks
import Pipeline

/// `etl bench-stages --input DIR`: seconds and MB/s of each stage over a folder, on one thread.
struct BenchStages: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-stages",
        abstract: "Time each pipeline stage over a folder of reports (in-process, one thread; for scripts/bench.sh).",
        discussion: "With --dependencies, the libraries alone on the same work: the floor of `etl run --jobs 1`.")

    @Option(name: .long, help: "Folder of reports.", completion: .directory)
    var input: String

    @Option(name: .long, help: "Runs over the folder; the times are averaged.")
    var repeats: Int = 1

    @Option(name: .long, help: "OpenCC configuration.")
    var openccConfig: String = "t2s"

    @Flag(name: .long, help: """
        Time instead the libraries alone (SHA-256, uchardet, iconv, libxml2, cmark-gfm, OpenCC, zstd) on the \
        work the pipeline gives them: the floor of a one-thread run.
        """)
    var dependencies = false

    func run() throws {
        let patterns = ["*.txt", "*.htm", "*.html", "*.shtml", "*.md"]
        if dependencies {
            let result = try DependencyFloor.run(input: input, patterns: patterns, openccConfig: openccConfig)
            print(String(format: "%d files, %.1f MB", result.files, Double(result.inputBytes) / 1e6))
            print(result.table)
            return
        }
        let result = try StageBenchmark.run(input: input, patterns: patterns, openccConfig: openccConfig, repeats: repeats)
        print(String(format: "%d files, %.1f MB", result.files, Double(result.inputBytes) / 1e6))
        print(result.table)
    }
}
