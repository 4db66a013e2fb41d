import CLibZ
import CZstd
import Foundation

/// Reads back a CSV file this pipeline wrote, record by record, decompressing as it goes: what
/// `etl merge` streams shards through. A record is one row's encoded bytes (quoted newlines
/// included) with its line end.
public final class RecordReader {
    private let decoder: ChunkDecoder
    private var buffer: [UInt8] = []
    private var position = 0
    private var finished = false
    public let path: String

    public init(path: String, compression: Compression) throws {
        self.path = path
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw OutputFailure.cannotCreate(path, errno: errno)
        }
        switch compression {
        case .zstd: decoder = try ZstdChunkDecoder(handle: handle)
        case .gzip: decoder = try GzipChunkDecoder(handle: handle)
        case .none: decoder = PlainChunkDecoder(handle: handle)
        }
    }

    /// The next record, or nil at the end of the file. A leading UTF-8 BOM is skipped.
    public func next() throws -> [UInt8]? {
        var inQuotes = false
        var i = position
        while true {
            if i >= buffer.count {
                if finished {
                    guard position < buffer.count else { return nil }
                    var record = Array(buffer[position...])
                    if record.starts(with: [0xEF, 0xBB, 0xBF]) { record.removeFirst(3) }
                    position = buffer.count
                    return record
                }
                i -= try refill()
                continue
            }
            let byte = buffer[i]
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if byte == 10, !inQuotes {
                var record = Array(buffer[position...i])
                if record.starts(with: [0xEF, 0xBB, 0xBF]) { record.removeFirst(3) }
                position = i + 1
                return record
            }
            i += 1
        }
    }

    /// Reads more decompressed bytes, dropping what was consumed; returns how many bytes were dropped.
    private func refill() throws -> Int {
        let dropped = position
        if position > 0 {
            buffer.removeFirst(position)
            position = 0
        }
        if let chunk = try decoder.nextChunk() { buffer.append(contentsOf: chunk) } else { finished = true }
        return dropped
    }

    /// Field `index` of a record, unquoted.
    package static func field(_ record: [UInt8], at index: Int) -> String {
        var field = 0
        var out: [UInt8] = []
        var quoted = false
        var i = 0
        while i < record.count {
            let byte = record[i]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if i + 1 < record.count, record[i + 1] == UInt8(ascii: "\"") { i += 1 } else { quoted = false; i += 1; continue }
                }
            } else if byte == UInt8(ascii: "\"") {
                quoted = true
                i += 1
                continue
            } else if byte == UInt8(ascii: ",") || byte == 10 {
                if field == index { break }
                field += 1
                i += 1
                continue
            }
            if field == index { out.append(byte) }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The first field of a record (ids and paths are written unquoted unless they need quotes).
    public static func firstField(_ record: [UInt8]) -> String {
        if record.first == UInt8(ascii: "\"") {
            var out: [UInt8] = []
            var i = 1
            while i < record.count {
                if record[i] == UInt8(ascii: "\"") {
                    if i + 1 < record.count, record[i + 1] == UInt8(ascii: "\"") { out.append(34); i += 2; continue }
                    break
                }
                out.append(record[i])
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
        let end = record.firstIndex { $0 == UInt8(ascii: ",") || $0 == 10 } ?? record.count
        return String(decoding: record[..<end], as: UTF8.self)
    }
}

protocol ChunkDecoder {
    func nextChunk() throws -> [UInt8]?
}

final class PlainChunkDecoder: ChunkDecoder {
    let handle: FileHandle
    init(handle: FileHandle) { self.handle = handle }
    func nextChunk() throws -> [UInt8]? {
        let data = handle.readData(ofLength: 1 << 16)
        return data.isEmpty ? nil : [UInt8](data)
    }
}

final class ZstdChunkDecoder: ChunkDecoder {
    let handle: FileHandle
    let stream: OpaquePointer
    var input: [UInt8] = []
    var inputPosition = 0
    var eof = false

    init(handle: FileHandle) throws {
        self.handle = handle
        guard let s = ZSTD_createDStream() else { throw OutputFailure.compression("cannot create a zstd stream") }
        stream = s
    }

    deinit { ZSTD_freeDStream(stream) }

    func nextChunk() throws -> [UInt8]? {
        var output = [UInt8](repeating: 0, count: ZSTD_DStreamOutSize())
        while true {
            if inputPosition >= input.count {
                if eof { return nil }
                let data = handle.readData(ofLength: ZSTD_DStreamInSize())
                if data.isEmpty { eof = true; return nil }
                input = [UInt8](data)
                inputPosition = 0
            }
            let produced: Int = try input.withUnsafeBytes { inRaw in
                try output.withUnsafeMutableBytes { outRaw in
                    var inBuf = ZSTD_inBuffer(src: inRaw.baseAddress, size: inRaw.count, pos: inputPosition)
                    var outBuf = ZSTD_outBuffer(dst: outRaw.baseAddress, size: outRaw.count, pos: 0)
                    let code = ZSTD_decompressStream(stream, &outBuf, &inBuf)
                    if ZSTD_isError(code) != 0 {
                        throw OutputFailure.compression(String(cString: ZSTD_getErrorName(code)))
                    }
                    inputPosition = inBuf.pos
                    return outBuf.pos
                }
            }
            if produced > 0 { return Array(output[..<produced]) }
        }
    }
}

final class GzipChunkDecoder: ChunkDecoder {
    let handle: FileHandle
    var stream = z_stream()
    var input: [UInt8] = []
    var done = false

    init(handle: FileHandle) throws {
        self.handle = handle
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw OutputFailure.compression("inflateInit2 failed")
        }
    }

    deinit { inflateEnd(&stream) }

    func nextChunk() throws -> [UInt8]? {
        var output = [UInt8](repeating: 0, count: 1 << 16)
        while !done {
            if stream.avail_in == 0 {
                let data = handle.readData(ofLength: 1 << 16)
                if data.isEmpty { done = true; return nil }
                input = [UInt8](data)
            }
            let produced: Int = try input.withUnsafeMutableBytes { inRaw in
                try output.withUnsafeMutableBytes { outRaw in
                    if stream.avail_in == 0 {
                        stream.next_in = inRaw.baseAddress!.assumingMemoryBound(to: Bytef.self)
                        stream.avail_in = uInt(inRaw.count)
                    }
                    stream.next_out = outRaw.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    stream.avail_out = uInt(outRaw.count)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    if status == Z_STREAM_END { done = true } else if status != Z_OK && status != Z_BUF_ERROR {
                        throw OutputFailure.compression("inflate failed (\(status))")
                    }
                    return outRaw.count - Int(stream.avail_out)
                }
            }
            if produced > 0 { return Array(output[..<produced]) }
        }
        return nil
    }
}
