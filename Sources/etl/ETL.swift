import ArgumentParser
import Foundation
import Output
import Pipeline
import ScriptNormalization

@main
struct ETL: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "etl",
        abstract: "Turns government information-disclosure annual reports (政府信息公开工作年度报告) into analysis-ready CSV tables.",
        discussion: "Shell completion: etl --generate-completion-script bash (or zsh, fish); see the README.",
        version: versionText,
        subcommands: [Run.self, Merge.self, Inspect.self, BenchStages.self],
        defaultSubcommand: Run.self)

    /// The pipeline version the manifest records, and the OpenCC in use.
    static var versionText: String {
        let opencc = ChineseConverter.libraryVersion.map { "OpenCC \($0)" } ?? "OpenCC (Debian's libopencc, version not exposed)"
        return """
            etl \(PipelineVersion.current) (pipeline_version in manifest.json; output contract \(OutputContract.version))
            \(opencc), dictionaries: \(ChineseConverter.DataLocation.current)
            """
    }

    /// ArgumentParser's own entry point, with usage errors mapped to exit code 2 (its default is
    /// 64, EX_USAGE; the README and cron scripts expect 2) and a mistyped command answered with
    /// the nearest one instead of "unexpected argument".
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let word = arguments.first, !word.hasPrefix("-") {
            let names = configuration.subcommands.map { $0._commandName } + ["help"]
            if !names.contains(word) {
                let nearest = names.map { ($0, editDistance(word, $0)) }.min { $0.1 < $1.1 }
                let hint = nearest.flatMap { $0.1 <= 2 ? " Did you mean '\($0.0)'?" : nil } ?? ""
                usageError("unknown command '\(word)'.\(hint) Commands: \(names.dropLast().joined(separator: ", ")) (see etl --help)")
            }
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                usageError(fullMessage(for: error))
            }
            exit(withError: error)
        }
    }

    private static func usageError(_ message: String) -> Never {
        let text = message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message
        let arguments = Array(CommandLine.arguments.dropFirst())
        let json = arguments.contains("--log-format=json")
            || zip(arguments, arguments.dropFirst()).contains { $0 == "--log-format" && $1 == "json" }
        if json {
            // The cron line's contract holds for usage errors too: a JSON error line, one summary line.
            let firstLine = String(text.prefix { $0 != "\n" })
            var line = JSONLogHandler.line(level: .error, label: "etl", message: firstLine, fields: [:])
            line.append(10)
            FileHandle.standardError.write(line)
            RunReport.emitSummary("run failed", status: .usage, level: .error, fields: ["error": firstLine], runID: nil)
        } else {
            FileHandle.standardError.write(Data(("etl: " + (text.hasSuffix("\n") ? text : text + "\n")).utf8))
        }
        Foundation.exit(ExitStatus.usage.rawValue)
    }

    /// Levenshtein distance, for the suggestion.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in a.indices {
            var diagonal = row[0]
            row[0] = i + 1
            for j in b.indices {
                let above = row[j + 1]
                row[j + 1] = min(above + 1, row[j] + 1, diagonal + (a[i] == b[j] ? 0 : 1))
                diagonal = above
            }
        }
        return row[b.count]
    }
}
