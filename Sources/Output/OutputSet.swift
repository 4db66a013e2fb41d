import Foundation
import ReportModel

/// The contract's files, open for streaming in one folder. Reports are appended in order; nothing
/// is held in memory beyond one report's rows and the compressors' buffers.
public final class OutputSet {
    public struct FileSummary: Sendable, Codable, Equatable {
        public let file: String
        public let rows: Int
        public let bytes: Int
        public let sha256: String
    }

    private var writers: [(OutputFile, CSVWriter, FileSink)] = []
    public let folder: URL
    public let compression: Compression

    /// `excelBOM` starts each file with a UTF-8 byte order mark, which Excel needs to show Chinese
    /// in a double-clicked CSV (and which some R and Python readers take into the first column name).
    public init(folder: URL, compression: Compression, zstdLevel: Int32, excelBOM: Bool = false) throws {
        self.folder = folder
        self.compression = compression
        for file in OutputFile.allCases {
            let path = folder.appendingPathComponent(file.rawValue + compression.fileExtension).path
            let fileSink = try FileSink(path: path)
            let sink: ByteSink
            switch compression {
            case .zstd: sink = try ZstdSink(level: zstdLevel, into: fileSink)
            case .gzip: sink = try GzipSink(level: 6, into: fileSink)
            case .none: sink = fileSink
            }
            if excelBOM { try [UInt8]([0xEF, 0xBB, 0xBF]).withUnsafeBytes { try sink.write($0) } }
            writers.append((file, try CSVWriter(columns: file.columns, sink: sink), fileSink))
        }
    }

    public func append(_ report: ProcessedReport) throws {
        let rows = ReportRows.rows(report)
        for (file, writer, _) in writers {
            for row in rows[file] ?? [] { try writer.write(row) }
        }
    }

    /// Appends rows to one file.
    public func append(_ rows: [[String]], to file: OutputFile) throws {
        guard let writer = writers.first(where: { $0.0 == file })?.1 else { return }
        for row in rows { try writer.write(row) }
    }

    /// Appends rows already encoded by `CSVEncoding`.
    public func appendEncoded(_ bytes: [UInt8], rows: Int, to file: OutputFile) throws {
        guard rows > 0, let writer = writers.first(where: { $0.0 == file })?.1 else { return }
        try writer.writeEncoded(bytes, rows: rows)
    }

    /// An `errors` row for an input that never became a report (unreadable, vanished).
    public func appendError(sourcePath: String, _ error: StageError) throws {
        guard let writer = writers.first(where: { $0.0 == .errors })?.1 else { return }
        try writer.write([sourcePath, error.stage.rawValue, error.code, error.message])
    }

    /// Flushes and closes every file; returns what the manifest records of each.
    public func finish() throws -> [FileSummary] {
        var summaries: [FileSummary] = []
        for (file, writer, fileSink) in writers {
            try writer.finish()
            summaries.append(FileSummary(file: file.rawValue + compression.fileExtension, rows: writer.rowCount,
                                         bytes: fileSink.bytesWritten, sha256: fileSink.sha256Hex))
        }
        return summaries
    }
}
