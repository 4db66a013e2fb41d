import Foundation
import Output
import Testing

@testable import Pipeline

/// "Never destroy, never degrade silently", through the built `etl` binary: etl touches only
/// what it wrote, keeps good outputs when the inputs vanish, reads nothing from outside the input
/// folder, and swaps outputs so that a reader always sees one complete run.
@Suite(.serialized) struct SafetyTests {
    typealias Workspace = NightlyTests.Workspace

    init() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Support.etlBinary.path))
    }

    /// Every regular file under `folder` with its bytes.
    static func snapshot(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return files }
        for case let relative as String in walker {
            let path = folder.appendingPathComponent(relative).path
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            files[relative] = FileManager.default.contents(atPath: path)
        }
        return files
    }

    func run(_ ws: Workspace, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try Support.shell([Support.etlBinary.path, "run", "--config", ws.config.path] + arguments)
    }

    @Test(arguments: ["input", "parent", "dot", "userFolder", "file"])
    func anOutputEtlDidNotWriteIsRefusedAndLeftAlone(_ kind: String) throws {
        let ws = try Workspace()
        let user = ws.root.appendingPathComponent("my-notes")
        try FileManager.default.createDirectory(at: user, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: user.appendingPathComponent("thesis.docx"))
        try Data("a file".utf8).write(to: ws.root.appendingPathComponent("plain.txt"))
        let output: String
        switch kind {
        case "input": output = ws.input.path
        case "parent": output = ws.root.path
        case "dot": output = "."
        case "userFolder": output = user.path
        default: output = ws.root.appendingPathComponent("plain.txt").path
        }
        let before = Self.snapshot(ws.root)
        let process = Process()
        process.executableURL = Support.etlBinary
        process.arguments = ["run", "--config", ws.config.path, "--output", output]
        process.currentDirectoryURL = ws.input
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 2, "\(kind): \(message)")
        #expect(message.split(separator: "\n").count == 1, "one line: \(message)")
        #expect(Self.snapshot(ws.root) == before, "\(kind): nothing touched")
    }

    @Test func aCacheThatIsNotEtlsIsNeverPruned() throws {
        let ws = try Workspace()
        let shared = ws.root.appendingPathComponent("var-cache")
        try FileManager.default.createDirectory(at: shared.appendingPathComponent("ab"), withIntermediateDirectories: true)
        try Data("other tool".utf8).write(to: shared.appendingPathComponent("apt.bin"))
        try Data("x".utf8).write(to: shared.appendingPathComponent("ab/not-an-entry"))
        let before = Self.snapshot(shared)
        for cache in [shared.path, ws.input.path, ws.root.path, ws.output.path] {
            let result = try run(ws, []) // warm: a normal run first
            #expect(result.status == 0)
            try Data(#"{"input": "in", "output": "out", "cache": "\#(cache)"}"#.utf8).write(to: ws.config)
            let refused = try run(ws, [])
            #expect(refused.status == 2, "cache \(cache): \(refused.stderr)")
            try Data(#"{"input": "in", "output": "out", "jobs": 2}"#.utf8).write(to: ws.config)
        }
        #expect(Self.snapshot(shared) == before)
        #expect(try ws.outputIsComplete())
    }

    /// A cache that is a file or another tool's folder is refused before the run takes its lock:
    /// with or without `--shard`, no output folder is made and no lock file left.
    @Test(arguments: [[], ["--shard", "0/2"]])
    func aRefusedCacheLeavesNothingBehind(_ arguments: [String]) throws {
        let ws = try Workspace()
        let foreign = ws.root.appendingPathComponent("var-cache")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try Data("other tool".utf8).write(to: foreign.appendingPathComponent("apt.bin"))
        try Data("a file".utf8).write(to: ws.root.appendingPathComponent("cache-file"))
        for cache in [foreign.path, ws.root.appendingPathComponent("cache-file").path] {
            try Data(#"{"input": "in", "output": "new/out", "cache": "\#(cache)"}"#.utf8).write(to: ws.config)
            let before = Self.snapshot(ws.root)
            let refused = try run(ws, arguments)
            #expect(refused.status == 2, "cache \(cache): \(refused.stderr)")
            #expect(Self.snapshot(ws.root) == before, "cache \(cache) \(arguments): nothing touched")
            #expect(!FileManager.default.fileExists(atPath: ws.root.appendingPathComponent("new").path))
        }
    }

    @Test func theDatasetLayoutWithTheCacheInTheOutputIsRefused() throws {
        let ws = try Workspace()
        try Data(#"{"input": "in", "output": "out", "layout": "dataset", "cache": "out"}"#.utf8).write(to: ws.config)
        let result = try run(ws, [])
        #expect(result.status == 2)
        #expect(result.stderr.contains("cache") && result.stderr.contains("output"))
    }

    @Test func anEmptyInputKeepsThePreviousOutputs() throws {
        let ws = try Workspace(copies: 2)
        #expect(try run(ws, []).status == 0)
        let before = Self.snapshot(ws.output)
        // The mount went missing: the folder is there, empty.
        for name in try FileManager.default.contentsOfDirectory(atPath: ws.input.path) {
            try FileManager.default.removeItem(at: ws.input.appendingPathComponent(name))
        }
        let empty = try run(ws, [])
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("no input files"))
        #expect(Self.snapshot(ws.output) == before)
        // Patterns that match nothing: the same, and the skipped files are counted.
        try Data("x".utf8).write(to: ws.input.appendingPathComponent("notes.pdfx"))
        let unmatched = try run(ws, [])
        #expect(unmatched.status == 1 && unmatched.stderr.contains("1 file(s) skipped"))
        #expect(Self.snapshot(ws.output) == before)
        // Asked for, the empty outputs are published.
        let allowed = try run(ws, ["--allow-shrink"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stdout.contains("0 files") && allowed.stdout.contains("1 skipped by the patterns"))
    }

    @Test func aRunWithFarFewerInputsKeepsThePreviousOutputs() throws {
        let ws = try Workspace(copies: 2)  // 10 reports
        #expect(try run(ws, []).status == 0)
        let before = Self.snapshot(ws.output)
        let names = try FileManager.default.contentsOfDirectory(atPath: ws.input.path).sorted()
        for name in names.prefix(6) { try FileManager.default.removeItem(at: ws.input.appendingPathComponent(name)) }
        let shrunk = try run(ws, [])
        #expect(shrunk.status == 1)
        #expect(shrunk.stderr.contains("4 input files, down from 10"))
        #expect(Self.snapshot(ws.output) == before)
        // Losing half is within the default max_shrink_fraction of 0.5.
        try Data(#"{"input": "in", "output": "out", "max_shrink_fraction": 0.7}"#.utf8).write(to: ws.config)
        #expect(try run(ws, []).status == 0)
    }

    @Test func patternsMatchWhateverTheCase() throws {
        let ws = try Workspace()
        let seed = try Data(contentsOf: Support.samples.appendingPathComponent(Support.seedNames[3]))
        try (seed + Data("\n".utf8)).write(to: ws.input.appendingPathComponent("伊宁县.TXT"))
        #expect(try run(ws, []).status == 0)
        let reports = String(decoding: try ws.outputs()["reports.csv.zst"]!, as: UTF8.self)
        #expect(reports.contains("伊宁县.TXT"))
    }

    @Test func aSymlinkOutOfTheInputFolderIsNotRead() throws {
        let ws = try Workspace()
        let secret = ws.root.appendingPathComponent("secret.txt")
        try Data("二、主动公开政府信息情况\nSECRET_TOKEN=hunter2\n".utf8).write(to: secret)
        try FileManager.default.createSymbolicLink(atPath: ws.input.appendingPathComponent("leak.txt").path,
                                                   withDestinationPath: secret.path)
        // A link inside the tree is still read.
        try FileManager.default.createSymbolicLink(atPath: ws.input.appendingPathComponent("alias.txt").path,
                                                   withDestinationPath: ws.input.appendingPathComponent("c0_" + Support.seedNames[0]).path)
        let result = try run(ws, [])
        #expect(result.status == 1)
        let outputs = try ws.outputs()
        for (name, data) in outputs { #expect(!String(decoding: data, as: UTF8.self).contains("SECRET_TOKEN"), "\(name)") }
        let errors = String(decoding: outputs["errors.csv.zst"]!, as: UTF8.self)
        #expect(errors.contains("leak.txt,ingest,outside_input_root,"))
        #expect(String(decoding: outputs["reports.csv.zst"]!, as: UTF8.self).contains("alias.txt"))
    }

    @Test func anOutputGivenAsASymlinkStaysASymlinkAndSharesTheLock() throws {
        let ws = try Workspace()
        #expect(try run(ws, []).status == 0)
        let alias = ws.root.appendingPathComponent("latest")
        try FileManager.default.createSymbolicLink(atPath: alias.path, withDestinationPath: ws.output.path)
        let viaAlias = try run(ws, ["--output", alias.path, "--full"])
        #expect(viaAlias.status == 0, "\(viaAlias.stderr)")
        let info = try FileManager.default.attributesOfItem(atPath: alias.path)
        #expect(info[.type] as? FileAttributeType == .typeSymbolicLink)
        #expect(try ws.outputIsComplete())
        // One lock for both names.
        let lock = ws.root.appendingPathComponent(".out.lock")
        let fd = open(lock.path, O_RDWR | O_CREAT, 0o644)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let locked = try run(ws, ["--output", alias.path, "--full"])
        #expect(locked.status == 3, "\(locked.stderr)")
        flock(fd, LOCK_UN)
    }

    @Test func leftoversOfAKilledRunAreCleanedByTheNext() throws {
        let ws = try Workspace()
        #expect(try run(ws, []).status == 0)
        // What a run killed at each step leaves: a staging folder (with the old outputs after the
        // exchange, or half the new ones before it), a temporary manifest, an old build's .previous.
        let dead: Int32 = 999_999
        let staging = ws.root.appendingPathComponent(".out.tmp-\(dead)")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        try Data("half".utf8).write(to: staging.appendingPathComponent("reports.csv.zst"))
        try Data().write(to: ws.root.appendingPathComponent(".out.manifest.tmp-\(dead)"))
        #expect(try run(ws, []).status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: ws.root.path)
        #expect(!names.contains { $0.contains("tmp-") }, "\(names)")
        #expect(try ws.outputIsComplete())
    }

    @Test func aDamagedDictionaryIsWrittenAgain() throws {
        let ws = try Workspace()
        #expect(try run(ws, []).status == 0)
        let dictionary = ws.output.appendingPathComponent("dictionary.csv")
        let good = try Data(contentsOf: dictionary)
        try Data("damaged".utf8).write(to: dictionary)
        #expect(try run(ws, []).status == 0)
        #expect(try Data(contentsOf: dictionary) == good)
    }

    /// The cache loses only what no input uses, the entries of removed inputs and a dead run's
    /// temporary files, and only once the run knows it goes ahead: an input folder that came up
    /// empty is refused with every entry kept.
    @Test func theCacheDropsOnlyWhatNoInputUses() throws {
        let ws = try Workspace()
        #expect(try run(ws, []).status == 0)
        let cache = ws.root.appendingPathComponent(".out.cache")
        func entries() -> [String] { Self.snapshot(cache).keys.filter { $0.count == 67 }.sorted() }
        try #require(entries().count == 5)
        let stray = cache.appendingPathComponent(entries()[0] + ".tmp0-1")  // (no process has pid 0)
        try Data("half an entry".utf8).write(to: stray)
        let inputs = try FileManager.default.contentsOfDirectory(at: ws.input, includingPropertiesForKeys: nil)
        try FileManager.default.removeItem(at: inputs[0])
        #expect(try run(ws, []).status == 0)
        #expect(entries().count == 4)
        #expect(!FileManager.default.fileExists(atPath: stray.path))
        for input in inputs.dropFirst() { try FileManager.default.removeItem(at: input) }
        #expect(try run(ws, []).status != 0)
        #expect(entries().count == 4)
    }

    @Test(arguments: ["bitFlip", "zeroedTail", "swapped"])
    func aDamagedCacheEntryIsDroppedAndTheReportReadAgain(_ damage: String) throws {
        let ws = try Workspace()
        #expect(try run(ws, []).status == 0)
        let good = try ws.outputs()
        let cache = ws.root.appendingPathComponent(".out.cache")
        let entries = Self.snapshot(cache).keys.filter { $0.count == 67 }.sorted()
        try #require(entries.count == 5)
        let first = cache.appendingPathComponent(entries[0]), second = cache.appendingPathComponent(entries[1])
        var bytes = try Data(contentsOf: first)
        switch damage {
        case "bitFlip":
            // A digit in the payload: 156 would become 956.
            let index = bytes.lastIndex { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "8") }!
            bytes[index] ^= 0x08
            try bytes.write(to: first)
        case "zeroedTail":
            let tail = min(4096, bytes.count - 100)
            bytes.replaceSubrange((bytes.count - tail)..., with: Data(count: tail))
            try bytes.write(to: first)
        default:
            let other = try Data(contentsOf: second)
            try other.write(to: first)
            try bytes.write(to: second)
        }
        // A new input makes the run read the cache (an unchanged folder would keep its outputs).
        let extra = try Data(contentsOf: Support.samples.appendingPathComponent(Support.seedNames[0])) + Data("\nnew\n".utf8)
        try extra.write(to: ws.input.appendingPathComponent("new.txt"))
        let result = try run(ws, [])
        #expect(result.status == 0)
        #expect(result.stderr.contains("cache entry damaged"), "\(result.stderr)")
        let now = try ws.outputs()
        for name in ["applications.csv.zst", "active_disclosure.csv.zst", "sections.csv.zst"] {
            let before = String(decoding: good[name]!, as: UTF8.self).split(separator: "\n")
            let after = Set(String(decoding: now[name]!, as: UTF8.self).split(separator: "\n"))
            #expect(before.allSatisfy(after.contains), "\(name): every earlier row is still there, unchanged")
        }
    }

    @Test func aCacheEntryIsKeyedByTheBuild() throws {
        let folder = try Support.temporaryFolder("cache-build")
        let old = ResultCache(folder: folder, buildIdentity: "build-a", relevantSettings: "s")
        let new = ResultCache(folder: folder, buildIdentity: "build-b", relevantSettings: "s")
        try old.prepare()
        let report = RenderedReport(Support.processor.process(data: Data("二、主动公开政府信息情况\n".utf8), sourcePath: "a.txt"),
                                    layout: .files)
        let content = ContentDigest.of(Data("x".utf8))
        try old.store(report, key: old.key(content: content))
        guard case .hit = old.load(old.key(content: content)) else { Issue.record("the same build reads its entry"); return }
        guard case .miss = new.load(new.key(content: content)) else { Issue.record("a new build does not"); return }
        // An entry moved under another key is refused.
        let moved = ResultCache.entry(payload: try report.serialized(), key: old.key(content: content))
        guard case .failure = ResultCache.verifiedPayload(moved, key: new.key(content: content)) else {
            Issue.record("an entry made for another key is refused"); return
        }
    }

    @Test func aSummaryIsReadFromTheEntrysHeaderAloneAndChecked() throws {
        let folder = try Support.temporaryFolder("cache-summary")
        let cache = ResultCache(folder: folder, buildIdentity: "b", relevantSettings: "s")
        try cache.prepare()
        let report = RenderedReport(try Support.process(seed: Support.seedNames[0]), layout: .files)
        let key = cache.key(content: ContentDigest.of(Data("y".utf8)))
        try cache.store(report, key: key)
        let entry = folder.appendingPathComponent(String(key.hex.prefix(2))).appendingPathComponent(key.hex)
        let stored = try Data(contentsOf: entry)
        guard case .hit(let summary) = cache.loadSummary(key) else { Issue.record("the summary reads"); return }
        #expect(summary.isSummary && summary.blobs.isEmpty)
        #expect(summary.reportsRow == report.reportsRow && summary.facts == report.facts && summary.status == report.status)
        // A byte of the rows damaged: the summary still reads (its line has its own checksum); the whole entry does not.
        var damaged = stored
        damaged[damaged.count - 3] ^= 0x20
        try damaged.write(to: entry)
        guard case .hit = cache.loadSummary(key) else { Issue.record("the header line is sound"); return }
        guard case .damaged = cache.load(key) else { Issue.record("the rows are not"); return }
        // A byte of the header line damaged: refused, and the entry dropped.
        damaged = stored
        damaged[ResultCache.headerSize + 20] ^= 0x20
        try damaged.write(to: entry)
        guard case .damaged = cache.loadSummary(key) else { Issue.record("a damaged header line is refused"); return }
        #expect(!FileManager.default.fileExists(atPath: entry.path))
        // A damaged line length (4 GB) is read no further than the file's end, and refused.
        damaged = stored
        for i in 0..<4 { damaged[ResultCache.magic.count + 64 + i] = 0xFF }
        try damaged.write(to: entry)
        guard case .damaged = cache.loadSummary(key) else { Issue.record("a damaged line length is refused"); return }
    }

    @Test func fileNamesThatAreNotUTF8AreEscapedReversibly() {
        #expect(InputPath.display(Array("a/伊宁县.txt".utf8)) == "a/伊宁县.txt")
        #expect(InputPath.display([0x61, 0xFF, 0x2E]) == #"a\xff."#)
        #expect(InputPath.display([0x61, 0xFE, 0x2E]) == #"a\xfe."#)
        #expect(InputPath.display(Array(#"a\xff."#.utf8)) == #"a\\xff."#)
        // A truncated multi-byte character.
        #expect(InputPath.display([0xE4, 0xBC]) == #"\xe4\xbc"#)
    }
}
