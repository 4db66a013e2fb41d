import CLibZ
import CZstd
import SystemBytes
import Foundation

/// Where output bytes go. Sinks are chained: CSV → zstd → file.
public protocol ByteSink: AnyObject {
    func write(_ bytes: UnsafeRawBufferPointer) throws
    func finish() throws
}

public enum OutputFailure: Error, CustomStringConvertible {
    case cannotCreate(String, errno: Int32)
    case writeFailed(String, errno: Int32)
    case compression(String)

    public var description: String {
        switch self {
        case .cannotCreate(let path, let e): "cannot create \(path): \(String(cString: strerror(e)))"
        case .writeFailed(let path, let e): "cannot write \(path): \(String(cString: strerror(e)))"
        case .compression(let message): "compression failed: \(message)"
        }
    }
}

/// A file written through a large buffer, hashed (SHA-256) as it is written, fsync'd on finish.
public final class FileSink: ByteSink {
    public let path: String
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var hasher = SHA256()
    private let bufferSize: Int
    public private(set) var bytesWritten = 0
    public private(set) var sha256Hex = ""

    public init(path: String, bufferSize: Int = 1 << 20) throws {
        self.path = path
        self.bufferSize = bufferSize
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputFailure.cannotCreate(path, errno: errno) }
        buffer.reserveCapacity(bufferSize)
    }

    deinit { if fd >= 0 { close(fd) } }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        hasher.update(bufferPointer: bytes)
        bytesWritten += bytes.count
        // A piece larger than the buffer (multithreaded zstd hands over whole jobs) goes to the
        // file as it is: appended, it would double the buffer for the rest of the run.
        if buffer.count + bytes.count > bufferSize {
            try flush()
            if bytes.count >= bufferSize { return try writeAll(bytes) }
        }
        buffer.append(contentsOf: bytes)
    }

    private func flush() throws {
        try buffer.withUnsafeBytes { try writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ raw: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < raw.count {
            let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw OutputFailure.writeFailed(path, errno: errno)
            }
            offset += n
        }
    }

    public func finish() throws {
        try flush()
        // The other files are still being finished: this one's buffer is given back now.
        buffer = []
        guard fsync(fd) == 0 else { throw OutputFailure.writeFailed(path, errno: errno) }
        sha256Hex = hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}

/// zstd streaming compression (libzstd's ZSTD_compressStream2) in front of another sink.
public final class ZstdSink: ByteSink {
    private let next: ByteSink
    /// Nil once the stream is finished: its workspace is freed then, not when the output set
    /// goes (a small file's context is first made when the run's outputs are finished, one
    /// after another, and all of them at once would cost some 3.6 MB each).
    private var context: OpaquePointer?
    private var output: [UInt8]
    /// Input gathered before zstd sees it. A run feeds a dozen streams a few kilobytes at a time,
    /// in turn; compressing each stream's bytes in large pieces keeps its match tables in the CPU
    /// caches while they are used (320 MB at level 3: 1.4 s in 10-KB pieces, 0.8 s in 1-MB ones).
    /// The compressed bytes do not depend on how the input is cut.
    private var pending: [UInt8] = []
    private let chunk: Int

    /// `workers` ≥ 1 compresses on that many threads of zstd's own. Streaming multithreaded zstd
    /// writes the same bytes whatever the number of workers (facebook/zstd#2238), though not the
    /// bytes of single-threaded mode (`workers` 0): a caller picks one mode for good. `chunk`
    /// bytes of input are gathered before each call into zstd (0: none).
    public init(level: Int32, workers: Int = 0, chunk: Int = 1 << 20, into next: ByteSink) throws {
        guard let ctx = ZSTD_createCCtx() else { throw OutputFailure.compression("cannot create a zstd context") }
        context = ctx
        self.next = next
        self.chunk = chunk
        pending.reserveCapacity(chunk)
        output = [UInt8](repeating: 0, count: ZSTD_CStreamOutSize())
        try check(ZSTD_CCtx_setParameter(ctx, ZSTD_c_compressionLevel, level))
        // Readers that check frames (zstd -t) verify the content checksum.
        try check(ZSTD_CCtx_setParameter(ctx, ZSTD_c_checksumFlag, 1))
        if workers > 0 {
            try check(ZSTD_CCtx_setParameter(ctx, ZSTD_c_nbWorkers, Int32(workers)))
            // Jobs of 1 MB (the default is 8 MB at level 3): each file holds a few in memory; the
            // output stays within 0.5 % of single-threaded mode's size.
            try check(ZSTD_CCtx_setParameter(ctx, ZSTD_c_jobSize, 1 << 20))
        }
    }

