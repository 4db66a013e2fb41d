import Foundation
import Testing

/// `make install`'s layout (scripts/install.sh, here with the test build's binaries): the
/// installed etl runs with an empty environment, moved elsewhere, and reads its OpenCC
/// dictionaries from beside itself, not from the build folder.
@Suite struct InstallTests {
    static let installScript = Support.repoRoot.appendingPathComponent("scripts/install.sh")

    @Test func installedBinaryIsRelocatableAndUsesItsOwnDictionaries() throws {
        let bin = Support.etlBinary.deletingLastPathComponent()
        try #require(FileManager.default.isExecutableFile(atPath: bin.appendingPathComponent("etl-gen").path), "etl-gen is built")
        let root = try Support.temporaryFolder("install")
        let prefix = root.appendingPathComponent("prefix")
        let install = try Support.shell(["bash", Self.installScript.path, prefix.path, bin.path])
        #expect(install.status == 0, "\(install.stderr)")
        let version = try Support.shell(["env", "-i", prefix.appendingPathComponent("bin/etl").path, "--version"])
        let dictionaries = try #require(version.stdout.split(separator: "\n").last.map(String.init))
        guard dictionaries.contains("(installed)") || dictionaries.contains("(build)") else {
            // Debian's libopencc: nothing to copy, it reads /usr/share/opencc.
            #expect(dictionaries.contains("(library)"))
            return
        }
        #expect(dictionaries.hasSuffix("\(prefix.path)/share/gov-disclosure-etl/opencc (installed)"), "\(dictionaries)")
        #expect(FileManager.default.isExecutableFile(atPath: prefix.appendingPathComponent("bin/etl-gen").path))

        // Moved: it follows itself.
        let moved = root.appendingPathComponent("moved")
        try FileManager.default.moveItem(at: prefix, to: moved)
        let etl = moved.appendingPathComponent("bin/etl").path
        let data = moved.appendingPathComponent("share/gov-disclosure-etl/opencc")
        let movedVersion = try Support.shell(["env", "-i", etl, "--version"])
        #expect(movedVersion.stdout.hasSuffix("dictionaries: \(data.path) (installed)\n"), "\(movedVersion.stdout)")

        // Run with an empty environment from an unrelated folder: a traditional-script report
        // comes out simplified.
        let input = root.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        for name in Support.seedNames {
            try FileManager.default.copyItem(at: Support.samples.appendingPathComponent(name), to: input.appendingPathComponent(name))
        }
        let out = root.appendingPathComponent("out")
        let run = try Support.shell(["sh", "-c", "cd / && exec env -i '\(etl)' run --input '\(input.path)' --output '\(out.path)' --jobs 2"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("5 files: 5 ok"))

        // The installed dictionaries are the ones read: without one of them the run fails, naming
        // them, although the build's copy is still in place.
        let dictionary = data.appendingPathComponent("TSPhrases.ocd2")
        #expect(FileManager.default.fileExists(atPath: dictionary.path))
        try FileManager.default.removeItem(at: dictionary)
        let broken = try Support.shell(["env", "-i", etl, "run", "--input", input.path, "--output", out.path, "--full"])
        #expect(broken.status == 2)
        #expect(broken.stderr.contains(data.path), "\(broken.stderr)")
        // ETL_OPENCC_DATA points elsewhere: the build's folder, named by the test build itself.
        let built = try Support.shell(["env", "-i", Support.etlBinary.path, "--version"]).stdout
        let match = built.firstMatch(of: /dictionaries: (.*) \(build\)/)
        #expect(match != nil, "the test build uses the build's dictionaries: \(built)")
        if let buildData = match?.1 {
            let fixed = try Support.shell(["env", "-i", "ETL_OPENCC_DATA=\(buildData)", etl, "run", "--input", input.path,
                                           "--output", out.path, "--full"])
            #expect(fixed.status == 0, "\(fixed.stderr)")
        }
    }

    /// setup-opencc.sh picks the machine's wheel.
    @Test func openCCWheelFollowsTheMachine() throws {
        let script = Support.repoRoot.appendingPathComponent("scripts/setup-opencc.sh").path
        #expect(try Support.shell(["bash", script, "--platform", "x86_64"]).stdout == "manylinux2014_x86_64\n")
        #expect(try Support.shell(["bash", script, "--platform", "aarch64"]).stdout == "manylinux2014_aarch64\n")
        let other = try Support.shell(["bash", script, "--platform", "riscv64"])
        #expect(other.status == 1)
        #expect(other.stderr.contains("no Linux wheel for machine 'riscv64'"))
        let here = try Support.shell(["uname", "-m"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try Support.shell(["bash", script, "--platform"]).stdout == "manylinux2014_\(here)\n")
    }

    /// Without the wheel (here: a python3 that fails), setup says what it falls back to.
    @Test func setupSaysWhenItFallsBackToDebiansOpenCC() throws {
        let root = try Support.temporaryFolder("setup-fallback")
        let scripts = root.appendingPathComponent("scripts")
        try FileManager.default.createDirectory(at: scripts, withIntermediateDirectories: true)
        for name in ["setup.sh", "setup-opencc.sh"] {
            try FileManager.default.copyItem(at: Support.repoRoot.appendingPathComponent("scripts/\(name)"),
                                             to: scripts.appendingPathComponent(name))
        }
        let fake = root.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: fake, withIntermediateDirectories: true)
        try Data("#!/bin/sh\necho 'pip: no network' >&2\nexit 1\n".utf8).write(to: fake.appendingPathComponent("python3"))
        #expect(chmod(fake.appendingPathComponent("python3").path, 0o755) == 0)
        let path = fake.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let r = try Support.shell(["env", "PATH=\(path)", "bash", scripts.appendingPathComponent("setup.sh").path])
        #expect(r.status == 0, "the build goes on with Debian's OpenCC: \(r.stderr)")
        #expect(r.stderr.contains("pip: no network"))
        #expect(r.stderr.contains("falling back to Debian's libopencc-dev"), "\(r.stderr)")
        #expect(r.stderr.contains("about 20x slower"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent(".deps/opencc").path))
    }
}
