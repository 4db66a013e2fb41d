import Foundation
import Output
import ReportModel

/// The cross-report step: fed one report at a time in report order, as the driver writes them,
/// it keeps only each report's region, year, a few numbers and its text comparisons; at the end
/// it gives the `consistency` and `coverage` rows. Findings are reported, never repaired.
///
/// Memory is what a run of tens of thousands of reports must bound, and an entry is kept for
/// every report until the end (its comparisons need the year before, which may come later in
/// report order): an entry names its region by its index in a table of the distinct regions, and
/// its facts by the index of their key, kept only for a report in a series (no other is
/// compared); the rows are handed out one at a time, never gathered.
public struct CrossReport: Sendable {
    struct Entry: Sendable {
        let reportID: String
        let year: Int?
        /// In `regions`.
        let region: Int32
        /// The region is certain enough to put the report in a series.
        let inSeries: Bool
        /// (index in `factNames`, value).
        let facts: FactList
        /// column_key, lhs, rhs, passed, evidence.
        let textRows: [[String]]

        func fact(_ key: UInt16) -> ExactNumber? {
            facts.value(key)
        }
    }

    private var entries: [Entry] = []
    /// The distinct regions, and where each is in the table (by its fields).
    private var regions: [AgencyRegion] = []
    private var regionIndex: [[UInt8]: Int32] = [:]

    public init() {}

    /// - inSeries: false for a report whose body is ambiguous or has no region: its agency_key may
    ///   stand for several bodies, so it joins no series and no coverage row.
    public mutating func add(reportID: String, reportYear: String, region: AgencyRegion, inSeries: Bool,
                             facts: CrossReportFacts, textRows: [[String]]) {
        add(Prepared(reportID: reportID, reportYear: reportYear, region: region, inSeries: inSeries, textRows: textRows) {
            facts.values.compactMap { key, value in Self.factIndex[Substring(key)].map { ($0, ExactNumber(value)) } }
        })
    }

    /// The same, the facts as `CrossReportFacts.encoded` gives them (`key=value`), read only
    /// when the report joins a series (no other's facts are kept).
    public mutating func add(reportID: String, reportYear: String, region: AgencyRegion, inSeries: Bool,
                             encodedFacts: [String], textRows: [[String]]) {
        add(Prepared(reportID: reportID, reportYear: reportYear, region: region, inSeries: inSeries,
                     encodedFacts: encodedFacts, textRows: textRows))
    }

    public mutating func add(_ report: Prepared) {
        let regionNumber: Int32
        // (Keyed by the fields' bytes: a key of seven strings, Chinese ones among them, was hashed
        // and compared through Unicode normalisation.)
        if let known = regionIndex[report.regionKey] {
            regionNumber = known
        } else {
            regionNumber = Int32(regions.count)
            regions.append(report.region)
            regionIndex[report.regionKey] = regionNumber
        }
        entries.append(Entry(reportID: report.reportID, year: report.year, region: regionNumber, inSeries: report.inSeries,
                             facts: report.facts, textRows: report.textRows))
    }

    public struct Rows: Sendable {
        /// With the report year that partitions them.
        public var consistency: [(year: String, row: [String])] = []
        public var coverage: [(year: String, row: [String])] = []
    }

    /// Every row gathered (tests and small merges; a run streams them with `emitRows`).
    public func rows() -> Rows {
        var rows = Rows()
        emitRows(consistency: { rows.consistency.append(($0, $1)) }, coverage: { rows.coverage.append(($0, $1)) })
        return rows
    }

    /// The `consistency` rows (each report's text comparisons, then its comparisons with the
    /// reports of the year before in its series), in report order, then the `coverage` rows by
    /// agency key: each handed to its closure with its report year. (As fields, for `rows()`; the
    /// runs write `emitEncoded`'s bytes, which a test holds equal to these rows encoded.)
    func emitRows(consistency: (String, [String]) throws -> Void, coverage: (String, [String]) throws -> Void) rethrows {
        let series = self.series()
        try walkConsistency(series) { entry, year, comparisons in
            for text in entry.textRows {
                try consistency(year, [entry.reportID, "", "text_vs_table", text[0], text[1], text[2], text[3], text[4]])
            }
            for c in comparisons {
                try consistency(year, [entry.reportID, entries[c.other].reportID, Self.rules[c.rule], Self.columns[c.rule][c.column],
                                       c.lhs.text, c.rhs.text, c.lhs == c.rhs ? "true" : "false", ""])
            }
        }
        try emitCoverage(series, coverage)
    }

