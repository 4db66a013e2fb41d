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
        for (n, line) in Self.lines(areacodesCSV).enumerated() where n > 0 {
            let f = Self.fields(line, omittingEmpty: false)
            guard f.count == 9, let code = Int(f[0]), let start = Int(f[6]) else {
                throw Failure(description: "areacodes.csv line \(n + 1): not a division row")
            }
            let level: Level
            switch f[4] {
            case "省级": level = .province
            case "地级": level = .prefecture
            case "县级": level = .county
            default: throw Failure(description: "areacodes.csv line \(n + 1): unknown level \(f[4])")
            }
            let successors = f[5] == "在用" ? [] : f[8].split(separator: ";").compactMap {
                Int($0.prefix { $0 != "[" })
            }
            divisions.append(Division(code: code, province: f[1], prefecture: f[2] == "直辖" ? "" : f[2], name: f[3],
                                      level: level, start: start, end: f[5] == "在用" ? nil : Int(f[7]),
                                      successors: successors))
        }
        var townships: [Township] = []
        for (n, line) in Self.lines(townshipsCSV).enumerated() where n > 0 {
            let f = Self.fields(line, omittingEmpty: true)
            guard f.count == 2, let code = Int(f[0]), f[0].count == 9 else {
                throw Failure(description: "townships-2021.csv line \(n + 1): not a township row")
            }
            townships.append(Township(code: code, name: String(f[1])))
        }
        guard !divisions.isEmpty, !townships.isEmpty else { throw Failure(description: "empty division tables") }
        var byName: [String: [Place]] = [:]
        var byCode: [Int: [Int]] = [:]
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
        names = NameTrie(names: byName.keys.filter { $0.count >= 2 })
        townshipNames = Dictionary(townships.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    /// The non-empty lines, split on bytes (`\n`, a `\r` before it dropped): the tables are
    /// 1.4 MB, read at every run's start.
    static func lines(_ csv: String) -> [Substring] {
        csv.linesSplitAtLF().compactMap { line in
            let line = line.utf8.last == UInt8(ascii: "\r") ? line.dropLast() : line
            return line.isEmpty ? nil : line
        }
    }

    /// The comma-separated fields of a line (the tables quote nothing).
    static func fields(_ line: Substring, omittingEmpty: Bool) -> [String] {
        let bytes = Array(line.utf8)
        var fields: [String] = []
        var start = 0
        for i in 0...bytes.count where i == bytes.count || bytes[i] == UInt8(ascii: ",") {
            if !omittingEmpty || start != i { fields.append(String(decoding: bytes[start..<i], as: UTF8.self)) }
            start = i + 1
        }
        return fields
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
