import CorpusGenerator
import Foundation
import Output
@testable import Pipeline
import Testing

/// A nightly run copies the frames of the groups of reports that did not change from the last
/// run's files. The guarantee: its files are byte for byte those of a full run on the same inputs,
/// whatever it copied, and a frame that fails its checks is written again, never copied.
@Suite(.serialized) struct FrameCopyTests {
    struct Workspace {
        let root: URL
        var input: URL { root.appendingPathComponent("in") }
        var output: URL { root.appendingPathComponent("out") }
        var cache: URL { root.appendingPathComponent("cache") }
        let generator: CorpusGenerator

        /// `count` generated reports.
        init(_ name: String, count: Int, seed: UInt64) throws {
            root = try Support.temporaryFolder(name)
            generator = try CorpusGenerator(seed: seed)
            for index in 0..<count { try add(index) }
        }

        func add(_ index: Int) throws {
            let report = generator.report(index: index)
            let url = input.appendingPathComponent(report.fileName)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(report.bytes).write(to: url)
        }

        func remove(_ index: Int) throws {
            try FileManager.default.removeItem(at: input.appendingPathComponent(generator.report(index: index).fileName))
        }

        /// A run into `output` (default: the workspace's) with groups of eight reports.
        @discardableResult
        func run(full: Bool = false, layout: OutputLayout = .files, output: URL? = nil, cache: URL? = nil,
                 jobs: Int = 2) throws -> PipelineRunner.Summary {
            var config = PipelineConfig(input: input.path, output: (output ?? self.output).path)
            config.cache = (cache ?? self.cache).path
            config.layout = layout
            config.jobs = jobs
            let runner = PipelineRunner(config: config, options: .init(full: full))
            runner.reportsPerGroup = 8
            return try runner.run()
        }

        /// A full run from scratch (a cache of its own) into a folder beside: the reference.
        func reference(layout: OutputLayout = .files) throws -> URL {
            let folder = root.appendingPathComponent("reference-\(UUID().uuidString)")
            try run(full: true, layout: layout, output: folder, cache: root.appendingPathComponent("cache-\(UUID().uuidString)"))
            return folder
        }
    }

