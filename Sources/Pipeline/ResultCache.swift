import Foundation
import SystemBytes

/// Per-file results kept between runs, so a nightly run processes only new or changed files.
///
/// What it guarantees:
/// - An entry is used only for the key it was made for: the content hash, the build's identity
///   (a digest of the executable) and the settings that change results. Every entry starts with
///   that key and a SHA-256 of its payload; an entry that fails either check (a bit flip, a zeroed
///   tail after a power loss, two entries swapped) is dropped and its report processed again.
/// - Entries are written to a temporary name and renamed: a killed run leaves whole entries or none.
/// - The cache deletes only what it can prove is its own: its root holds a marker file, and pruning
///   removes only entry-named files (64 hex digits) in its two-hex-digit folders.
struct ResultCache: Sendable {
    let folder: URL
    /// `folder.path`, made once (`URL.path` decodes the URL each time it is asked).
    let folderPath: String
    /// What, besides the content, decides a result.
    let salt: String

    static let markerName = ".etl-cache"
    static let markerText = "gov-disclosure-etl result cache: entries are per-report results, keyed by content, build and settings\n"
    /// An entry's first bytes: `ETLCACHE` and the format's version. Then the key, the payload's
    /// SHA-256, the length of the payload's header line (4 bytes, little-endian) and that line's
    /// own SHA-256, so that the line can be read and verified without the rest (`loadSummary`).
    static let magic: [UInt8] = Array("ETLCACH4".utf8)
    static let headerSize = magic.count + 32 + 32 + 4 + 32

    init(folder: URL, buildIdentity: String, relevantSettings: String) {
        self.folder = folder
        folderPath = folder.path
        salt = buildIdentity + "\u{0}" + relevantSettings
        var prefix = SHA256()
        prefix.update(data: Data((salt + "\u{0}").utf8))
        keyPrefix = KeyPrefix(hasher: prefix)
    }

    /// The salt and its zero byte hashed once; each key copies the hasher and goes on. (Only
    /// read once made, so threads share it.)
    private final class KeyPrefix: @unchecked Sendable {
        let hasher: SHA256
        init(hasher: SHA256) { self.hasher = hasher }
    }
    private let keyPrefix: KeyPrefix

    enum Refusal: Error, CustomStringConvertible {
        case notACache(String, example: String)
        case unusable(String, String)

        var description: String {
            switch self {
            case .notACache(let path, let example):
                "cache \(path) holds files etl did not write (\(example)) and no \(ResultCache.markerName) marker; "
                    + "choose an empty or new folder for `cache`; nothing was touched"
            case .unusable(let path, let reason): "cache \(path): \(reason)"
            }
        }
    }

