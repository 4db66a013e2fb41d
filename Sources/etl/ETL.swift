import ArgumentParser

@main
struct ETL: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "etl",
        abstract: "Turns government information-disclosure annual reports (政府信息公开工作年度报告) into analysis-ready CSV tables.",
        subcommands: [Run.self, Merge.self, Inspect.self, BenchStages.self],
        defaultSubcommand: Run.self)
}