    deinit { if let context { ZSTD_freeCCtx(context) } }

    private func check(_ code: Int) throws {
        if ZSTD_isError(code) != 0 { throw OutputFailure.compression(String(cString: ZSTD_getErrorName(code))) }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count > 0 else { return }
        if pending.count + bytes.count <= chunk {
            pending.append(contentsOf: bytes)
            return
        }
        try compressPending()
        if bytes.count < chunk {
            pending.append(contentsOf: bytes)
        } else {
            try compress(bytes)
        }
    }

    private func compressPending() throws {
        guard !pending.isEmpty else { return }
        try pending.withUnsafeBytes { try compress($0) }
        pending.removeAll(keepingCapacity: true)
    }

    private func compress(_ bytes: UnsafeRawBufferPointer) throws {
        var input = ZSTD_inBuffer(src: bytes.baseAddress, size: bytes.count, pos: 0)
        while input.pos < input.size {
            try drain(&input, directive: ZSTD_e_continue)
        }
    }

    public func finish() throws {
        try compressPending()
        var input = ZSTD_inBuffer(src: nil, size: 0, pos: 0)
        var remaining = 1
        while remaining != 0 {
            remaining = try drain(&input, directive: ZSTD_e_end)
        }
        ZSTD_freeCCtx(context)
        context = nil
        pending = []
        output = []
        try next.finish()
    }

    @discardableResult
    private func drain(_ input: inout ZSTD_inBuffer, directive: ZSTD_EndDirective) throws -> Int {
        guard let context else { throw OutputFailure.compression("the zstd stream was finished already") }
        return try output.withUnsafeMutableBytes { out in
            var buffer = ZSTD_outBuffer(dst: out.baseAddress, size: out.count, pos: 0)
            let remaining = ZSTD_compressStream2(context, &buffer, &input, directive)
            try check(remaining)
            if buffer.pos > 0 { try next.write(UnsafeRawBufferPointer(rebasing: out[0..<buffer.pos])) }
            return remaining
        }
    }
}

/// gzip (zlib's deflate with the gzip wrapper) in front of another sink, for tools that cannot
/// read zstd. The header carries no time stamp, so the bytes depend on the content only.
public final class GzipSink: ByteSink {
    private let next: ByteSink
    private var stream = z_stream()
    private var output = [UInt8](repeating: 0, count: 1 << 16)

    public init(level: Int32, into next: ByteSink) throws {
        self.next = next
        // windowBits 15 + 16: a gzip wrapper instead of zlib's.
        let status = deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                                   ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw OutputFailure.compression("deflateInit2 failed (\(status))") }
    }

    deinit { deflateEnd(&stream) }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count > 0 else { return }
        stream.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress!.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(bytes.count)
        try pump(flush: Z_NO_FLUSH)
    }

    public func finish() throws {
        stream.next_in = nil
        stream.avail_in = 0
        try pump(flush: Z_FINISH)
        try next.finish()
    }

    private func pump(flush: Int32) throws {
        var status: Int32 = Z_OK
        repeat {
            status = try output.withUnsafeMutableBytes { out -> Int32 in
                stream.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(out.count)
                let status = deflate(&stream, flush)
                guard status != Z_STREAM_ERROR else { throw OutputFailure.compression("deflate failed") }
                let produced = out.count - Int(stream.avail_out)
                if produced > 0 { try next.write(UnsafeRawBufferPointer(rebasing: out[0..<produced])) }
                return status
            }
        } while stream.avail_out == 0 || (flush == Z_FINISH && status != Z_STREAM_END)
    }
}