    /// Makes the folder ready: new or empty, it gets the marker; an existing one must carry the
    /// marker, or hold nothing but entries of an earlier build's layout (then it gets the marker).
    func prepare() throws(Refusal) {
        let fm = FileManager.default
        let marker = folder.appendingPathComponent(Self.markerName).path
        var info = stat()
        if lstat(folder.path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw .unusable(folder.path, "is a file, not a folder") }
            if fm.fileExists(atPath: marker) { return }
            let names = ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
            if let foreign = names.first(where: { !isLegacyEntryFolder($0) }) {
                throw .notACache(folder.path, example: foreign)
            }
        }
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(Self.markerText.utf8).write(to: URL(fileURLWithPath: marker))
        } catch {
            throw .unusable(folder.path, "cannot create it: \(error.localizedDescription)")
        }
    }

    /// A two-hex-digit folder that holds only entry files: what the cache looked like before it
    /// had a marker.
    private func isLegacyEntryFolder(_ name: String) -> Bool {
        guard Self.isHexPrefix(name) else { return false }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(name).path)) ?? []
        return names.allSatisfy(Self.isEntryName)
    }

    static func isHexPrefix(_ name: String) -> Bool {
        name.utf8.count == 2 && name.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// An entry (64 hex digits) or an entry's temporary file (`HEX.tmp…`).
    static func isEntryName(_ name: String) -> Bool {
        let hex = name.prefix(64)
        guard ContentDigest(hex: hex) != nil else { return false }
        return name.count == 64 || name.dropFirst(64).hasPrefix(".tmp")
    }

    /// The SHA-256 of the salt, a zero byte and the content's hex digits.
    func key(content: ContentDigest) -> ContentDigest {
        var hasher = keyPrefix.hasher.copy()
        hasher.update(data: Data(content.hex.utf8))
        return ContentDigest(hasher.finalize())
    }

    /// (A string, not `URL.appendingPathComponent`: building URLs was a twentieth of a no-change run.)
    private func path(for key: ContentDigest) -> String {
        let name = key.hex
        return folderPath + "/" + name.prefix(2) + "/" + name
    }

    /// The whole file at `path`; nil when it cannot be read. With `size`, nil as well when the
    /// file is not that long (then it is not read). (`FileManager.contents(atPath:)` cost twice
    /// the read itself.)
    static func contents(of path: String, size: Int? = nil) -> Data? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, size == nil || Int(info.st_size) == size else {
            return nil
        }
        // (Read into memory of its own, handed to `Data`: `Data(count:)` zeroed it first.)
        let size = Int(info.st_size)
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(size, 1), alignment: 16)
        var total = 0
        while total < size {
            let n = read(fd, buffer + total, size - total)
            if n < 0 { if errno == EINTR { continue }; buffer.deallocate(); return nil }
            if n == 0 { break }
            total += n
        }
        return Data(bytesNoCopy: buffer, count: total, deallocator: .custom { pointer, _ in pointer.deallocate() })
    }

    enum Lookup {
        case hit(RenderedReport)
        case miss
        /// There was an entry, and it failed its checks (it has been removed).
        case damaged(String)
    }

    func load(_ key: ContentDigest) -> Lookup {
        let file = path(for: key)
        guard let data = Self.contents(of: file) else { return .miss }
        let reason: String
        switch Self.verifiedPayload(data, key: key) {
        case .success(let payload):
            if let report = RenderedReport(serialized: payload) { return .hit(report) }
            reason = "its content does not parse"
        case .failure(let why):
            reason = why.description
        }
        unlink(file)
        return .damaged("cache entry \(file) dropped: \(reason)")
    }

    /// The report without its blobs, from the entry's header line (read alone, and verified by
    /// its own checksum): what a run needs of a report whose rows it copies as frames.
    func loadSummary(_ key: ContentDigest) -> Lookup {
        let file = path(for: key)
        let fd = open(file, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .miss }
        defer { close(fd) }
        // (Most header lines are a few kilobytes: one read takes the entry's head with its line.)
        var head = FileSystem.read(fd, offset: 0, count: 8192)
        let reason: String
        if head.count >= Self.headerSize, head.prefix(Self.magic.count).elementsEqual(Self.magic) {
            let lineLength = head.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: Self.lineLengthOffset, as: UInt32.self))) }
            if head.count < Self.headerSize + lineLength {
                head += FileSystem.read(fd, offset: head.count, count: Self.headerSize + lineLength - head.count)
            }
            if !head[Self.magic.count..<Self.magic.count + 32].elementsEqual(key.bytes) {
                reason = "made for another key"
            } else if head.count < Self.headerSize + lineLength {
                reason = "shorter than its header line"
            } else {
                let line = Data(head[Self.headerSize..<Self.headerSize + lineLength])
                let stored = head[(Self.lineLengthOffset + 4)..<Self.headerSize]
                if !SHA256.hash(data: line).withUnsafeBytes({ stored.elementsEqual($0) }) {
                    reason = "header checksum mismatch"
                } else if let report = RenderedReport(summary: line) {
                    return .hit(report)
                } else {
                    reason = "its header does not parse"
                }
            }
        } else {
            reason = "not an entry of this format"
        }
        unlink(file)
        return .damaged("cache entry \(file) dropped: \(reason)")
    }

    private static let lineLengthOffset = magic.count + 64

    struct Damage: Error, CustomStringConvertible {
        let description: String
    }

    /// The payload of an entry whose magic, key and checksum are right.
    static func verifiedPayload(_ data: Data, key: ContentDigest) -> Result<Data, Damage> {
        guard data.count >= headerSize, data.prefix(magic.count).elementsEqual(magic) else {
            return .failure(Damage(description: "not an entry of this format"))
        }
        let start = data.startIndex
        let storedKey = data[(start + magic.count)..<(start + magic.count + 32)]
        guard storedKey.elementsEqual(key.bytes) else {
            return .failure(Damage(description: "made for another key"))
        }
        let storedSum = data[(start + magic.count + 32)..<(start + magic.count + 64)]
        let payload = data[(start + headerSize)...]
        guard SHA256.hash(data: payload).withUnsafeBytes({ storedSum.elementsEqual($0) }) else {
            return .failure(Damage(description: "checksum mismatch"))
        }
        return .success(payload)
    }

    static func entry(payload: Data, key: ContentDigest) -> Data {
        var data = Data(capacity: headerSize + payload.count)
        data.append(contentsOf: magic)
        data.append(contentsOf: key.bytes)
        SHA256.hash(data: payload).withUnsafeBytes { data.append(contentsOf: $0) }
        let line = RenderedReport.headerLine(payload)
        withUnsafeBytes(of: UInt32(line.count).littleEndian) { data.append(contentsOf: $0) }
        SHA256.hash(data: line).withUnsafeBytes { data.append(contentsOf: $0) }
        data.append(payload)
        return data
    }

    /// Written to a temporary name and renamed. Not synced one by one (that was a twentieth of a
    /// full run): the driver flushes the cache's file system once before it commits the outputs,
    /// and a damaged entry fails its checksum anyway.
    func store(_ report: RenderedReport, key: ContentDigest) throws {
        try store(payload: try report.serialized(), key: key)
    }

    /// An entry of a report serialized already (`RenderedReport.serialized`).
    func store(payload: Data, key: ContentDigest) throws {
        let target = path(for: key)
        let data = Self.entry(payload: payload, key: key)
        // A `--full` run makes the entries it finds again, byte for byte: replacing a file by
        // rename makes ext4 write the old one back first, a few percent of the run.
        if let existing = Self.contents(of: target, size: data.count), existing == data { return }
        let temporary = target + ".tmp\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        var fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0, errno == ENOENT {
            try FileManager.default.createDirectory(atPath: folderPath + "/" + key.hex.prefix(2), withIntermediateDirectories: true)
            fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { throw CacheFailure.write(temporary, errno) }
        let written = data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        let failure = errno
        close(fd)
        guard written, rename(temporary, target) == 0 else {
            let error = CacheFailure.write(target, written ? errno : failure)
            unlink(temporary)
            throw error
        }
    }

    /// Makes the entries written so far durable (one `syncfs` for all of them).
    func sync() {
        FileSystem.syncFileSystem(holding: folder.path)
    }

    enum CacheFailure: Error, CustomStringConvertible {
        case write(String, Int32)
        var description: String {
            switch self {
            case .write(let path, let code): "cannot write \(path): \(String(cString: strerror(code)))"
            }
        }
    }

    /// Removes the entries no current input uses, and stray temporary files: only entry-named
    /// files in two-hex-digit folders of a folder that carries the marker. The temporary files of
    /// this process stay: it prunes while its workers store entries.
    func prune(keeping keys: Set<ContentDigest>) {
        let fm = FileManager.default
        guard fm.fileExists(atPath: folder.appendingPathComponent(Self.markerName).path) else { return }
        let own = ".tmp\(getpid())-"
        for sub in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] where Self.isHexPrefix(sub) {
            let dir = folder.appendingPathComponent(sub)
            for name in (try? fm.contentsOfDirectory(atPath: dir.path)) ?? [] where Self.isEntryName(name) {
                if name.count == 64, let key = ContentDigest(hex: name), keys.contains(key) { continue }
                if name.dropFirst(64).hasPrefix(own) { continue }
                unlink(dir.path + "/" + name)
            }
        }
    }
}
