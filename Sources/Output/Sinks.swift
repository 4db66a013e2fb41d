import CLibZ
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
/// A full buffer is hashed and written on a queue of the file's own while the caller fills the
/// next (at most one waits for the queue): the thread that assembles the outputs does not wait
/// on the kernel's copy, and the bytes and their order are the same.
public final class FileSink: ByteSink, @unchecked Sendable {  // (the buffer is the caller's; the hasher and writes the queue's)
    public let path: String
    private let fd: Int32
    private var buffer: [UInt8] = []
    private let bufferSize: Int
    public private(set) var bytesWritten = 0
    public private(set) var sha256Hex = ""
    private let queue = DispatchQueue(label: "etl.file-sink")
    private let room = DispatchSemaphore(value: 1)
    /// Used on the queue only.
    private var hasher = SHA256()
    /// The errno of a failed write, set on the queue.
    private var failedErrno: Int32 = 0
    private let failureLock = NSLock()
    private var failure: Int32 {
        get { failureLock.withLock { failedErrno } }
        set { failureLock.withLock { failedErrno = newValue } }
    }

    public init(path: String, bufferSize: Int = 1 << 20) throws {
        self.path = path
        self.bufferSize = bufferSize
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputFailure.cannotCreate(path, errno: errno) }
        buffer.reserveCapacity(bufferSize)
    }

    /// (Every block on the queue holds the sink: none is left when it goes.)
    deinit { if fd >= 0 { close(fd) } }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        bytesWritten += bytes.count
        // A piece larger than the buffer (multithreaded zstd hands over whole jobs) goes to the
        // file as it is: appended, it would double the buffer for the rest of the run.
        if buffer.count + bytes.count > bufferSize {
            try flush()
            if bytes.count >= bufferSize { return try enqueue(Array(bytes)) }
        }
        buffer.append(contentsOf: bytes)
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        let piece = buffer
        buffer = []
        buffer.reserveCapacity(bufferSize)
        try enqueue(piece)
    }

    private func enqueue(_ piece: [UInt8]) throws {
        let failed = failure
        guard failed == 0 else { throw OutputFailure.writeFailed(path, errno: failed) }
        room.wait()
        queue.async { [self] in
            defer { room.signal() }
            guard failure == 0 else { return }
            let code = piece.withUnsafeBytes { bytes in
                hasher.update(bufferPointer: bytes)
                return writeAll(bytes)
            }
            if code != 0 { failure = code }
        }
    }

    /// 0, or the errno of the failed write.
    private func writeAll(_ raw: UnsafeRawBufferPointer) -> Int32 {
        var offset = 0
        while offset < raw.count {
            let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return 0
    }

    /// Writes what is left, fsyncs the file and gives its SHA-256. With `syncLater` set, the
    /// fsync and the digest are left to the file's queue and `awaitFinished` waits for them: the
    /// files of an output set are synced at once, not one after another.
    public func finish() throws {
        try flush()
        // The other files are still being finished: this one's buffer is given back now.
        buffer = []
        queue.async { [self] in
            if failure != 0 { return }
            if fsync(fd) != 0 { failure = errno; return }
            finalDigest = Array(hasher.finalize())
        }
        if !syncLater { try awaitFinished() }
    }

    /// See `finish`.
    public var syncLater = false
    /// Set on the queue by `finish`.
    private var finalDigest: [UInt8] = []

    /// Waits for the fsync `finish` started; throws when a write or the fsync failed.
    public func awaitFinished() throws {
        let (code, digest) = queue.sync { (failure, finalDigest) }
        guard code == 0 else { throw OutputFailure.writeFailed(path, errno: code) }
        sha256Hex = digest.map { String(format: "%02x", $0) }.joined()
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
