import CZstd
import Dispatch
import Foundation
import SystemBytes

/// zstd frames compressed on a few threads of their own, each frame in one call
/// (`ZSTD_compress2`), so that its bytes depend on its content alone: a frame that a later run
/// would make again from the same rows can be copied from the last run's file instead.
///
/// A file is a sequence of frames (readers decompress them as one stream): its header's, then a
/// frame per group of reports the driver marks (`OutputSet.endGroup`), cut further at
/// `FramedZstdSink.frameLimit`.
package final class FrameCompressor: @unchecked Sendable {
    private let level: Int32
    private let queue = DispatchQueue(label: "etl.frames", attributes: .concurrent)
    private let contexts = NSLock()
    private var idle: [OpaquePointer] = []
    /// At most `width` frames compress at once: more would only queue on Dispatch's threads.
    private let slots: DispatchSemaphore

    package init(level: Int32, width: Int) {
        self.level = level
        slots = DispatchSemaphore(value: max(1, width))
    }

    deinit { for context in idle { ZSTD_freeCCtx(context) } }

    /// One frame being made; `wait()` gives its bytes and their SHA-256.
    package final class Job: @unchecked Sendable {
        /// Entered until the result is set (a group's wait does not consume, unlike a semaphore's).
        fileprivate let done = DispatchGroup()
        fileprivate var result: Result<(bytes: [UInt8], sha256: SHA256Digest), OutputFailure>?
        let rows: Int
        let group: Int?

        fileprivate init(rows: Int, group: Int?) {
            self.rows = rows
            self.group = group
            done.enter()
        }

        /// A frame that is ready (copied from the last run's file).
        init(ready bytes: [UInt8], sha256: SHA256Digest, rows: Int, group: Int?) {
            self.rows = rows
            self.group = group
            result = .success((bytes, sha256))
        }

        var isDone: Bool { done.wait(timeout: .now()) == .success }

        func wait() throws -> (bytes: [UInt8], sha256: SHA256Digest) {
            done.wait()
            return try result!.get()
        }
    }

    /// `input` as one frame, compressed on the calling thread (what a frame costs, for the
    /// benchmarks).
    package func compressedNow(_ input: [UInt8]) throws -> [UInt8] {
        try compress(input).get().bytes
    }

    /// Compresses `input` as one frame on the pool; blocks while every slot is busy.
    func submit(_ input: [UInt8], rows: Int, group: Int?) -> Job {
        let job = Job(rows: rows, group: group)
        slots.wait()
        queue.async { [self] in
            job.result = compress(input)
            slots.signal()
            job.done.leave()
        }
        return job
    }

    private func context() throws(OutputFailure) -> OpaquePointer {
        if let reused = contexts.withLock({ idle.popLast() }) { return reused }
        guard let made = ZSTD_createCCtx() else { throw OutputFailure.compression("cannot create a zstd context") }
        // Readers that check frames (zstd -t) verify the content checksum. No frame states its
        // size: a one-shot decompression (`zstandard`'s `decompress`) then refuses the file
        // instead of returning its first frame, the header row, alone.
        guard ZSTD_isError(ZSTD_CCtx_setParameter(made, ZSTD_c_compressionLevel, level)) == 0,
              ZSTD_isError(ZSTD_CCtx_setParameter(made, ZSTD_c_checksumFlag, 1)) == 0,
              ZSTD_isError(ZSTD_CCtx_setParameter(made, ZSTD_c_contentSizeFlag, 0)) == 0
        else {
            ZSTD_freeCCtx(made)
            throw OutputFailure.compression("cannot set zstd level \(level)")
        }
        return made
    }

    private func compress(_ input: [UInt8]) -> Result<(bytes: [UInt8], sha256: SHA256Digest), OutputFailure> {
        let ctx: OpaquePointer
        do { ctx = try context() } catch { return .failure(error) }
        defer { contexts.withLock { idle.append(ctx) } }
        var output = [UInt8](repeating: 0, count: ZSTD_compressBound(input.count))
        let size = input.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { target in
                ZSTD_compress2(ctx, target.baseAddress, target.count, source.baseAddress, source.count)
            }
        }
        if ZSTD_isError(size) != 0 { return .failure(.compression(String(cString: ZSTD_getErrorName(size)))) }
        output.removeSubrange(size...)
        return .success((output, output.withUnsafeBytes { SHA256.hash(data: $0) }))
    }
}

