import Foundation
import ReportModel
import SystemBytes
import Testing
@testable import Output

/// Collects what is written, in memory.
final class MemorySink: ByteSink {
    var bytes: [UInt8] = []
    var finishCalls = 0
    func write(_ buffer: UnsafeRawBufferPointer) throws { bytes.append(contentsOf: buffer) }
    func finish() throws { finishCalls += 1 }
    var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// Runs a tool, returns its exit status and standard output.
func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, stdout: Data) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, data)
}

/// One folder per test process holds every test's folders and goes when the process exits.
let scratchRoot: URL = {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("output-tests-\(getpid())-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(at: scratchRoot) }
    return root
}()

func temporaryFolder() throws -> URL {
    let url = scratchRoot.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A minimal RFC 4180 reader, to read back what the writer wrote.
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
    var chars = Array(text)[...]
    while let c = chars.popFirst() {
        if quoted {
            if c == "\"" {
                if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
            } else { field.append(c) }
        } else if c == "\"" { quoted = true }
        else if c == "," { row.append(field); field = "" }
        else if c == "\n" { row.append(field); rows.append(row); row = []; field = "" }
        else { field.append(c) }
    }
    return rows
}

let trickyRows: [[String]] = [
    ["1", "a,b", "say \"hi\""],
    ["中文,逗号", "line1\nline2", "cr\rlf"],
    ["", "plain", "政府信息公开"],
    ["\"", ",", "\n"],
    ["668.57", " spaced ", "“全角引号”"],
]

@Suite("CSVWriter")
struct CSVWriterTests {
    @Test("RFC 4180 quoting")
    func quoting() throws {
        let sink = MemorySink()
        let writer = try CSVWriter(columns: ["a", "b", "c"], sink: sink)
        #expect(sink.string == "a,b,c\n")
        #expect(writer.rowCount == 0)
        for row in trickyRows { try writer.write(row) }
        #expect(writer.rowCount == trickyRows.count)
        #expect(sink.finishCalls == 0)
        try writer.finish()
        #expect(sink.finishCalls == 1)
        let expected = "a,b,c\n"
            + "1,\"a,b\",\"say \"\"hi\"\"\"\n"
            + "\"中文,逗号\",\"line1\nline2\",\"cr\rlf\"\n"
            + ",plain,政府信息公开\n"
            + "\"\"\"\",\",\",\"\n\"\n"
            + "668.57, spaced ,“全角引号”\n"
        #expect(sink.string == expected)
    }

    @Test("a comma, quote or line end is found at any place in a field", arguments: [",", "\"", "\n", "\r"])
    func quotedAtEveryOffset(special: String) throws {
        // The scan reads eight bytes at a time: the character in every lane of a word and in the tail.
        for length in 0..<27 {
            // `length` UTF-8 bytes: three-byte characters, then ASCII.
            let chars = Array(String(repeating: "政", count: length / 3) + String(repeating: "x", count: length % 3))
            for at in 0...chars.count {
                let field = String(chars.prefix(at)) + special + String(chars.dropFirst(at))
                var line: [UInt8] = []
                CSVEncoding.appendField(field, to: &line)
                let escaped = special == "\"" ? "\"\"" : special
                #expect(String(decoding: line, as: UTF8.self) == "\"" + field.replacingOccurrences(of: "\"", with: escaped) + "\"")
            }
            var plain: [UInt8] = []
            let text = String(repeating: "政府信息公开 2021年 ", count: length)
            CSVEncoding.appendField(text, to: &plain)
            #expect(String(decoding: plain, as: UTF8.self) == text)
        }
    }

    @Test("what is written reads back field for field")
    func roundTrip() throws {
        let sink = MemorySink()
        let writer = try CSVWriter(columns: ["x", "y", "z"], sink: sink)
        for row in trickyRows { try writer.write(row) }
        #expect(parseCSV(sink.string) == [["x", "y", "z"]] + trickyRows)
    }

    @Test("rows encoded ahead (CSVEncoding) are the bytes the writer writes")
    func encodedAhead() throws {
        let direct = MemorySink(), cached = MemorySink()
        let a = try CSVWriter(columns: ["x", "y", "z"], sink: direct)
        for row in trickyRows { try a.write(row) }
        let b = try CSVWriter(columns: ["x", "y", "z"], sink: cached)
        try b.writeEncoded(CSVEncoding.encode(trickyRows), rows: trickyRows.count)
        #expect(cached.bytes == direct.bytes)
        #expect(b.rowCount == a.rowCount)
    }

    @Test("UTF-8 bytes, no BOM, \\n line ends")
    func bytes() throws {
        let sink = MemorySink()
        let writer = try CSVWriter(columns: ["agency"], sink: sink)
        try writer.write(["托里县人民政府"])
        #expect(sink.bytes == Array("agency\n托里县人民政府\n".utf8))
        #expect(!sink.bytes.contains(13))
    }
}

@Suite("Sinks")
struct SinkTests {
    @Test("FileSink: bytes, count and SHA-256 agree with the file and sha256sum")
    func fileSink() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("data.bin").path
        let sink = try FileSink(path: path)
        // More than the 1 MiB buffer, in uneven chunks; now and then one larger than the buffer
        // (multithreaded zstd hands over whole jobs), which bypasses it.
        var expected: [UInt8] = []
        for i in 0..<300 {
            let size = i % 97 == 50 ? (1 << 20) + 3 * i : 5000 + i
            let chunk = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ i) }
            expected += chunk
            try chunk.withUnsafeBytes { try sink.write($0) }
        }
        try sink.finish()
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect([UInt8](written) == expected)
        #expect(sink.bytesWritten == expected.count)
        let (status, out) = try run("/usr/bin/sha256sum", [path])
        #expect(status == 0)
        let reference = String(decoding: out, as: UTF8.self).split(separator: " ").first.map(String.init)
        #expect(sink.sha256Hex.count == 64)
        #expect(sink.sha256Hex == reference)
    }

    @Test("FileSink with a small buffer writes the same file", arguments: [1, 4096, 256 << 10])
    func fileSinkBufferSizes(_ bufferSize: Int) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("data.bin").path
        let sink = try FileSink(path: path, bufferSize: bufferSize)
        let expected = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        for piece in stride(from: 0, to: expected.count, by: 7001) {
            try expected[piece..<min(piece + 7001, expected.count)].withUnsafeBytes { try sink.write($0) }
        }
        try sink.finish()
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) == expected)
    }

    @Test("FileSink of nothing: the SHA-256 of the empty string")
    func emptyFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sink = try FileSink(path: folder.appendingPathComponent("empty.csv").path)
        try sink.finish()
        #expect(sink.sha256Hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(sink.bytesWritten == 0)
    }

    /// Full buffers are written on the file's own queue: a write that fails there (a full disk)
    /// still fails the run, at the next buffer handed over or at the latest on finish.
    @Test("FileSink on a full device fails, with the errno", arguments: [1 << 10, 1 << 20])
    func fullDevice(bufferSize: Int) throws {
        let sink = try FileSink(path: "/dev/full", bufferSize: bufferSize)
        let chunk = [UInt8](repeating: 65, count: 3000)
        let failure = #expect(throws: OutputFailure.self) {
            for _ in 0..<10 { try chunk.withUnsafeBytes { try sink.write($0) } }
            try sink.finish()
        }
        #expect(failure?.description.contains("/dev/full") == true)
        #expect(failure?.description.contains(String(cString: strerror(ENOSPC))) == true)
    }

    @Test("FileSink in a missing folder fails")
    func cannotCreate() {
        #expect(throws: OutputFailure.self) { try FileSink(path: "/nonexistent-\(UUID().uuidString)/x.csv") }
    }

    @Test("FramedZstdSink: valid frames that decompress to the exact CSV bytes", arguments: [1, 3000, 120_000])
    func zstd(rows: Int) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("sections.csv.zst").path
        let plain = MemorySink()
        let fileSink = try FileSink(path: path)
        let plainWriter = try CSVWriter(columns: OutputFile.sections.columns, sink: plain)
        let zstdWriter = try CSVWriter(columns: OutputFile.sections.columns,
                                       sink: FramedZstdSink(compressor: FrameCompressor(level: 3, width: 2), into: fileSink))
        for i in 0..<rows {
            let row = ["r\(i % 7)", String(i % 7), "overview", "一、总体情况", "第\(i)行,含\"引号\"\n与换行", String(i)]
            try plainWriter.write(row)
            try zstdWriter.write(row)
        }
        try zstdWriter.finish()
        let compressed = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(compressed.starts(with: [0x28, 0xB5, 0x2F, 0xFD]))  // zstd frame magic
        #expect(fileSink.bytesWritten == compressed.count)
        #expect(zstdWriter.rowCount == rows)

        let (testStatus, _) = try run("/usr/bin/zstd", ["-q", "-t", path])
        #expect(testStatus == 0)
        let (status, decompressed) = try run("/usr/bin/zstd", ["-q", "-dc", path])
        #expect(status == 0)
        #expect([UInt8](decompressed) == plain.bytes)
        #expect(plain.bytes.count > (rows > 1000 ? compressed.count : 0))
    }

    @Test("FramedZstdSink: the same bytes out however the input is written, on any number of threads", arguments: [1, 3])
    func zstdPieces(threads: Int) throws {
        // 5 MB of rows, so that frames are cut inside writes of every size below.
        var input: [UInt8] = []
        var i = 0
        while input.count < 5 << 20 {
            input += Array("r\(i % 97),new_received,一、本年新收政府信息公开申请数量,natural_person,\(i * 7919 % 10007)\n".utf8)
            i += 1
        }
        func compressed(threads: Int, writes: Int) throws -> [UInt8] {
            let memory = MemorySink()
            let sink = FramedZstdSink(compressor: FrameCompressor(level: 3, width: threads), into: memory)
            var offset = 0
            var n = 0
            while offset < input.count {  // writes of `writes` bytes, every seventh one large
                let size = min(input.count - offset, n % 7 == 6 ? writes * 300 : writes)
                try input[offset..<offset + size].withUnsafeBytes { try sink.write($0) }
                offset += size
                n += 1
            }
            try sink.finish()
            return memory.bytes
        }
        let reference = try compressed(threads: 1, writes: 4096)
        #expect(reference.count < input.count / 4)
        for writes in [17, 999, 1 << 20, 70_000] {
            #expect(try compressed(threads: threads, writes: writes) == reference, "writes of \(writes) bytes")
        }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("x.zst").path
        try Data(reference).write(to: URL(fileURLWithPath: path))
        let (status, decompressed) = try run("/usr/bin/zstd", ["-q", "-dc", path])
        #expect(status == 0)
        #expect([UInt8](decompressed) == input)
    }

    @Test("OutputSet in groups: frames a later set copies, into the same bytes")
    func groupFrames() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func rows(_ group: Int, _ count: Int) -> [[String]] {
            (0..<count).map { i in
                ["r\(group)-\(i)", "new_received", "一、本年新收政府信息公开申请数量", "natural_person", "自然人", "\(i * 7919 % 10007)", ""]
            }
        }
        let columns = OutputFile.applications.columns.count
        #expect(rows(0, 1)[0].count == columns)
        // Group 0 is larger than a frame: it is cut in several.
        let sizes = [40_000, 300, 2_000]
        func write(into name: String, copying copied: (group: Int, set: OutputSet, file: [UInt8])? = nil) throws -> OutputSet {
            let set = try OutputSet(folder: folder.appendingPathComponent(name), compression: .zstd, zstdLevel: 3)
            for (group, count) in sizes.enumerated() {
                try set.beginGroup(group)
                if let copied, copied.group == group {
                    for (stream, spans) in copied.set.groupFrames()[group]! {
                        for span in spans {
                            let bytes = Array(copied.file[span.offset..<span.offset + span.length])
                            try set.appendFrames(bytes, sha256: SHA256.hash(data: bytes), rows: span.rows, to: stream)
                        }
                    }
                } else {
                    try set.append(rows(group, count), to: .applications)
                }
            }
            try set.beginGroup(nil)
            try set.append([["r9", "", "text_vs_table", "k", "1", "1", "true", ""]], to: .consistency)
            _ = try set.finish()
            return set
        }
        let first = try write(into: "a")
        let path = folder.appendingPathComponent("a/applications.csv.zst").path
        let file = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let frames = first.groupFrames()
        #expect(frames.keys.sorted() == [0, 1, 2])
        let stream = OutputSet.StreamName(file: "applications", partition: "")
        #expect(frames[0]![stream]!.count >= 2, "a group over 2 MB is cut into frames")
        var end = 0
        for group in 0..<3 {
            let spans = frames[group]![stream]!
            #expect(spans.map(\.rows).reduce(0, +) == sizes[group])
            for span in spans {
                #expect(span.offset >= end, "frames in order, after the header's")
                end = span.offset + span.length
                #expect(SHA256.hash(data: file[span.offset..<end]).lowercaseHex == span.sha256)
            }
        }
        #expect(end == file.count)
        let (status, decompressed) = try run("/usr/bin/zstd", ["-q", "-dc", path])
        #expect(status == 0)
        let expected = CSVEncoding.encode([OutputFile.applications.columns] + rows(0, 40_000) + rows(1, 300) + rows(2, 2_000))
        #expect([UInt8](decompressed) == expected)
        // Group 0 copied instead of written: the same file, and the same frames recorded.
        let second = try write(into: "b", copying: (0, first, file))
        #expect(try Data(contentsOf: folder.appendingPathComponent("b/applications.csv.zst")) == Data(file))
        #expect(second.groupFrames()[0]![stream] == frames[0]![stream])
        #expect(try Data(contentsOf: folder.appendingPathComponent("b/consistency.csv.zst"))
                == Data(contentsOf: folder.appendingPathComponent("a/consistency.csv.zst")))
    }

    @Test("a corrupted zstd file fails zstd -t: the check can fail")
    func corrupted() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("x.csv.zst").path
        let memory = MemorySink()
        let writer = try CSVWriter(columns: ["a"], sink: FramedZstdSink(compressor: FrameCompressor(level: 3, width: 1), into: memory))
        for i in 0..<100 { try writer.write(["row \(i)"]) }
        try writer.finish()
        #expect(memory.finishCalls == 1)
        var bytes = memory.bytes
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try run("/usr/bin/zstd", ["-q", "-t", path]).status != 0)
    }
}

