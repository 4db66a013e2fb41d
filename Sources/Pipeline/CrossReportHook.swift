import Consistency
import Output
import Regions
import ReportModel

/// The driver's side of the cross-report step: places an ambiguous agency with the input's path
/// as each report is written, keeps what the step needs, and writes `consistency` and `coverage`
/// once every report is written.
struct CrossReportHook {
    /// The division tables' resolver, waited for only when a report needs it.
    let resolver: @Sendable () -> RegionResolver?
    private var step = CrossReport()

    init(resolver: @escaping @Sendable () -> RegionResolver?) {
        self.resolver = resolver
    }

    private static let agencyColumn = OutputFile.reports.columns.firstIndex(of: "agency")!
    private static let regionColumns: Range<Int> = {
        let first = OutputFile.reports.columns.firstIndex(of: "agency_key")!
        return first..<first + 7
    }()

    /// Reads beforehand, on any thread, what `place` needs: where the input's path places a
    /// report whose agency is ambiguous (unless its group's summaries said so already), and what
    /// the cross-report step keeps of the report.
    static func prepare(_ rendered: inout RenderedReport, path: String, resolver: () -> RegionResolver?) {
        let ambiguous = rendered.flags.contains(ReportFlag.regionAmbiguous.rawValue)
        if ambiguous && !rendered.regionByPathKnown {
            rendered.regionByPath = resolver().flatMap { narrowed(rendered, resolver: $0, path: path)?.agencyRegion }
        } else if !ambiguous {
            rendered.regionByPath = nil
        }
        rendered.regionByPathKnown = true
        let byPath = rendered.regionByPath
        let region: AgencyRegion
        if let byPath {
            region = byPath
        } else {
            let row = rendered.reportsRow, first = Self.regionColumns.lowerBound
            region = row.count >= Self.regionColumns.upperBound
                ? AgencyRegion(agencyKey: row[first], province: row[first + 1], prefecture: row[first + 2], county: row[first + 3],
                               adcode: row[first + 4], townshipCode: row[first + 5], level: row[first + 6])
                : AgencyRegion()
        }
        // (The flags as `place` leaves them, without copying them.)
        let flags = rendered.flags.lazy.filter { byPath == nil || $0 != ReportFlag.regionAmbiguous.rawValue }
        let inSeries = Self.inSeries(status: rendered.status.rawValue, flags: flags, region: region)
        rendered.crossReportEntry = CrossReport.Prepared(reportID: rendered.reportID, reportYear: rendered.reportYear, region: region,
                                                         inSeries: inSeries, encodedFacts: rendered.facts, textRows: rendered.textRows)
        // (Read into the entry; let go here, on the worker, rather than by the writer.)
        rendered.facts = []
    }

    /// The report with its region narrowed by the folder path when its name alone left it
    /// ambiguous, and recorded for the cross-report step (a copy of a report is not).
    mutating func place(_ rendered: RenderedReport, path: String, duplicate: Bool) -> RenderedReport {
        guard !duplicate else { return rendered }
        var rendered = rendered
        if rendered.crossReportEntry == nil { Self.prepare(&rendered, path: path, resolver: resolver) }
        step.add(rendered.crossReportEntry!)
        rendered.crossReportEntry = nil
        if let byPath = rendered.regionByPath {
            rendered.reportsRow.replaceSubrange(Self.regionColumns, with: byPath.fields)
            rendered.flags.removeAll { $0 == ReportFlag.regionAmbiguous.rawValue }
        }
        return rendered
    }

    /// Whether a report joins its agency's series: read, and placed without doubt (an ambiguous
    /// or unplaced agency_key may stand for several bodies).
    static func inSeries(status: String, flags: some Sequence<String>, region: AgencyRegion) -> Bool {
        status != ReportStatus.failed.rawValue && !flags.contains(ReportFlag.regionAmbiguous.rawValue)
            && !flags.contains(ReportFlag.regionUnknown.rawValue) && !region.adcode.isEmpty
    }

    /// A resolution by name and path that is certain and lies inside what the report itself made certain.
    static func narrowed(_ rendered: RenderedReport, resolver: RegionResolver, path: String) -> RegionResolution? {
        let row = rendered.reportsRow
        let resolved = resolver.resolve(agency: row[agencyColumn], year: Int(rendered.reportYear), pathHint: path)
        guard !resolved.ambiguous, let code = Int(resolved.townshipCode.isEmpty ? resolved.adcode : resolved.townshipCode) else {
            return nil
        }
        let certain = row[regionColumns.lowerBound + 4]
        if let known = Int(certain), !RegionResolver.contains(known, code) { return nil }
        return resolved
    }

    /// (`threads` encode the rows; they come out the same whatever the count.)
    func write(to output: OutputSet, threads: Int) throws {
        try step.emitEncoded(threads: threads, consistency: { try output.appendEncoded($1, rows: $2, to: .consistency, reportYear: $0) },
                             coverage: { try output.append([$1], to: .coverage, reportYear: $0) })
    }
}
