import Foundation
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

    private var writers: [Key: (CSVWriter, FileSink)] = [:]
    public let folder: URL
    public let compression: Compression
    public let layout: OutputLayout
    let zstdLevel: Int32
    let excelBOM: Bool
    /// The part number in dataset file names (the shard index).
    let part: Int
    /// zstd's threads for each large file. Any number from 1 up writes the same bytes, so this
    /// follows the machine, never `--jobs`. (Compressing the long files was a third of a no-change
    /// run, on the one thread that writes.)
    let compressionWorkers = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))

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

    private func writer(_ file: OutputFile, partition: String) throws -> CSVWriter {
        let key = Key(file: file, partition: layout == .files ? "" : partition)
        if let existing = writers[key] { return existing.0 }
        let url = folder.appendingPathComponent(relativePath(file, partition: key.partition))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Buffers of 1 MB for the three large files of the files layout, 256 KB for the others
        // (and for every stream of the dataset layout, one per table and year): the memory of
        // fifteen streams and more stays bounded, and the bytes do not depend on the pieces.
        let buffer = layout == .files && file.isLarge ? 1 << 20 : 256 << 10
        let fileSink = try FileSink(path: url.path, bufferSize: buffer)
        let sink: ByteSink
        switch compression {
        case .zstd: sink = try ZstdSink(level: zstdLevel, workers: file.isLarge ? compressionWorkers : 0,
                                        chunk: buffer, into: fileSink)
        case .gzip: sink = try GzipSink(level: 6, into: fileSink)
        case .none: sink = fileSink
        }
        if excelBOM { try [UInt8]([0xEF, 0xBB, 0xBF]).withUnsafeBytes { try sink.write($0) } }
        let writer = try CSVWriter(columns: layout.columns(of: file), sink: sink, spreadsheetSafe: excelBOM)
        writers[key] = (writer, fileSink)
        return writer
    }

    /// Appends rows (in the contract's full shape) to one file; `reportYear` picks the partition.
    public func append(_ rows: [[String]], to file: OutputFile, reportYear: String = "") throws {
        guard !rows.isEmpty else { return }
        let w = try writer(file, partition: reportYear.isEmpty ? OutputLayout.missingPartition : reportYear)
        for row in rows { try w.write(layout.shape(row, of: file)) }
    }

    /// Appends rows already shaped for this layout and encoded by `CSVEncoding`.
    public func appendEncoded(_ bytes: some ContiguousBytes, rows: Int, to file: OutputFile, reportYear: String = "") throws {
        guard rows > 0 else { return }
        try writer(file, partition: reportYear.isEmpty ? OutputLayout.missingPartition : reportYear)
            .writeEncoded(bytes, rows: rows)
    }

    /// Flushes and closes every file; returns what the manifest records of each, by path.
    public func finish() throws -> [FileSummary] {
        var summaries: [FileSummary] = []
        for (key, (writer, fileSink)) in writers {
            try writer.finish()
            summaries.append(FileSummary(file: relativePath(key.file, partition: key.partition), rows: writer.rowCount,
                                         bytes: fileSink.bytesWritten, sha256: fileSink.sha256Hex))
        }
        return summaries.sorted { $0.file < $1.file }
    }
}