@Suite("OutputSchema")
struct OutputSchemaTests {
    @Test("files and columns are the contract's")
    func columns() {
        let contract: [(String, [String])] = [
            ("reports", ["report_id", "source_path", "source_sha256", "agency", "report_year", "publish_date", "template",
                         "source_script", "source_encoding", "sections_found", "cells_found", "cells_expected",
                         "checks_failed", "flags", "status"]),
            ("inputs", ["source_path", "report_id", "status"]),
            ("sections", ["report_id", "section_no", "section_key", "title", "text", "char_count"]),
            ("active_disclosure", ["report_id", "item_key", "item_label", "measure_key", "measure_label", "value", "unit", "raw"]),
            ("applications", ["report_id", "row_key", "row_label", "column_key", "column_label", "value", "raw"]),
            ("review_litigation", ["report_id", "proceeding_key", "outcome_key", "value", "raw"]),
            ("checks", ["report_id", "table", "rule", "column_key", "lhs", "rhs", "passed"]),
            ("errors", ["source_path", "stage", "code", "message"]),
        ]
        // Every contract file exists (files beyond the contract may follow).
        #expect(Set(contract.map(\.0)).isSubset(of: OutputFile.allCases.map(\.rawValue)))
        for (name, columns) in contract {
            guard let file = OutputFile(rawValue: name) else {
                Issue.record("no output file \(name)")
                continue
            }
            // The contract's columns first, in order; additions only at the end (checks: row_key;
            // reports: checks_evaluated, contract 2).
            #expect(Array(file.columns.prefix(columns.count)) == columns, "\(name)")
            let extra = Array(file.columns.dropFirst(columns.count))
            let additions = ["checks": ["row_key"], "reports": ["checks_evaluated", "agency_key", "province", "prefecture", "county",
                                                                "adcode", "township_code", "level"]]
            #expect(extra == additions[name, default: []], "\(name)")
            #expect(Set(file.columns).count == file.columns.count, "\(name): duplicate column")
        }
    }

