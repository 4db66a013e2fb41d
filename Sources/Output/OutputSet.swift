import Foundation
import SystemBytes
import ReportModel

/// How the output files are laid out.
public enum OutputLayout: String, Codable, Sendable, CaseIterable {
    /// One file per table: `applications.csv.zst` (the contract's layout).
    case files
    /// A Hive-partitioned dataset that DuckDB, Spark and Arrow read as one table:
    /// `applications/report_year=2021/part-00000.csv.zst`. `report_year` moves from the files
    /// into the folder names (readers add it back as a column).
    case dataset

    /// The columns a file has in this layout.
    public func columns(of file: OutputFile) -> [String] {
        self == .dataset ? file.columns.filter { $0 != Self.partitionColumn } : file.columns
    }

    /// Drops the partition column from a row, in the dataset layout.
    public func shape(_ row: [String], of file: OutputFile) -> [String] {
        guard let index = droppedColumn(of: file) else { return row }
        var shaped = row
        shaped.remove(at: index)
        return shaped
    }

    /// The column of `file` this layout leaves out of the rows (the dataset's partition column).
    public func droppedColumn(of file: OutputFile) -> Int? {
        self == .dataset ? Self.partitionIndex[file]! : nil
    }

    private static let partitionIndex: [OutputFile: Int?] =
        Dictionary(uniqueKeysWithValues: OutputFile.allCases.map { ($0, $0.columns.firstIndex(of: partitionColumn)) })

    public static let partitionColumn = "report_year"
    /// Hive's name for a missing partition value.
    public static let missingPartition = "__HIVE_DEFAULT_PARTITION__"
}

/// The output files, open for streaming in one folder. Reports are appended in order; nothing is
/// held in memory beyond one report's rows and the compressors' buffers.
public final class OutputSet {
    public struct FileSummary: Sendable, Codable, Equatable {
        public let file: String
        public let rows: Int
        public let bytes: Int
        public let sha256: String

        public init(file: String, rows: Int, bytes: Int, sha256: String) {
            self.file = file
            self.rows = rows
            self.bytes = bytes
            self.sha256 = sha256
        }
    }

    private struct Key: Hashable {
        let file: OutputFile
        let partition: String
    }

    private struct Stream {
        let csv: CSVWriter
        let file: FileSink
        /// The zstd frames (nil with the other compressions).
        let frames: FramedZstdSink?
    }

    private var writers: [Key: Stream] = [:]
    /// zstd's frames, made on this many threads. Any number writes the same bytes, so it follows
    /// the machine, never `--jobs`.
    private let compressor: FrameCompressor
    /// The group of reports being written (`beginGroup`).
    private var group: Int?
    public let folder: URL
    public let compression: Compression
    public let layout: OutputLayout
    let zstdLevel: Int32
    let excelBOM: Bool
    /// The part number in dataset file names (the shard index).
    let part: Int

    /// `excelBOM` makes the files for spreadsheets: each starts with a UTF-8 byte order mark, which
    /// Excel needs to show Chinese in a double-clicked CSV (and which some R and Python readers
    /// take into the first column name), and formula-like text is made inert (`SpreadsheetText`).
    public init(folder: URL, compression: Compression, zstdLevel: Int32, excelBOM: Bool = false,
                layout: OutputLayout = .files, part: Int = 0) throws {
        self.folder = folder
        self.compression = compression
        self.zstdLevel = zstdLevel
        self.excelBOM = excelBOM
        self.layout = layout
        self.part = part
        compressor = FrameCompressor(level: zstdLevel, width: max(1, min(4, ProcessInfo.processInfo.activeProcessorCount)))
        // Every file exists even when empty, so a reader's glob always matches.
        for file in OutputFile.allCases {
            _ = try writer(file, partition: layout == .files ? "" : OutputLayout.missingPartition)
        }
    }

    /// The file's path relative to the folder.
    func relativePath(_ file: OutputFile, partition: String) -> String {
        switch layout {
        case .files: file.rawValue + compression.fileExtension
        case .dataset:
            "\(file.rawValue)/\(OutputLayout.partitionColumn)=\(partition)/part-\(String(format: "%05d", part))"
                + compression.fileExtension
        }
    }

