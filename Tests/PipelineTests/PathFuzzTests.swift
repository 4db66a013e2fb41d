import CorpusGenerator
import Foundation
import Testing

@testable import Pipeline

/// Random input, output and cache paths — nested, equal, symbolic links, files, new folders —
/// thrown at the runner: whatever it accepts or refuses, no file it did not write is removed or
/// changed.
@Suite struct PathFuzzTests {
    /// A user's tree: reports, notes, a nested folder, a plain file and links to folders.
    static func makeTree() throws -> URL {
        let root = try Support.temporaryFolder("fuzz")
        let fm = FileManager.default
        for folder in ["in/sub", "user/deep", "other"] {
            try fm.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let seed = try Data(contentsOf: Support.samples.appendingPathComponent(Support.seedNames[0]))
        try seed.write(to: root.appendingPathComponent("in/a.txt"))
        try (seed + Data("\n1\n".utf8)).write(to: root.appendingPathComponent("in/sub/b.txt"))
        try Data("thesis".utf8).write(to: root.appendingPathComponent("user/thesis.txt"))
        try Data("data".utf8).write(to: root.appendingPathComponent("user/deep/ab"))
        try Data("plain".utf8).write(to: root.appendingPathComponent("file.txt"))
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("link-in").path, withDestinationPath: root.appendingPathComponent("in").path)
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("link-user").path, withDestinationPath: root.appendingPathComponent("user").path)
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("in/up").path, withDestinationPath: root.path)
        return root
    }

    @Test func noFileEtlDidNotWriteIsEverRemoved() throws {
        var choices = SplitMix64(seed: 20261201)
        let places = ["in", "in/sub", "", "user", "user/deep", "file.txt", "link-in", "link-user", "in/up", "new", "new/deeper",
                      "other", "in/sub/../..", "user/./deep/.."]
        var published = 0, refused = 0
        for round in 0..<60 {
            let root = try Self.makeTree()
            defer { try? FileManager.default.removeItem(at: root) }
            func path(_ place: String) -> String { place.isEmpty ? root.path : root.path + "/" + place }
            let input = path(choices.pick(["in", "in", "in/sub", "link-in", "user", ""]))
            let output = path(choices.pick(places + ["new", "other"]))
            let anywhere = path(choices.pick(places))
            let cache: String? = choices.pick([nil, nil, path("new-cache"), anywhere, output])
            let before = SafetyTests.snapshot(root)
            var config = PipelineConfig(input: input, output: output)
            config.cache = cache
            config.jobs = 1
            for _ in 0..<2 {
                do {
                    _ = try PipelineRunner(config: config).run()
                    published += 1
                } catch {
                    refused += 1
                }
            }
            let after = SafetyTests.snapshot(root)
            for (file, bytes) in before {
                #expect(after[file] == bytes, "round \(round): input \(input), output \(output), cache \(cache ?? "default"): \(file)")
            }
        }
        // Both kinds of outcome were exercised.
        #expect(published >= 10 && refused >= 10, "\(published) published, \(refused) refused")
    }
}
