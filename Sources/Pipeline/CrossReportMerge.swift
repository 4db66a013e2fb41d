import Consistency
import Foundation
import Output
import ReportModel

/// `etl merge`'s cross-report step: a shard saw only its own reports, so `consistency` and
/// `coverage` are made again from the shards' `reports`, `applications`, `active_disclosure` and
/// text comparisons, as one full run makes them.
enum CrossReportMerge {
    static let files: Set<OutputFile> = [.consistency, .coverage]

    static func write(shards: [URL], compression: Compression, to output: OutputSet) throws {
        struct Report {
            var path: String
            var year: String
            var region: AgencyRegion
            var inSeries: Bool
        }
        func records(_ shard: URL, _ file: OutputFile, _ each: ([UInt8]) throws -> Void) throws {
            let reader = try RecordReader(path: shard.appendingPathComponent(file.rawValue + compression.fileExtension).path,
                                          compression: compression)
            _ = try reader.next()
            while let record = try reader.next() { try each(record) }
        }
        func column(_ file: OutputFile, _ name: String) -> Int { file.columns.firstIndex(of: name)! }

        var reports: [String: Report] = [:]
        var facts: [String: [String: String]] = [:]
        var texts: [String: [[String]]] = [:]
        let regionStart = column(.reports, "agency_key")
        for shard in shards {
            try records(shard, .reports) { record in
                let f = (0..<OutputFile.reports.columns.count).map { RecordReader.field(record, at: $0) }
                let id = f[0], path = f[column(.reports, "source_path")]
                if let known = reports[id], !Array(path.utf8).lexicographicallyPrecedes(Array(known.path.utf8)) { return }
                let region = AgencyRegion(fields: f[regionStart..<regionStart + 7]) ?? AgencyRegion()
                let flags = Set(f[column(.reports, "flags")].split(separator: ";").map(String.init))
                reports[id] = Report(path: path, year: f[column(.reports, "report_year")], region: region,
                                     inSeries: CrossReportHook.inSeries(status: f[column(.reports, "status")], flags: flags, region: region))
            }
            try records(shard, .applications) { record in
                let row = RecordReader.field(record, at: column(.applications, "row_key"))
                guard row == "carried_over" || row == "carried_forward" else { return }
                let value = RecordReader.field(record, at: column(.applications, "value"))
                guard !value.isEmpty else { return }
                let key = "\(row)__\(RecordReader.field(record, at: column(.applications, "column_key")))"
                facts[RecordReader.firstField(record), default: [:]][key] = value
            }
            try records(shard, .activeDisclosure) { record in
                let item = RecordReader.field(record, at: column(.activeDisclosure, "item_key"))
                let measure = RecordReader.field(record, at: column(.activeDisclosure, "measure_key"))
                let value = RecordReader.field(record, at: column(.activeDisclosure, "value"))
                guard CrossReportFacts.items.contains(item), CrossReportFacts.measures.contains(measure), !value.isEmpty,
                      RecordReader.field(record, at: column(.activeDisclosure, "unit")) == "count" else { return }
                facts[RecordReader.firstField(record), default: [:]]["\(item)__\(measure)"] = value
            }
            var seen: Set<String> = []
            try records(shard, .consistency) { record in
                let f = (0..<OutputFile.consistency.columns.count).map { RecordReader.field(record, at: $0) }
                guard f[2] == "text_vs_table" else { return }
                // A report in several shards has the same comparisons in each: kept from the first.
                if texts[f[0]] != nil && !seen.contains(f[0]) { return }
                seen.insert(f[0])
                texts[f[0], default: []].append([f[3], f[4], f[5], f[6], f[7]])
            }
        }
        var step = CrossReport()
        for id in reports.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let report = reports[id]!
            let encoded = (facts[id] ?? [:]).map { "\($0.key)=\($0.value)" }
            step.add(reportID: id, reportYear: report.year, region: report.region, inSeries: report.inSeries,
                     facts: CrossReportFacts(encoded: encoded), textRows: texts[id] ?? [])
        }
        try step.emitEncoded(threads: ProcessInfo.processInfo.activeProcessorCount,
                             consistency: { try output.appendEncoded($1, rows: $2, to: .consistency) },
                             coverage: { try output.append([$1], to: .coverage) })
    }
}