    /// The same rows, a report's `consistency` rows encoded as CSV (`CSVEncoding`) in one piece
    /// with their count: the rows of tens of thousands of reports, without an array per row.
    ///
    /// `threads`: how many threads encode the rows, a block of reports at a time, each thread its
    /// part of the block into a buffer made once, here; the rows are handed out in report order
    /// whatever the count. (The blocks are small: an array per report, or buffers of megabytes,
    /// raised the peak RSS at 30,000 reports by 10–25 MB, memory malloc kept.)
    public func emitEncoded(threads: Int = 1, consistency: (String, ArraySlice<UInt8>, Int) throws -> Void,
                            coverage: (String, [String]) throws -> Void) rethrows {
        let series = self.series()
        let ids = idBytes()
        let keys = Self.keys
        let threads = max(1, min(threads, 16))
        let parts = (0..<threads).map { _ in EncodedPart() }
        let blockSize = Self.entriesPerPart * threads
        var start = 0
        while start < entries.count {
            let block = start..<min(start + blockSize, entries.count)
            let partSize = (block.count + threads - 1) / threads
            let ranges = (0..<threads).map { p in
                min(block.lowerBound + p * partSize, block.upperBound)..<min(block.lowerBound + (p + 1) * partSize, block.upperBound)
            }
            if threads == 1 {
                encode(ranges[0], into: parts[0], series: series, ids: ids, keys: keys)
            } else {
                DispatchQueue.concurrentPerform(iterations: threads) { p in
                    encode(ranges[p], into: parts[p], series: series, ids: ids, keys: keys)
                }
            }
            for part in parts {
                var from = 0
                for report in part.reports {
                    try consistency(report.year, part.bytes[from..<report.end], report.rows)
                    from = report.end
                }
            }
            start = block.upperBound
        }
        try emitCoverage(series, coverage)
    }

    /// Reports a thread encodes at a time (about 150 KB of rows).
    package static let entriesPerPart = 64

    /// One thread's share of a block: the rows of its reports that have any, one after another,
    /// and where each report's rows end. (Each thread touches only its own part.)
    private final class EncodedPart: @unchecked Sendable {
        var bytes: [UInt8] = []
        var reports: [(year: String, end: Int, rows: Int)] = []
        init() {
            bytes.reserveCapacity(1 << 16)
            reports.reserveCapacity(CrossReport.entriesPerPart)
        }
    }

