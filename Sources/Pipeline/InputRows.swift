import Output
import ReportModel

/// The `inputs` rows, one per input file: the file's path, the report read from it and its
/// status; an empty report id when the file could not be read. Kept during the run (a path, an id
/// and a status each) and written after the reports, sorted by path as `errors` are, so that
/// shards merge; in the dataset layout, under the report's year.
struct InputRows {
    private var rows: [(year: String, path: String, reportID: String, status: ReportStatus)] = []

    mutating func add(path: String, _ report: RenderedReport) {
        rows.append((report.reportYear, path, report.reportID, report.status))
    }

    mutating func addUnreadable(path: String) {
        rows.append(("", path, "", .failed))
    }

    func write(to output: OutputSet) throws {
        for row in rows.enumerated().sorted(by: { a, b in
            a.element.path != b.element.path ? a.element.path < b.element.path : a.offset < b.offset
        }).map(\.element) {
            try output.append([[row.path, row.reportID, row.status.rawValue]], to: .inputs, reportYear: row.year)
        }
    }
}
