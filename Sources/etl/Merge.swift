import ArgumentParser
import Foundation
import Pipeline

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine the folders of `etl run --shard K/N` runs into one output folder.",
        discussion: """
            The result equals one full run over all the inputs (files layout). Shards written with \
            --layout dataset need no merge: read their folders together, e.g. in DuckDB \
            read_csv('out/shard-*/applications/*/*.csv.zst', hive_partitioning = true).
            """)

    @Option(name: .long, help: "The merged output folder (replaced when complete).", completion: .directory)
    var output: String

    @Argument(help: "The shard folders (OUTPUT/shard-K-of-N).", completion: .directory)
    var shards: [String]

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let urls = shards.map { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL }.sorted { $0.path < $1.path }
        do {
            let summaries = try ShardMerger.merge(
                shards: urls, into: URL(fileURLWithPath: output, relativeTo: cwd).standardizedFileURL)
            let reports = summaries.first { $0.file.hasPrefix("reports.") }?.rows ?? 0
            print("merged \(urls.count) shards: \(reports) reports into \(output)")
        } catch {
            FileHandle.standardError.write(Data("etl merge: \(error)\n".utf8))
            throw ExitCode(ExitStatus.fatalIO.rawValue)
        }
    }
}
