import Foundation
import Testing
@testable import Pipeline

/// Reading one input: a file that vanished between listing and reading, or grew too large.
@Suite struct InputReaderTests {
    @Test func aFileDeletedAfterListingIsAnErrorNotACrash() throws {
        let root = try Support.temporaryFolder("reader")
        let url = root.appendingPathComponent("gone.txt")
        try Data("一、总体情况".utf8).write(to: url)
        let found = InputDiscovery.find(root: root.path, patterns: ["*.txt"])
        #expect(found.files.map(\.path) == ["gone.txt"])
        try FileManager.default.removeItem(at: url)
        switch InputReader.read(root: root.path, file: found.files[0], maxBytes: 1 << 20) {
        case .success: Issue.record("a vanished file was read")
        case .failure(let error):
            #expect(error.code == "vanished")
            #expect(error.stage == .ingest)
        }
    }

    @Test func aFileOverTheLimitIsNotRead() throws {
        let root = try Support.temporaryFolder("reader")
        try Data(repeating: 0x41, count: 2048).write(to: root.appendingPathComponent("big.txt"))
        let found = InputDiscovery.find(root: root.path, patterns: ["*.txt"])
        guard case .failure(let error) = InputReader.read(root: root.path, file: found.files[0], maxBytes: 1024) else {
            Issue.record("read past the limit")
            return
        }
        #expect(error.code == "too_large")
    }

    @Test func shardsPartitionTheInputs() {
        let files = (0..<200).map { InputFile(rawPath: Array("dir/report-\($0).txt".utf8)) }
        let shards = (0..<4).map { Shard(index: $0, count: 4) }
        for file in files {
            #expect(shards.filter { $0.contains(file) }.count == 1)
        }
        // Roughly even: each shard gets something.
        #expect(shards.allSatisfy { shard in files.contains { shard.contains($0) } })
        #expect(Shard("3/4") == Shard(index: 3, count: 4))
        #expect(Shard("4/4") == nil)
        #expect(Shard("x") == nil)
    }
}
