import ArgumentParser
import CorpusGenerator
import Foundation

/// Writes a generated corpus: N reports with known answers, the same bytes for the same seed.
@main
struct EtlGen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "etl-gen",
        abstract: "Writes N realistic generated reports and their known answers (answers.jsonl) into a folder.",
        discussion: """
            Deterministic: the same --seed and --count give the same bytes on every run and machine. \
            Reports mix templates 2021/2019, simplified and traditional script, UTF-8/GB18030/Big5, \
            text and HTML, every table layout seen in the wild, and page noise.
            """)

    @Option(name: .long, help: "Folder to write (created; existing generated files are overwritten).")
    var output: String

    @Option(name: [.long, .customShort("n")], help: "How many reports.")
    var count: Int = 1000

    @Option(name: .long, help: "Seed of the corpus.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "realistic (most files simplified UTF-8 text) or uniform (every kind equally).")
    var mix: String = CorpusMix.realistic.rawValue

    @Option(name: .long, help: "Reports per sub-folder (0: all in one folder).")
    var perFolder: Int = 1000

    @Flag(name: .long, help: "Also write the multi-year series (bodies with known regions, planned breaks and text mismatches) into series/.")
    var series = false

    @Option(name: .customLong("form"), help: ArgumentHelp(
        "Put a page form or text noise on every report it fits (repeatable).",
        discussion: "Page forms: \(PageForm.allCases.map(\.rawValue).joined(separator: ", ")). Text noise: \(TextNoise.allCases.map(\.rawValue).joined(separator: ", ")).",
        valueName: "name"))
    var forms: [String] = []

    @Option(name: .customLong("without-form"), help: ArgumentHelp(
        "Never put this page form or text noise on a report (repeatable; `all` for every one).", valueName: "name"))
    var withoutForms: [String] = []

    func run() throws {
        guard let mix = CorpusMix(rawValue: mix) else {
            throw ValidationError("--mix must be one of \(CorpusMix.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard count >= 0 else { throw ValidationError("--count must be 0 or more") }
        var generator = try CorpusGenerator(seed: seed, mix: mix)
        // Off first, then on: `--without-form all --form crlf` is crlf alone.
        for (names, on) in [(withoutForms, false), (forms, true)] {
            for name in names {
                if name == "all", !on {
                    for form in PageForm.allCases { generator.pageForms[form] = false }
                    for form in TextNoise.allCases { generator.noise[form] = false }
                } else if let form = PageForm(rawValue: name) {
                    generator.pageForms[form] = on
                } else if let form = TextNoise(rawValue: name) {
                    generator.noise[form] = on
                } else {
                    let known = (PageForm.allCases.map(\.rawValue) + TextNoise.allCases.map(\.rawValue)).joined(separator: ", ")
                    throw ValidationError("unknown form \"\(name)\"; the forms are \(known)")
                }
            }
        }
        let root = URL(fileURLWithPath: output)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let total = count
        let perFolder = self.perFolder
        let generatorForRun = generator
        // Reports are generated in parallel and written by index; answers in index order.
        let results = Results(count: total)
        DispatchQueue.concurrentPerform(iterations: (total + 99) / 100) { chunk in
            var lines: [(Int, String)] = []
            for index in (chunk * 100)..<min(total, chunk * 100 + 100) {
                var report = generatorForRun.report(index: index)
                var folder = root
                if perFolder > 0 {
                    let sub = String(format: "%03d", index / perFolder)
                    folder = root.appendingPathComponent(sub)
                    report.answers.file = sub + "/" + report.fileName
                }
                do {
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                    try Data(report.bytes).write(to: folder.appendingPathComponent(report.fileName))
                } catch {
                    results.fail(error)
                }
                lines.append((index, report.answers.jsonLine()))
            }
            results.store(lines)
        }
        if let failure = results.failure { throw failure }
        let jsonl = results.lines.isEmpty ? "" : results.lines.joined(separator: "\n") + "\n"
        try Data(jsonl.utf8).write(to: root.appendingPathComponent("answers.jsonl"))
        if series { try SeriesCorpus(seed: seed).write(to: root.appendingPathComponent("series")) }
        print("etl-gen: \(total) reports (seed \(seed), \(mix.rawValue)) in \(root.path)")
    }
}

/// The answers lines by index, filled from the generating threads.
final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var lines: [String]
    private(set) var failure: Error?

    init(count: Int) { lines = Array(repeating: "", count: count) }

    func store(_ items: [(Int, String)]) { lock.withLock { for (i, line) in items { lines[i] = line } } }

    func fail(_ error: Error) { lock.withLock { if failure == nil { failure = error } } }
}
