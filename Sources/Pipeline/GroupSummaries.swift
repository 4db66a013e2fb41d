import Foundation
import ReportModel
import SystemBytes

/// The summaries (cache entries' header lines) of a group's reports in one file of the cache,
/// named by the group's identity: a run that copies a group's frames reads one file for the
/// group's reports instead of one cache entry each. A file that fails its checksum is removed
/// and the reports' own entries are read instead. With each line goes the region the input's
/// path gave an ambiguous agency (the identity names the paths, and the cache key the division
/// tables), so that such a run needs no division tables until a report is read anew.
///
/// File: `ETLGRP2\n`, the SHA-256 of the rest (32 bytes), then each record's length (4 bytes,
/// little-endian) and bytes, in report order. A record is a header line, then, when the path
/// narrowed the region, a line feed and the region's fields joined by U+001F.
final class GroupSummaries: @unchecked Sendable {
    static let magic = Array("ETLGRP2\n".utf8)
    let folder: URL
    private let groups: ReportGroups
    private let wanted: [Bool]
    private let lock = NSLock()
    /// Loaded groups' records (nil: no sound file), and how many of their reports are yet to be taken.
    private var loaded: [Int: (records: [Data]?, left: Int)] = [:]

    /// - wanted: the groups whose summaries will be asked for (those the run copies).
    init(cache: URL, groups: ReportGroups, wanted: [Bool]) {
        folder = cache.appendingPathComponent("groups")
        self.groups = groups
        self.wanted = wanted
    }

    func url(_ group: Int) -> URL {
        folder.appendingPathComponent(groups.identities[group].hex)
    }

    /// Input `index`'s summary from its group's file; nil when the group has no sound file.
    /// Each record is handed out once: the group's records are let go when all are taken.
    func summary(for index: Int) -> RenderedReport? {
        record(for: index).flatMap(Self.summary)
    }

    private func record(for index: Int) -> Data? {
        guard let group = groups.groupOf[index], wanted[group] else { return nil }
        let members = groups.members(group)
        // (Read under the lock: a group's file is a few hundred kilobytes, read once.)
        return lock.withLock {
            var entry = loaded[group] ?? (read(group, count: members), members)
            entry.left -= 1
            loaded[group] = entry.left == 0 ? nil : entry
            return entry.records?[index - groups.firstInput[group]]
        }
    }

    private func read(_ group: Int, count: Int) -> [Data]? {
        let path = url(group).path
        guard let data = ResultCache.contents(of: path) else { return nil }
        guard let records = Self.records(data, count: count) else {
            unlink(path)
            return nil
        }
        return records
    }

    static func records(_ data: Data, count: Int) -> [Data]? {
        let start = data.startIndex
        guard data.count >= magic.count + 32, data.prefix(magic.count).elementsEqual(magic) else { return nil }
        let body = data[(start + magic.count + 32)...]
        guard SHA256.hash(data: body).withUnsafeBytes({ data[(start + magic.count)..<(start + magic.count + 32)].elementsEqual($0) })
        else { return nil }
        var records: [Data] = []
        var offset = body.startIndex
        while offset + 4 <= body.endIndex {
            let length = body[offset..<offset + 4].withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self))) }
            offset += 4
            guard offset + length <= body.endIndex else { return nil }
            records.append(body[offset..<offset + length])
            offset += length
        }
        return offset == body.endIndex && records.count == count ? records : nil
    }

    /// A report's record: its header line and the region its path gave it.
    static func record(_ line: Data, regionByPath: AgencyRegion?) -> Data {
        guard let regionByPath else { return line }
        var record = line
        record.append(10)
        record.append(contentsOf: regionByPath.fields.joined(separator: "\u{1F}").utf8)
        return record
    }

    /// The report a record holds, as a summary with its region by path worked out.
    static func summary(_ record: Data) -> RenderedReport? {
        let newline = RenderedReport.headerEnd(record)
        guard var summary = RenderedReport(summary: record[record.startIndex..<(newline ?? record.endIndex)]) else { return nil }
        if let newline {
            let fields = String(decoding: record[(newline + 1)...], as: UTF8.self).split(separator: "\u{1F}", omittingEmptySubsequences: false)
            guard let region = AgencyRegion(fields: fields.map(String.init)) else { return nil }
            summary.regionByPath = region
        }
        summary.regionByPathKnown = true
        return summary
    }

    /// Saves a group's records, whole or not at all.
    func save(_ group: Int, records: [Data]) throws {
        var body = Data()
        for record in records {
            withUnsafeBytes(of: UInt32(record.count).littleEndian) { body.append(contentsOf: $0) }
            body.append(record)
        }
        var data = Data(Self.magic)
        SHA256.hash(data: body).withUnsafeBytes { data.append(contentsOf: $0) }
        data.append(body)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try data.write(to: url(group), options: .atomic)
    }

    /// Removes the group files this run did not use (named by 64 hex digits, in `groups/`).
    func prune() {
        let keep = Set(groups.identities.map(\.hex))
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        where ContentDigest(hex: name) != nil && !keep.contains(name) {
            unlink(folder.appendingPathComponent(name).path)
        }
    }
}
