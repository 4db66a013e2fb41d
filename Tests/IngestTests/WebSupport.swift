import Foundation
import Pipeline
import ReportModel
import ScriptNormalization

/// Shared by the encoding, HTML and junk-input tests: the seeds, the fixture pages, iconv for
/// making re-encoded copies at run time, and one report processor (the traditional-character
/// set takes a moment to build).
enum WebSupport {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repoRoot = testsFolder.deletingLastPathComponent().deletingLastPathComponent()
    static let samples = repoRoot.appendingPathComponent("data/samples")
    static let fixtures = testsFolder.appendingPathComponent("Fixtures")

    static let seedNames = [
        "000_072a429792c31737.txt", "001_cbaa75f9e60907ca.txt", "002_5b011f5e8cebd16c.txt",
        "003_96c85236d91434a5.txt", "004_070df74db560079b.txt",
    ]
    static let seed001 = "001_cbaa75f9e60907ca.txt"
    static let seed003 = "003_96c85236d91434a5.txt"

    static let processor = ReportProcessor(normalizer: ScriptNormalizer(converter: try! ChineseConverter(config: "t2s")))

    static func seed(_ name: String) throws -> Data {
        try Data(contentsOf: samples.appendingPathComponent(name))
    }

    static func seedText(_ name: String) throws -> String {
        String(decoding: try seed(name), as: UTF8.self)
    }

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: fixtures.appendingPathComponent(name))
    }

    struct IconvFailed: Error { let message: String }

    /// `iconv -f from -t to` over the data, through the system's iconv binary; `discard` (-c) leaves
    /// out characters the target cannot encode.
    static func iconv(_ data: Data, from: String, to: String, discard: Bool = false) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        process.arguments = (discard ? ["-c"] : []) + ["-f", from, "-t", to]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Write on another thread: a large input must not block on a full output pipe.
        let writer = input.fileHandleForWriting
        let thread = Thread {
            writer.write(data)
            try? writer.close()
        }
        thread.start()
        let result = output.fileHandleForReading.readDataToEndOfFile()
        _ = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        // -c exits 1 when characters were left out; the output is still what was asked for.
        guard process.terminationStatus == 0 || discard else {
            throw IconvFailed(message: "iconv -f \(from) -t \(to) exited \(process.terminationStatus)")
        }
        return result
    }

    static func utf16(_ text: String, littleEndian: Bool, bom: Bool) -> Data {
        var bytes: [UInt8] = bom ? (littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]) : []
        for unit in text.utf16 {
            let (lo, hi) = (UInt8(unit & 0xFF), UInt8(unit >> 8))
            bytes += littleEndian ? [lo, hi] : [hi, lo]
        }
        return Data(bytes)
    }

    /// A report's tables as comparable values: `table.row.column` → the cell's number.
    static func tableValues(_ report: ProcessedReport) -> [String: Decimal?] {
        var out: [String: Decimal?] = [:]
        guard let tables = report.tables else { return out }
        for c in tables.activeDisclosure { out["active.\(c.itemKey).\(c.measureKey)"] = c.cell.value }
        for c in tables.applications { out["applications.\(c.rowKey).\(c.columnKey)"] = c.cell.value }
        for c in tables.reviewLitigation { out["review.\(c.proceedingKey).\(c.outcomeKey)"] = c.cell.value }
        return out
    }
}