    @Test("file extensions")
    func extensions() {
        #expect(Compression.zstd.fileExtension == ".csv.zst")
        #expect(Compression.none.fileExtension == ".csv")
    }

    @Test("numbers in plain decimal notation", arguments: [
        ("668.57", "668.57"), ("0", "0"), ("-3", "-3"), ("38540", "38540"), ("12.50", "12.5"), ("0.05", "0.05"),
        ("1234567890123", "1234567890123"), ("12e3", "12000"), ("9007199254740993", "9007199254740993"),
        ("123456789012345678901234567890", "123456789012345678901234567890"), ("-0.5", "-0.5"), ("100.00", "100"),
    ])
    func format(value: String, expected: String) throws {
        let decimal = try #require(Decimal(string: value, locale: nil) as Decimal?)
        #expect(ReportRows.format(decimal) == expected)
    }

    @Test("a missing number is an empty field")
    func formatNil() {
        #expect(ReportRows.format(nil) == "")
    }

    @Test("a report without tables: one reports row, its sections and errors")
    func rows() {
        var report = ProcessedReport(reportID: "072a429792c31737", sourcePath: "a/000.txt", sourceSHA256: "ab12")
        report.metadata = ReportMetadata(agency: "托里县人民政府", reportYear: 2021, publishDate: nil)
        report.sourceScript = .traditional
        report.sourceEncoding = "utf-8"
        report.flags = [.spamInjected, .emptyCells, .missingHeaderCells]
        report.status = .partial
        report.sections = [Section(key: .preamble, title: "", text: "前言"),
                           Section(key: .overview, title: "一、总体情况", text: "正文,两句。")]
        report.errors = [StageError(stage: .segment, code: "not_a_report", message: "m")]
        report.region = AgencyRegion(agencyKey: "新疆维吾尔自治区塔城地区托里县人民政府", province: "新疆维吾尔自治区",
                                     prefecture: "塔城地区", county: "托里县", adcode: "654224", level: "county")
        let rows = ReportRows.rows(report)
        #expect(rows[.reports] == [["072a429792c31737", "a/000.txt", "ab12", "托里县人民政府", "2021", "", "unknown",
                                    "traditional", "utf-8", "1", "0", "0", "0",
                                    "empty_cells;missing_header_cells;spam_injected", "partial", "0",
                                    "新疆维吾尔自治区塔城地区托里县人民政府", "新疆维吾尔自治区", "塔城地区", "托里县", "654224", "", "county"]])
        #expect(rows[.sections] == [["072a429792c31737", "0", "preamble", "", "前言", "2"],
                                    ["072a429792c31737", "1", "overview", "一、总体情况", "正文,两句。", "6"]])
        #expect(rows[.errors] == [["a/000.txt", "segment", "not_a_report", "m"]])
        for (file, fileRows) in rows {
            for row in fileRows { #expect(row.count == file.columns.count, "\(file)") }
        }
    }
}
