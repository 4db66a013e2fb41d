import Foundation
import Output
import Pipeline
import ScriptNormalization
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

    // MARK: issue 17: the command line's conventions, through the binary

    func etl(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try #require(FileManager.default.isExecutableFile(atPath: Support.etlBinary.path))
        return try Support.shell([Support.etlBinary.path] + arguments)
    }

    @Test func versionNamesThePipelineAndOpenCC() throws {
        let r = try etl(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("etl \(PipelineVersion.current) "), "\(r.stdout)")
        #expect(r.stdout.contains("OpenCC \(ChineseConverter.libraryVersion ?? "(Debian")"))
        #expect(r.stdout.contains("dictionaries: "))
    }

    /// swift-argument-parser's own code for usage errors is 64; the README promises 2.
    @Test func usageErrorsExitWithTwo() throws {
        let out = try Support.temporaryFolder("usage").appendingPathComponent("out").path
        for (arguments, message) in [
            (["--bogus"], "Unknown option '--bogus'"),
            (["run", "--jobs", "abc", "--input", ".", "--output", out], "--jobs must be 1 to 1024, not abc"),
            (["run", "--compression", "zst"], "'zstd', 'gzip' or 'none'"),
            (["run", "--zstd-level", "30"], "--zstd-level must be 1 to 22, not 30"),
            (["run", "--layout", "tree"], "'files' and 'dataset'"),
            (["run", "--fail-on", "some"], "'new', 'any' or 'never'"),
            (["rn", "--input", "x"], "unknown command 'rn'. Did you mean 'run'?"),
            (["run", "--output", out], "key \"input\" is missing (or give --input DIR)"),
        ] {
            let r = try etl(arguments)
            #expect(r.status == 2, "\(arguments): \(r.stderr)")
            #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
        #expect(FileManager.default.fileExists(atPath: out) == false, "nothing written")
    }

    @Test func editDistanceSuggestionIsNotForFarWords() throws {
        let r = try etl(["frobnicate"])
        #expect(r.status == 2)
        #expect(!r.stderr.contains("Did you mean"))
        #expect(r.stderr.contains("Commands: run, merge"))
    }

    /// No config file: the defaults, and the output settings from the command line.
    @Test func runsWithoutAConfigFileWithOutputSettings() throws {
        let out = try Support.temporaryFolder("noconfig").appendingPathComponent("out")
        let r = try etl(["run", "--input", Support.samples.path, "--output", out.path, "--jobs", "2",
                         "--compression", "gzip", "--excel-bom", "--zstd-level", "5"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("6 files: 6 ok, 0 partial, 0 failed"))
        let gz = out.appendingPathComponent("reports.csv.gz")
        #expect(FileManager.default.fileExists(atPath: gz.path))
        let csv = try Support.shell(["sh", "-c", "gzip -dc '\(gz.path)' | head -c 3 | od -An -tx1"])
        #expect(csv.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "ef bb bf", "the BOM --excel-bom asked for")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("manifest.json"))) as! [String: Any]
        #expect((manifest["outputs"] as! [[String: Any]]).contains { $0["file"] as? String == "errors.csv.gz" })
    }

    @Test func inputThatIsAFileIsNamed() throws {
        let file = Support.samples.appendingPathComponent(Support.seedNames[0])
        let out = try Support.temporaryFolder("inputfile").appendingPathComponent("out")
        let r = try etl(["run", "--input", file.path, "--output", out.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("is a file, expected a folder"), "\(r.stderr)")
    }

    @Test func configErrorsNameTheKeyTheAllowedValuesAndThePosition() throws {
        let cases: [(String, String)] = [
            ("{\n  \"input\": \"in\",\n  \"output\": \"out\",\n  \"compression\": \"zst\"\n}",
             ":4:3: key \"compression\" must be zstd, gzip or none, not \"zst\""),
            ("{\"input\": \"in\", \"output\": \"out\",\n \"layout\": \"tree\"}", ":2:2: key \"layout\" must be files or dataset, not \"tree\""),
            ("{\"input\": \"in\", \"output\": \"out\",\n \"fail_on\": 1}", ":2:2: key \"fail_on\" must be new, any or never, not 1"),
            ("{\"input\": \"in\", \"output\": \"out\",\n \"zstd_level\": 3.5}", ":2:2: key \"zstd_level\" must be a whole number, not 3.5"),
            ("{\"input\": \"in\", \"output\": \"out\",\n \"jobs\": 1e400}", ":2:10: not valid JSON: the number 1e400 is too large"),
            ("{\"input\": \"in\", \"output\": \"out\",\n \"jobs\": 1e300}", ":2:2: key \"jobs\" must be a whole number, not 1e+300"),
            ("{\"input\": \"in\", \"output\": \"out\",\n  \"zstd_level\": 30}", ":2:3: key \"zstd_level\" must be 1 to 22, not 30"),
            ("{\"input\": \"in\",\n \"output\": \"out\",\n}", ":3:1: not valid JSON: expected a key in double quotes, found \"}\" (a comma before \"}\" is not allowed)"),
            ("{\"input\": \"in\", \"output\": \"out\", \"patterns\": [\"*.txt\",]}", ":1:55: not valid JSON: a comma before \"]\" is not allowed"),
            ("{\"input\": \"in\" \"output\": \"out\"}", ":1:16: not valid JSON: expected \",\" or \"}\" after the value of \"input\", found \"\"\""),
            ("{\"input\": \"中文\", \"output\": \"out\", \"jobs\": x}", ":1:42: not valid JSON: expected a value, found \"x\""),
            ("{\"input\": \"in\", \"output\": \"out\", \"input\": \"b\"}", ":1:34: not valid JSON: key \"input\" appears twice"),
            ("{\"output\": \"out\"}", ": key \"input\" is missing (or give --input DIR)"),
        ]
        for (json, expected) in cases {
            do {
                _ = try PipelineConfig.decode(Data(json.utf8), source: "p.json")
                Issue.record("accepted: \(json)")
            } catch {
                #expect(error.description == "p.json" + expected, "\(json)")
            }
        }
        // And through the binary: one line, exit 2.
        let url = try config("{\"input\": \".\",\n \"output\": \"out\",\n \"compression\": \"zst\",\n}")
        let r = try etl(["run", "--config", url.path])
        #expect(r.status == 2)
        #expect(r.stderr == "etl: \(url.path):4:1: not valid JSON: expected a key in double quotes, found \"}\" (a comma before \"}\" is not allowed)\n")
    }

    @Test func runHelpListsEveryOutputFile() throws {
        let r = try etl(["run", "--help"])
        #expect(r.status == 0)
        for file in OutputFile.allCases.map(\.rawValue) + ["dictionary.csv", "schema.json", "manifest.json"] {
            #expect(r.stdout.contains("  \(file) "), "\(file)")
        }
        #expect(r.stdout.contains("--compression") && r.stdout.contains("--excel-bom") && r.stdout.contains("--fail-on"))
        // Each file's description whole (the long ones were cut: "one year against the nex"),
        // on lines that fit 80 columns.
        let words = r.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for file in OutputFile.allCases {
            #expect(words.contains(file.rawValue + " " + file.description.en), "\(file)")
        }
        #expect(r.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    /// `etl-gen --form` puts a form on every report it fits, `--without-form all` none of them,
    /// and an unknown name is refused with the list of names.
    @Test func etlGenFormsAreSwitches() throws {
        let gen = Support.etlBinary.deletingLastPathComponent().appendingPathComponent("etl-gen").path
        let folder = try Support.temporaryFolder("gen-forms")
        func forms(_ arguments: [String]) throws -> [[String]] {
            let out = folder.appendingPathComponent(UUID().uuidString)
            let r = try Support.shell([gen, "--output", out.path, "--count", "60", "--seed", "3"] + arguments)
            #expect(r.status == 0, "\(r.stderr)")
            let lines = try String(contentsOf: out.appendingPathComponent("answers.jsonl"), encoding: .utf8).split(separator: "\n")
            return try lines.map { line in
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                return object?["forms"] as? [String] ?? []
            }
        }
        #expect(try forms(["--form", "crlf"]).allSatisfy { $0.contains("crlf") })
        let none = try forms(["--without-form", "all"])
        let switched = ["crlf", "zero_width", "joiners", "nbsp", "fullwidth_mix", "drawn_tables", "grid_tables",
                        "single_space_rows", "heading_numbers", "stray_blank_lines", "quoted_cells"]
        #expect(none.count == 60 && none.allSatisfy { Set($0).isDisjoint(with: switched) })
        let refused = try Support.shell([gen, "--output", folder.appendingPathComponent("x").path, "--form", "nope"])
        #expect(refused.status != 0 && refused.stderr.contains("unknown form \"nope\"") && refused.stderr.contains("drawn_tables"))
    }

    /// The bash completion script, run by bash: `--layout` completes its values, `--input` folders only.
    @Test func bashCompletionCompletesLayoutsAndFolders() throws {
        let folder = try Support.temporaryFolder("completion")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("reports"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let script = try etl(["--generate-completion-script", "bash"])
        #expect(script.status == 0)
        let scriptURL = folder.appendingPathComponent("etl.bash")
        try Data(script.stdout.utf8).write(to: scriptURL)
        func complete(_ option: String) throws -> String {
            let line = "etl run \(option) "
            return try Support.shell(["bash", "-c", """
                cd '\(folder.path)' && source '\(scriptURL.path)' && COMP_WORDS=(etl run \(option) "") COMP_CWORD=3 \
                COMP_LINE='\(line)' COMP_POINT=\(line.count) && _etl etl "" \(option) && echo "${COMPREPLY[*]}"
                """]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(try complete("--layout") == "files dataset")
        #expect(try complete("--compression") == "zstd gzip none")
        #expect(try complete("--input") == "reports")
    }
}
