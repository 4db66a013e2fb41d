import SystemBytes

/// The national division tables, parsed once and shared read-only: GB/T 2260 codes of county
/// level and up since 1981 (`areacodes.csv`) and the 2021 townships (`townships-2021.csv`).
public final class RegionTables: Sendable {
    public enum Level: String, Sendable {
        case province, prefecture, county, township
    }

    /// One code in one period: a code whose parent changed has a row per period.
    public struct Division: Sendable {
        public let code: Int
        public let province: String
        /// The 二级行政区 of the row; empty for a province and for counties directly under one.
        public let prefecture: String
        public let name: String
        public let level: Level
        public let start: Int
        /// First year no longer in use; nil while in use.
        public let end: Int?
        /// The codes that replaced an abolished one.
        public let successors: [Int]

        func inUse(_ year: Int?) -> Bool {
            guard let year else { return end == nil }
            return start <= year && (end.map { year < $0 } ?? true)
        }
    }

    public struct Township: Sendable {
        public let code: Int
        public let name: String
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    public let divisions: [Division]
    public let townships: [Township]
    /// Name (full, and a province's short name) → divisions and townships carrying it.
    let byName: [String: [Place]]
    /// Division rows by code.
    let byCode: [Int: [Int]]
    /// The names of two characters or more, for scans of a text.
    let names: NameTrie
    let townshipNames: [Int: String]

    enum Place: Sendable, Hashable {
        case division(Int)
        case township(Int)
    }

    public init(areacodesCSV: String, townshipsCSV: String) throws(Failure) {
        var divisions: [Division] = []
        let areacodes = Array(areacodesCSV.utf8)
        divisions.reserveCapacity(areacodes.count / 60)
        for (n, f) in Self.rows(areacodes) where n > 0 {
            func text(_ i: Int) -> String { String(decoding: areacodes[f[i]], as: UTF8.self) }
            guard f.count == 9, let code = Self.int(areacodes[f[0]]), let start = Self.int(areacodes[f[6]]) else {
                throw Failure(description: "areacodes.csv line \(n + 1): not a division row")
            }
            let level: Level
            switch text(4) {
            case "省级": level = .province
            case "地级": level = .prefecture
            case "县级": level = .county
            default: throw Failure(description: "areacodes.csv line \(n + 1): unknown level \(text(4))")
            }
            let inUse = text(5) == "在用"
            let successors = inUse ? [] : text(8).split(separator: ";").compactMap {
                Int($0.prefix { $0 != "[" })
            }
            let prefecture = text(2)
            divisions.append(Division(code: code, province: text(1), prefecture: prefecture == "直辖" ? "" : prefecture, name: text(3),
                                      level: level, start: start, end: inUse ? nil : Self.int(areacodes[f[7]]),
                                      successors: successors))
        }
        var townships: [Township] = []
        let townshipBytes = Array(townshipsCSV.utf8)
        townships.reserveCapacity(townshipBytes.count / 20)
        for (n, all) in Self.rows(townshipBytes) where n > 0 {
            let f = all.filter { !$0.isEmpty }
            guard f.count == 2, f[0].count == 9, let code = Self.int(townshipBytes[f[0]]) else {
                throw Failure(description: "townships-2021.csv line \(n + 1): not a township row")
            }
            townships.append(Township(code: code, name: String(decoding: townshipBytes[f[1]], as: UTF8.self)))
        }
        guard !divisions.isEmpty, !townships.isEmpty else { throw Failure(description: "empty division tables") }
        var byName: [String: [Place]] = [:]
        byName.reserveCapacity(divisions.count + townships.count)
        var byCode: [Int: [Int]] = [:]
        byCode.reserveCapacity(divisions.count)
        for (i, d) in divisions.enumerated() {
            byName[d.name, default: []].append(.division(i))
            byCode[d.code, default: []].append(i)
            if d.level == .province, let short = Self.shortProvinceName(d.name), short != d.name {
                byName[short, default: []].append(.division(i))
            }
        }
        for (i, t) in townships.enumerated() { byName[t.name, default: []].append(.township(i)) }
        self.divisions = divisions
        self.townships = townships
        self.byName = byName
        self.byCode = byCode
        names = NameTrie(names: byName.keys, minimumLength: 2)
        townshipNames = Dictionary(townships.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    /// The non-empty lines of a table (a `\r` before the `\n` dropped), numbered from 0, each as
    /// its comma-separated fields' byte ranges (the tables quote nothing): the tables are 1.4 MB,
    /// read whenever a run has a report to read.
    static func rows(_ bytes: [UInt8]) -> [(Int, [Range<Int>])] {
        var rows: [(Int, [Range<Int>])] = []
        rows.reserveCapacity(bytes.count / 20)
        var lineStart = 0
        while lineStart < bytes.count {
            var end = lineStart
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            let next = end + 1
            if end > lineStart, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            if end > lineStart {
                var fields: [Range<Int>] = []
                var start = lineStart
                for i in lineStart...end where i == end || bytes[i] == UInt8(ascii: ",") {
                    fields.append(start..<i)
                    start = i + 1
                }
                rows.append((rows.count, fields))
            }
            lineStart = next
        }
        return rows
    }

    /// Decimal digits with an optional sign, as `Int(String)` reads them.
    static func int(_ bytes: ArraySlice<UInt8>) -> Int? {
        Int(String(decoding: bytes, as: UTF8.self))
    }

    /// 新疆维吾尔自治区 → 新疆, 湖北省 → 湖北, 北京市 → 北京 (kept only when two characters or more).
    static func shortProvinceName(_ name: String) -> String? {
        for suffix in ["维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "省", "市"] where name.hasSuffix(suffix) {
            let short = String(name.dropLast(suffix.count))
            return short.count >= 2 ? short : nil
        }
        return nil
    }

    /// The row of `code` in use in `year` (or the latest row).
    func division(code: Int, year: Int?) -> Division? {
        guard let rows = byCode[code] else { return nil }
        return rows.map { divisions[$0] }.first { $0.inUse(year) } ?? rows.map { divisions[$0] }.max { $0.start < $1.start }
    }
}