    /// Every file's bytes, by path, but the two that carry the run's times.
    static func files(_ folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])!
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            let path = String(url.path.dropFirst(folder.path.count))
            if path.hasSuffix("manifest.json") || path.hasSuffix("report.html") { continue }
            out[path] = try Data(contentsOf: url)
        }
        return out
    }

    static func expectSameFiles(_ a: URL, _ b: URL) throws {
        let (x, y) = (try files(a), try files(b))
        #expect(x.keys.sorted() == y.keys.sorted())
        for (path, bytes) in x where y[path] != bytes {
            Issue.record("\(path) differs from a full run's")
        }
        #expect(x.count > 10)
        #expect(try runReport(a) == runReport(b), "report.html counts what a full run counts")
    }

    /// report.html without what depends on the run: its time, the run's figures, the slowest files.
    static func runReport(_ folder: URL) throws -> [String] {
        let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        let sections = html.components(separatedBy: "<section>").dropFirst()
        #expect(sections.count > 8)
        return sections.filter { !$0.contains("<h3>Run</h3>") && !$0.contains("id=\"slowest\"") }
            .map { $0.components(separatedBy: "</section>")[0] }
    }

    @Test(arguments: [OutputLayout.files, .dataset])
    func aRunThatCopiesGroupsWritesTheBytesOfAFullRun(layout: OutputLayout) throws {
        let ws = try Workspace("frames-\(layout.rawValue)", count: 60, seed: 21)
        let first = try ws.run(full: true, layout: layout)
        #expect(first.groups >= 4, "60 reports in groups of about 8")
        #expect(first.copiedGroups == 0)
        // One file more, one fewer: two groups change, the others are copied.
        try ws.add(500)
        try ws.remove(7)
        let second = try ws.run(layout: layout)
        #expect(second.copiedGroups > 0 && second.copiedGroups >= second.groups - 2,
                "\(second.copiedGroups) of \(second.groups) groups copied")
        try Self.expectSameFiles(ws.output, try ws.reference(layout: layout))
        // The manifest's hashes are the files'.
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: ws.output.appendingPathComponent("manifest.json"))) as! [String: Any]
        for entry in manifest["outputs"] as! [[String: Any]] {
            let sum = try Support.shell(["sha256sum", ws.output.appendingPathComponent(entry["file"] as! String).path]).stdout
            #expect(sum.hasPrefix(entry["sha256"] as! String), "\(entry["file"]!)")
        }
        // The copied files decompress whole (every frame, each checked by its checksum).
        let check = try Support.shell(["zstd", "-t", "-q"] + (manifest["outputs"] as! [[String: Any]])
            .map { $0["file"] as! String }.filter { $0.hasSuffix(".zst") }.map { ws.output.appendingPathComponent($0).path })
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test func aDamagedFrameIsWrittenAgainNotCopied() throws {
        let ws = try Workspace("frames-damaged", count: 40, seed: 22)
        let first = try ws.run(full: true)
        let file = ws.output.appendingPathComponent("applications.csv.zst")
        var bytes = try Data(contentsOf: file)
        bytes[bytes.count / 2] ^= 0x55
        try bytes.write(to: file)
        try ws.add(501)
        let second = try ws.run()
        #expect(second.copiedGroups > 0, "the other groups are still copied")
        #expect(second.copiedGroups < first.groups, "the group whose frame was damaged is written again")
        try Self.expectSameFiles(ws.output, try ws.reference())
    }

    @Test func anIndexThatDoesNotParseIsIgnored() throws {
        let ws = try Workspace("frames-index", count: 30, seed: 23)
        try ws.run(full: true)
        let index = FrameIndex.url(cache: ws.cache, target: URL(fileURLWithPath: ws.output.path))
        #expect(FileManager.default.fileExists(atPath: index.path), "the run saved its frame index")
        var text = try String(contentsOf: index, encoding: .utf8)
        #expect(text.contains("\nS applications - "))
        text = text.replacingOccurrences(of: "\nS applications - ", with: "\nS applications - 1")  // offsets changed
        try text.write(to: index, atomically: true, encoding: .utf8)
        try ws.add(502)
        let second = try ws.run()
        #expect(second.copiedGroups == 0, "an index that fails its checksum is not used")
        try Self.expectSameFiles(ws.output, try ws.reference())
    }

    @Test func copiedGroupsNeedOnlyTheirSummaryFiles() throws {
        let ws = try Workspace("frames-summaries", count: 40, seed: 25)
        let first = try ws.run(full: true)
        let groupsFolder = ws.cache.appendingPathComponent("groups")
        let saved = try FileManager.default.contentsOfDirectory(atPath: groupsFolder.path)
        #expect(saved.count == first.groups, "a summary file per group")
        // Every report's own cache entry gone: a copied group is assembled from its summary file.
        for folder in try FileManager.default.contentsOfDirectory(atPath: ws.cache.path) where folder.count == 2 {
            try FileManager.default.removeItem(at: ws.cache.appendingPathComponent(folder))
        }
        // One summary file damaged: its reports are processed again, the file written anew.
        let damaged = groupsFolder.appendingPathComponent(saved.sorted()[0])
        var bytes = try Data(contentsOf: damaged)
        bytes[bytes.count - 5] ^= 0x01
        try bytes.write(to: damaged)
        try ws.add(505)
        let second = try ws.run()
        #expect(second.copiedGroups >= second.groups - 2)
        // (Every entry was deleted: a report counted unchanged came from its group's summary file.)
        #expect(second.counts.unchanged > 0 && second.counts.unchanged < 40, "\(second.counts.unchanged) from summary files")
        try Self.expectSameFiles(ws.output, try ws.reference())
        let now = try FileManager.default.contentsOfDirectory(atPath: groupsFolder.path)
        #expect(now.count == second.groups, "the old groups' files pruned, the new ones' written")
        for name in now {
            let data = try Data(contentsOf: groupsFolder.appendingPathComponent(name))
            #expect(data.starts(with: GroupSummaries.magic))
        }
        #expect((try? Data(contentsOf: damaged)) != bytes, "the damaged file was written again, or pruned with its group")
    }

    /// OpenCC and the division tables load beside the copied groups; a run with a report to read
    /// anew that cannot load them fails as a bad configuration, the last outputs untouched.
    @Test func aNewReportWithoutOpenCCFailsTheRunAndKeepsTheOutputs() throws {
        let ws = try Workspace("frames-no-opencc", count: 24, seed: 27)
        try ws.run(full: true)
        let before = try Self.files(ws.output)
        try ws.add(600)
        var config = PipelineConfig(input: ws.input.path, output: ws.output.path)
        config.cache = ws.cache.path
        config.openccConfig = "no-such-opencc-config"
        let runner = PipelineRunner(config: config)
        runner.reportsPerGroup = 8
        #expect {
            _ = try runner.run()
        } throws: { error in
            guard case PipelineRunner.Failure.configuration(let message) = error else { return false }
            return message.contains("no-such-opencc-config")
        }
        #expect(try Self.files(ws.output) == before)
        let after = try ws.run()
        #expect(after.copiedGroups > 0 && after.counts.ok + after.counts.partial == 25)
    }

    @Test func aFullRunCopiesNothing() throws {
        let ws = try Workspace("frames-full", count: 20, seed: 24)
        try ws.run(full: true)
        try ws.add(503)
        #expect(try ws.run(full: true).copiedGroups == 0)
        // One job or two: the same bytes, copied or not.
        try ws.add(504)
        try ws.run(jobs: 1)
        try Self.expectSameFiles(ws.output, try ws.reference())
    }

    @Test func groupsChangeOnlyWhereAFileCameOrWent() throws {
        func input(_ n: Int, path: String) -> PipelineRunner.Input {
            var input = PipelineRunner.Input(file: InputFile(rawPath: Array(path.utf8)))
            input.digest = ContentDigest.of(Data("report \(n)".utf8))
            return input
        }
        let inputs = (0..<400).map { input($0, path: "r\($0).txt") }
        let ordered = PipelineRunner.reportOrder(inputs)
        func groups(_ inputs: [PipelineRunner.Input]) -> ReportGroups {
            ReportGroups(inputs, cacheKeys: inputs.map(\.digest), settings: "s", size: 16)
        }
        let before = groups(ordered)
        let after = groups(PipelineRunner.reportOrder(inputs + [input(1000, path: "new.txt")]))
        #expect(before.count > 10)
        let changed = Set(after.identities).symmetricDifference(Set(before.identities))
        #expect(changed.count <= 3, "the new file's group, split in two at most when it starts one")
        // A copy of a file shares its group, and is marked.
        let copied = groups(PipelineRunner.reportOrder(inputs + [input(5, path: "copy.txt")]))
        let ordered2 = PipelineRunner.reportOrder(inputs + [input(5, path: "copy.txt")])
        let indices = ordered2.indices.filter { ordered2[$0].digest == input(5, path: "").digest }
        #expect(indices.count == 2)
        #expect(copied.groupOf[indices[0]] == copied.groupOf[indices[1]])
        #expect(copied.duplicate[indices[1]] && !copied.duplicate[indices[0]])
    }
}