    /// (The entries, ids and series are read in place, through buffer pointers: copying an entry
    /// out of the array, or a report id's bytes out of its string, retained them, a third of this
    /// step's time.)
    private func encode(_ range: Range<Int>, into part: EncodedPart, series: Series, ids: (bytes: [UInt8], end: [Int]),
                        keys: FactKeys) {
        part.reports.removeAll(keepingCapacity: true)
        var comparisons: [Comparison] = []
        comparisons.reserveCapacity(64)
        var bytes = part.bytes
        part.bytes = []
        bytes.removeAll(keepingCapacity: true)
        defer { part.bytes = bytes }
        let names = Self.encodedNames, trueEnd = Self.trueEnd, falseEnd = Self.falseEnd
        InPlace.read(entries, series, ids) { entries, previous, previousStart, idBytes, idEnd in
            func id(_ i: Int) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: idBytes[(i == 0 ? 0 : idEnd[i - 1])..<idEnd[i]])
            }
            for index in range {
                comparisons.removeAll(keepingCapacity: true)
                Self.comparisons(of: index, in: entries, previous: previous, previousStart: previousStart, keys: keys,
                                 into: &comparisons)
                guard !entries[index].textRows.isEmpty || !comparisons.isEmpty else { continue }
                for text in entries[index].textRows {
                    CSVEncoding.append([entries[index].reportID, "", "text_vs_table", text[0], text[1], text[2], text[3], text[4]],
                                       to: &bytes)
                }
                // (Ids, rules and column keys are plain ASCII words: no field needs quotes.)
                let own = id(index)
                for c in comparisons {
                    bytes.append(contentsOf: own)
                    bytes.append(UInt8(ascii: ","))
                    bytes.append(contentsOf: id(c.other))
                    bytes.append(contentsOf: names[c.rule][c.column])
                    c.lhs.append(to: &bytes)
                    bytes.append(UInt8(ascii: ","))
                    c.rhs.append(to: &bytes)
                    bytes.append(contentsOf: c.lhs == c.rhs ? trueEnd : falseEnd)
                }
                part.reports.append((entries[index].year.map(String.init) ?? "", bytes.count,
                                     entries[index].textRows.count + comparisons.count))
            }
        }
    }

    /// The arrays `encode` reads, as buffer pointers for the length of `body`.
    private enum InPlace {
        static func read(_ entries: [Entry], _ series: Series, _ ids: (bytes: [UInt8], end: [Int]),
                         _ body: (UnsafeBufferPointer<Entry>, UnsafeBufferPointer<Int>, UnsafeBufferPointer<Int>,
                                  UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Int>) -> Void) {
            entries.withUnsafeBufferPointer { entries in
                series.previous.withUnsafeBufferPointer { previous in
                    series.previousStart.withUnsafeBufferPointer { previousStart in
                        ids.bytes.withUnsafeBufferPointer { idBytes in
                            ids.end.withUnsafeBufferPointer { idEnd in body(entries, previous, previousStart, idBytes, idEnd) }
                        }
                    }
                }
            }
        }
    }

    private static let trueEnd = Array(",true,\n".utf8)
    private static let falseEnd = Array(",false,\n".utf8)
    /// The cross-year rules, and each one's column (or item) keys in `compare`'s order.
    static let rules = ["carried_forward_continues", "in_force_continues"]
    static let columns = [carriedKeys.map(\.column), itemKeys.map(\.item)]
    /// `,rule,column,` as bytes, by rule and column.
    private static let encodedNames: [[[UInt8]]] = zip(rules, columns).map { rule, columns in
        columns.map { Array(",\(rule),\($0),".utf8) }
    }

    /// One report's comparison with a report of the year before (`other`, an entry's index):
    /// rule and column by their index in `rules` and `columns`.
    struct Comparison {
        let other: Int
        let rule: Int
        let column: Int
        let lhs: ExactNumber
        let rhs: ExactNumber
    }


    /// Each entry in report order, with its year and its comparisons with the year before.
    private func walkConsistency(_ series: Series, _ body: (Entry, String, [Comparison]) throws -> Void) rethrows {
        let keys = Self.keys
        var comparisons: [Comparison] = []
        for (index, entry) in entries.enumerated() {
            comparisons.removeAll(keepingCapacity: true)
            entries.withUnsafeBufferPointer { entries in
                series.previous.withUnsafeBufferPointer { previous in
                    series.previousStart.withUnsafeBufferPointer { start in
                        Self.comparisons(of: index, in: entries, previous: previous, previousStart: start, keys: keys, into: &comparisons)
                    }
                }
            }
            try body(entry, entry.year.map(String.init) ?? "", comparisons)
        }
    }

    /// An entry's comparisons with the reports of the year before in its series.
    private static func comparisons(of index: Int, in entries: UnsafeBufferPointer<Entry>, previous: UnsafeBufferPointer<Int>,
                                    previousStart: UnsafeBufferPointer<Int>, keys: FactKeys, into comparisons: inout [Comparison]) {
        for p in previousStart[index]..<previousStart[index + 1] {
            compare(entries[index], entries[previous[p]], previous[p], keys: keys, into: &comparisons)
        }
    }

    /// The series: agency key → year → its entries, by report id; and for each entry, the
    /// entries of the year before in its series (`previous[previousStart[i]..<previousStart[i + 1]]`,
    /// flat arrays: looking the year up per entry retained dictionaries and arrays).
    struct Series {
        var byKey: [String: [Int: [Int]]] = [:]
        var previousStart: [Int] = [0]
        var previous: [Int] = []
    }

    private func series() -> Series {
        var series = Series()
        for (i, entry) in entries.enumerated() where entry.inSeries {
            series.byKey[regions[Int(entry.region)].agencyKey, default: [:]][entry.year!, default: []].append(i)
        }
        for (key, years) in series.byKey {
            series.byKey[key] = years.mapValues { $0.sorted { entries[$0].reportID < entries[$1].reportID } }
        }
        let byRegion = regions.map { series.byKey[$0.agencyKey] }
        series.previousStart.reserveCapacity(entries.count + 1)
        for entry in entries {
            if entry.inSeries, let years = byRegion[Int(entry.region)], let before = years[entry.year! - 1] {
                series.previous += before
            }
            series.previousStart.append(series.previous.count)
        }
        return series
    }

    /// Every report id's bytes, one after another (`bytes[end[i - 1]..<end[i]]`).
    private func idBytes() -> (bytes: [UInt8], end: [Int]) {
        var bytes: [UInt8] = [], end: [Int] = []
        bytes.reserveCapacity(entries.count * 17)
        end.reserveCapacity(entries.count)
        for entry in entries {
            bytes += entry.reportID.utf8
            end.append(bytes.count)
        }
        return (bytes, end)
    }

    private func emitCoverage(_ series: Series, _ coverage: (String, [String]) throws -> Void) rethrows {
        for key in series.byKey.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let years = series.byKey[key]!
            let latest = regions[Int(entries[years[years.keys.max()!]!.last!].region)]
            let place = [latest.province, latest.prefecture, latest.county, latest.adcode, latest.level]
            for year in years.keys.min()!...years.keys.max()! {
                let ids = (years[year] ?? []).map { entries[$0].reportID }
                for id in ids.isEmpty ? [""] : ids {
                    try coverage(String(year), [key, String(year), id] + place)
                }
            }
        }
    }

    /// The facts compared, by index: each applications column's carried_forward and carried_over,
    /// then each item's in_force, issued and repealed. An entry keeps only these of a report's facts.
    static let factNames: [String] = carriedKeys.flatMap { [$0.forward, $0.over] }
        + itemKeys.flatMap { [$0.inForce, $0.issued, $0.repealed] }
    static let factIndex: [Substring: UInt16] = Dictionary(
        uniqueKeysWithValues: factNames.enumerated().map { (Substring($0.element), UInt16($0.offset)) })

    /// Where `compare` finds each fact (indices in `factNames`).
    struct FactKeys {
        let carried: [(forward: UInt16, over: UInt16)]
        let items: [(inForce: UInt16, issued: UInt16, repealed: UInt16)]
    }

    static let keys = FactKeys(
        carried: carriedKeys.indices.map { (UInt16(2 * $0), UInt16(2 * $0 + 1)) },
        items: itemKeys.indices.map { item in
            let first = 2 * carriedKeys.count + 3 * item
            return (UInt16(first), UInt16(first + 1), UInt16(first + 2))
        })

    static func compare(_ cur: Entry, _ prev: Entry, _ prevIndex: Int, keys: FactKeys, into out: inout [Comparison]) {
        for (column, key) in keys.carried.enumerated() {
            if let lhs = prev.fact(key.forward), let rhs = cur.fact(key.over) {
                out.append(Comparison(other: prevIndex, rule: 0, column: column, lhs: lhs, rhs: rhs))
            }
        }
        for (item, key) in keys.items.enumerated() {
            if let inForce = cur.fact(key.inForce), let issued = cur.fact(key.issued), let repealed = cur.fact(key.repealed),
               let previous = prev.fact(key.inForce) {
                out.append(Comparison(other: prevIndex, rule: 1, column: item, lhs: inForce,
                                      rhs: ExactNumber.sum(previous, issued, minus: repealed)))
            }
        }
    }

    /// The facts' keys `compare` looks up, made once.
    static let carriedKeys: [(column: String, forward: String, over: String)] = ApplicationsTable.columns.map {
        ($0.key, "carried_forward__\($0.key)", "carried_over__\($0.key)")
    }
    static let itemKeys: [(item: String, inForce: String, issued: String, repealed: String)] = CrossReportFacts.items.map {
        ($0, "\($0)__in_force", "\($0)__issued", "\($0)__repealed")
    }
}
