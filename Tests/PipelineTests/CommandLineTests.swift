import Foundation
import Pipeline
import Testing

/// The `etl` binary: configuration errors are one clear line and exit code 2.
@Suite struct CommandLineTests {
    func config(_ json: String) throws -> URL {
        let folder = try Support.temporaryFolder("config")
        let url = folder.appendingPathComponent("pipeline.json")
        try Data(json.utf8).write(to: url)
        return url
    }

    @Test func unknownKeyIsNamed() throws {
        #expect(throws: PipelineConfig.Invalid.self) {
            try PipelineConfig.decode(Data(#"{"input": "a", "output": "b", "jbos": 2}"#.utf8))
        }
        do {
            _ = try PipelineConfig.decode(Data(#"{"input": "a", "output": "b", "jbos": 2}"#.utf8))
        } catch {
            #expect(error.description.contains("unknown key \"jbos\""))
        }
    }

    @Test func wrongTypeIsNamed() throws {
        do {
            _ = try PipelineConfig.decode(Data(#"{"input": "a", "output": "b", "zstd_level": "high"}"#.utf8))
            Issue.record("a string zstd_level was accepted")
        } catch {
            #expect(error.description.contains("zstd_level"))
        }
    }

    @Test func relativeFoldersResolveAgainstTheConfigFile() throws {
        let url = try config(#"{"input": "in", "output": "../out"}"#)
        let loaded = try PipelineConfig.load(path: url.path)
        let folder = url.deletingLastPathComponent()
        #expect(loaded.input == folder.appendingPathComponent("in").path)
        #expect(loaded.output == folder.deletingLastPathComponent().appendingPathComponent("out").path)
    }

    @Test func binaryExitsWithTwoOnConfigErrors() throws {
        let etl = Support.etlBinary
        try #require(FileManager.default.isExecutableFile(atPath: etl.path), "etl is built beside the tests")
        let missingInput = try config(#"{"input": "does-not-exist", "output": "out"}"#)
        let r1 = try Support.shell([etl.path, "run", "--config", missingInput.path])
        #expect(r1.status == 2)
        #expect(r1.stderr.contains("input folder not found"))
        #expect(r1.stderr.split(separator: "\n").count == 1)
        let badKey = try config(#"{"input": ".", "output": "out", "colour": "red"}"#)
        let r2 = try Support.shell([etl.path, "run", "--config", badKey.path])
        #expect(r2.status == 2)
        #expect(r2.stderr.contains("colour"))
    }

    @Test func binaryRunsTheSamplesWithOverrides() throws {
        let etl = Support.etlBinary
        try #require(FileManager.default.isExecutableFile(atPath: etl.path))
        let out = try Support.temporaryFolder("cli").appendingPathComponent("result")
        let configURL = Support.repoRoot.appendingPathComponent("pipeline.json")
        let r = try Support.shell([etl.path, "run", "--config", configURL.path, "--output", out.path, "--jobs", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("6 files: 6 ok, 0 partial, 0 failed"), "the five seeds and the PDF")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("manifest.json").path))
    }
}
