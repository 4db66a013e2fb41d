import Foundation
import Output
import SystemBytes

/// Where the last run's files hold each group's frames (`ReportGroups`), kept in the cache folder
/// for the output folder it describes. A run whose group is the same copies the group's frames
/// from the last run's files instead of writing its rows again; every frame's SHA-256 is checked
/// before it is copied, so an index that no longer fits the files (a damaged file, a run killed
/// between publishing and saving the index) costs the copy, never a wrong byte.
struct FrameIndex {
    typealias Frames = [OutputSet.StreamName: [FrameSpan]]
    var groups: [ContentDigest: Frames] = [:]

    static let firstLine = "etl frame index 1"

    /// The index's file for an output folder: in the cache, named by the folder's path.
    static func url(cache: URL, target: URL) -> URL {
        let name = SHA256.hash(data: Data(target.path.utf8)).lowercaseHex.prefix(16)
        return cache.appendingPathComponent("frames-\(name)")
    }

    /// The index saved for `target`; nil when there is none, or it fails its checksum or parse.
    static func load(cache: URL, target: URL) -> FrameIndex? {
        // The last line is `END` and the SHA-256 of everything before it.
        guard let data = ResultCache.contents(of: url(cache: cache, target: target).path), data.last == 10,
              let lastBreak = data.dropLast().lastIndex(of: 10)
        else { return nil }
        let end = lastBreak + 1
        guard String(decoding: data[end...], as: UTF8.self) == "END " + SHA256.hash(data: data[..<end]).lowercaseHex + "\n"
        else { return nil }
        var index = FrameIndex()
        var current: ContentDigest?
        let lines = data[..<end].split(separator: 10, omittingEmptySubsequences: false).dropLast()
        guard lines.first.map({ String(decoding: $0, as: UTF8.self) }) == firstLine else { return nil }
        for line in lines.dropFirst() {
            let fields = line.split(separator: 32).map { String(decoding: $0, as: UTF8.self) }
            switch fields.first {
            case "G" where fields.count == 2:
                guard let identity = ContentDigest(hex: fields[1]) else { return nil }
                current = identity
                index.groups[identity] = [:]
            case "S" where fields.count == 7:
                guard let group = current, let offset = Int(fields[3]), let length = Int(fields[4]), let rows = Int(fields[5]),
                      fields[6].utf8.count == 64
                else { return nil }
                let stream = OutputSet.StreamName(file: fields[1], partition: fields[2] == "-" ? "" : fields[2])
                index.groups[group]![stream, default: []].append(FrameSpan(offset: offset, length: length, rows: rows, sha256: fields[6]))
            default:
                return nil
            }
        }
        return index
    }

    /// Saved whole or not at all (`.atomic`: a temporary file renamed).
    func save(cache: URL, target: URL) throws {
        var text = Self.firstLine + "\n"
        for identity in groups.keys.sorted(by: { $0.hex < $1.hex }) {
            text += "G \(identity.hex)\n"
            for (stream, spans) in groups[identity]!.sorted(by: { ($0.key.file, $0.key.partition) < ($1.key.file, $1.key.partition) }) {
                for span in spans {
                    text += "S \(stream.file) \(stream.partition.isEmpty ? "-" : stream.partition) \(span.offset) \(span.length) \(span.rows) \(span.sha256)\n"
                }
            }
        }
        var data = Data(text.utf8)
        data += Data(("END " + SHA256.hash(data: data).lowercaseHex + "\n").utf8)
        try data.write(to: Self.url(cache: cache, target: target), options: .atomic)
    }

    typealias CopiedFrame = (stream: OutputSet.StreamName, bytes: [UInt8], sha256: SHA256Digest, rows: Int)

    /// A group's frames read from the last run's files in `folder` (each stream's file at
    /// `paths[stream]`), each checked against its SHA-256; nil when any is missing or differs.
    static func read(_ frames: Frames, from folder: URL, paths: [OutputSet.StreamName: String]) -> [CopiedFrame]? {
        var out: [CopiedFrame] = []
        for (stream, spans) in frames.sorted(by: { ($0.key.file, $0.key.partition) < ($1.key.file, $1.key.partition) }) {
            guard let path = paths[stream] else { return nil }
            let fd = open(folder.appendingPathComponent(path).path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            for span in spans {
                let bytes = FileSystem.read(fd, offset: span.offset, count: span.length)
                guard bytes.count == span.length else { return nil }
                let sha = bytes.withUnsafeBytes { SHA256.hash(data: $0) }
                guard sha.lowercaseHex == span.sha256 else { return nil }
                out.append((stream, bytes, sha, span.rows))
            }
        }
        return out
    }
}