    private func writer(_ file: OutputFile, partition: String) throws -> Stream {
        let key = Key(file: file, partition: layout == .files ? "" : partition)
        if let existing = writers[key] { return existing }
        let url = folder.appendingPathComponent(relativePath(file, partition: key.partition))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Buffers of 1 MB for the three large files of the files layout, 256 KB for the others
        // (and for every stream of the dataset layout, one per table and year): the memory of
        // fifteen streams and more stays bounded, and the bytes do not depend on the pieces.
        let buffer = layout == .files && file.isLarge ? 1 << 20 : 256 << 10
        let fileSink = try FileSink(path: url.path, bufferSize: buffer)
        let sink: ByteSink
        var frames: FramedZstdSink?
        switch compression {
        case .zstd:
            frames = FramedZstdSink(compressor: compressor, into: fileSink)
            sink = frames!
        case .gzip: sink = try GzipSink(level: 6, into: fileSink)
        case .none: sink = fileSink
        }
        if excelBOM { try [UInt8]([0xEF, 0xBB, 0xBF]).withUnsafeBytes { try sink.write($0) } }
        let writer = try CSVWriter(columns: layout.columns(of: file), sink: sink, spreadsheetSafe: excelBOM)
        // The header is a frame of its own, in no group: a group's frames hold its rows only.
        try frames?.cut()
        frames?.group = group
        let stream = Stream(csv: writer, file: fileSink, frames: frames)
        writers[key] = stream
        return stream
    }

    /// Appends rows (in the contract's full shape) to one file; `reportYear` picks the partition.
    public func append(_ rows: [[String]], to file: OutputFile, reportYear: String = "") throws {
        guard !rows.isEmpty else { return }
        let stream = try writer(file, partition: reportYear.isEmpty ? OutputLayout.missingPartition : reportYear)
        stream.frames?.addRows(rows.count)
        for row in rows { try stream.csv.write(layout.shape(row, of: file)) }
    }

    /// Appends rows already shaped for this layout and encoded by `CSVEncoding`.
    public func appendEncoded(_ bytes: some ContiguousBytes, rows: Int, to file: OutputFile, reportYear: String = "") throws {
        guard rows > 0 else { return }
        let stream = try writer(file, partition: reportYear.isEmpty ? OutputLayout.missingPartition : reportYear)
        stream.frames?.addRows(rows)
        try stream.csv.writeEncoded(bytes, rows: rows)
    }

    // MARK: groups of reports, as frames a later run can copy

    /// Whether frames are made (zstd): only then are groups kept apart and copies possible.
    package var makesFrames: Bool { compression == .zstd }

    /// Ends the frames of the group written so far; what is written next belongs to `group` (nil:
    /// to none, as the files written after the reports).
    package func beginGroup(_ group: Int?) throws {
        for stream in writers.values {
            try stream.frames?.cut()
            stream.frames?.group = group
        }
        self.group = group
    }

    /// A stream of this set, as the frame index names it: the file and the partition.
    package struct StreamName: Hashable, Sendable {
        package let file: String
        package let partition: String

        package init(file: String, partition: String) {
            self.file = file
            self.partition = partition
        }
    }

    /// Appends a group's frames, copied from the last run's file of the same stream (their bytes
    /// verified by the caller), holding `rows` rows: the stream must be between groups.
    package func appendFrames(_ bytes: [UInt8], sha256: SHA256Digest, rows: Int, to stream: StreamName) throws {
        guard let file = OutputFile(rawValue: stream.file) else { throw OutputFailure.compression("no output file \(stream.file)") }
        let target = try writer(file, partition: stream.partition)
        guard let frames = target.frames else { throw OutputFailure.compression("frames are copied only into zstd files") }
        try frames.copy(bytes, sha256: sha256, rows: rows)
        target.csv.addCopiedRows(rows)
    }

    /// The frames written so far for each group, by stream (complete once `finish` has run).
    package func groupFrames() -> [Int: [StreamName: [FrameSpan]]] {
        var out: [Int: [StreamName: [FrameSpan]]] = [:]
        for (key, stream) in writers {
            guard let frames = stream.frames else { continue }
            let name = StreamName(file: key.file.rawValue, partition: key.partition)
            for (group, span) in frames.spans { out[group, default: [:]][name, default: []].append(span) }
        }
        return out
    }

    /// The path of a stream's file, relative to the folder.
    package func relativePath(of stream: StreamName) -> String? {
        OutputFile(rawValue: stream.file).map { relativePath($0, partition: stream.partition) }
    }

    /// Flushes and closes every file; returns what the manifest records of each, by path.
    public func finish() throws -> [FileSummary] {
        var summaries: [FileSummary] = []
        // Every file is flushed first and their fsyncs go on side by side.
        for (_, stream) in writers {
            stream.file.syncLater = true
            try stream.csv.finish()
        }
        for (key, stream) in writers {
            try stream.file.awaitFinished()
            summaries.append(FileSummary(file: relativePath(key.file, partition: key.partition), rows: stream.csv.rowCount,
                                         bytes: stream.file.bytesWritten, sha256: stream.file.sha256Hex))
        }
        return summaries.sorted { $0.file < $1.file }
    }
}