/// Where one file's frames were written, by the group of reports they hold.
package struct FrameSpan: Sendable, Equatable {
    package var offset: Int
    package var length: Int
    package var rows: Int
    /// SHA-256 of the `length` bytes, hex.
    package var sha256: String

    package init(offset: Int, length: Int, rows: Int, sha256: String) {
        self.offset = offset
        self.length = length
        self.rows = rows
        self.sha256 = sha256
    }
}

/// One output stream as frames: the bytes written go into the current frame, which is handed to
/// the `FrameCompressor` when the driver ends a group or it reaches `frameLimit`; finished frames
/// go to the file in order, by the thread that writes.
package final class FramedZstdSink: ByteSink {
    /// Frames are cut at this many bytes of input too: the memory a stream holds stays bounded
    /// whatever a group holds (and a file written in no groups is many frames, not one).
    package static let frameLimit = 2 << 20
    private let next: ByteSink
    private let compressor: FrameCompressor
    /// Bytes handed to `next`: where the next frame starts in the file.
    private var written = 0
    private var frame: [UInt8] = []
    private var frameRows = 0
    private var pending: [FrameCompressor.Job] = []
    /// The frames of each group written so far: (group, span).
    private(set) var spans: [(group: Int, span: FrameSpan)] = []
    var group: Int?

    package init(compressor: FrameCompressor, into next: ByteSink) {
        self.compressor = compressor
        self.next = next
    }

    /// Frames are cut at exactly `frameLimit` bytes (a row may span two), so that the bytes
    /// depend on the content and the groups alone, not on how the writes cut it.
    package func write(_ bytes: UnsafeRawBufferPointer) throws {
        var rest = bytes
        while frame.count + rest.count >= Self.frameLimit {
            let room = Self.frameLimit - frame.count
            frame.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest[..<room]))
            rest = UnsafeRawBufferPointer(rebasing: rest[room...])
            try cut()
        }
        frame.append(contentsOf: rest)
    }

    /// Counts rows into the frame being made (what a copied group's frames must carry).
    func addRows(_ n: Int) { frameRows += n }

    /// Hands the frame being made to the compressor (nothing when it is empty).
    package func cut() throws {
        guard !frame.isEmpty else { return }
        pending.append(compressor.submit(frame, rows: frameRows, group: group))
        frame = []
        frame.reserveCapacity(min(Self.frameLimit, 64 << 10))
        frameRows = 0
        try writeFinished(waiting: pending.count > 2)
    }

    /// Frames from the last run's file, verified, in place of making them again: the frame being
    /// made must be empty.
    func copy(_ bytes: [UInt8], sha256: SHA256Digest, rows: Int) throws {
        precondition(frame.isEmpty, "a copied frame starts at a frame boundary")
        pending.append(FrameCompressor.Job(ready: bytes, sha256: sha256, rows: rows, group: group))
        try writeFinished(waiting: false)
    }

    /// Writes the finished frames at the head of the queue; `waiting`, waits for the oldest.
    private func writeFinished(waiting: Bool) throws {
        var mustWait = waiting
        while let job = pending.first {
            guard mustWait || job.isDone else { return }
            mustWait = false
            let (bytes, sha256) = try job.wait()
            let offset = written
            try bytes.withUnsafeBytes { try next.write($0) }
            written += bytes.count
            if let group = job.group {
                spans.append((group, FrameSpan(offset: offset, length: bytes.count, rows: job.rows, sha256: sha256.lowercaseHex)))
            }
            pending.removeFirst()
        }
    }

    package func finish() throws {
        try cut()
        while !pending.isEmpty { try writeFinished(waiting: true) }
        frame = []
        try next.finish()
    }
}
