import ArgumentParser
import Output
import Pipeline

extension Compression: ExpressibleByArgument {}
extension OutputLayout: ExpressibleByArgument {}
extension FailOn: ExpressibleByArgument {}

/// The config's output settings, on the command line (each overrides its key).
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Compression of the CSV files (config compression; default zstd).")
    var compression: Compression?

    @Option(name: .long, help: "zstd level, 1 (fast) to 22 (small) (config zstd_level; default 3).")
    var zstdLevel: Int?

    @Flag(name: .customLong("excel-bom"), inversion: .prefixedNo, help: """
        Files for spreadsheets: a UTF-8 byte order mark and inert formula text (config excel_bom; default off).
        """)
    var excelBOM: Bool?

    @Option(name: .long, help: "Output layout: files (one file per table) or dataset (Hive-partitioned by report_year) (config layout).")
    var layout: OutputLayout?

    /// Checks what the parser cannot (a usage error, exit code 2, before anything is read).
    func validate() throws {
        if let zstdLevel, !PipelineConfig.zstdLevelRange.contains(zstdLevel) {
            let range = PipelineConfig.zstdLevelRange
            throw ValidationError("--zstd-level must be \(range.lowerBound) to \(range.upperBound), not \(zstdLevel)")
        }
    }

    func apply(to config: inout PipelineConfig) {
        if let compression { config.compression = compression }
        if let zstdLevel { config.zstdLevel = zstdLevel }
        if let excelBOM { config.excelBOM = excelBOM }
        if let layout { config.layout = layout }
    }
}
