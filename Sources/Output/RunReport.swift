import SystemBytes
import Foundation
import ReportModel

/// `report.html`: one self-contained page (inline CSS and SVG, no script, nothing fetched) that
/// says what a run did and what is in its data. Fed one report at a time as the writer writes
/// them; it keeps counts and a few bounded lists, never rows.
package struct RunReport {
    package static let fileName = "report.html"
    /// The slowest files and the failed files shown (the counts cover them all).
    static let slowestShown = 10
    static let failedShown = 200

    /// The headline cell of each table charted by year: its wide column and what it counts.
    package static let charted: [(file: OutputFile, column: String, en: String, zh: String)] = [
        (.applicationsWide, "new_received__total", "applications received (table 三, 一、本年新收, 总计)", "本年新收申请"),
        (.activeDisclosureWide, "admin_penalty__decisions", "administrative penalty decisions (table 二)", "行政处罚决定"),
        (.reviewLitigationWide, "admin_review__total", "administrative reviews (table 四, 行政复议 总计)", "行政复议总计"),
    ]

    package struct Totals: Equatable, Sendable {
        package var reports = 0
        /// Whole numbers (most headline values) are summed as integers, the others as decimals:
        /// exact either way, and a `Decimal` addition costs thousands of instructions.
        private var wholeSum: Int64 = 0
        private var decimalSum: Decimal = 0
        package var sum: Decimal { decimalSum + Decimal(wholeSum) }

        package init(reports: Int = 0, sum: Decimal = 0) {
            self.reports = reports
            decimalSum = sum
        }

        mutating func add(_ value: ExactNumber) {
            reports += 1
            switch value {
            case .whole(let whole):
                let (added, overflow) = wholeSum.addingReportingOverflow(whole)
                if overflow { decimalSum += Decimal(whole) } else { wholeSum = added }
            case .decimal(let number):
                decimalSum += number
            }
        }

        package static func == (a: Totals, b: Totals) -> Bool { a.reports == b.reports && a.sum == b.sum }
    }

    package var status: [String: Int] = [:]
    package var years: [String: Int] = [:]
    package var templates: [String: Int] = [:]
    package var flags: [String: Int] = [:]
    package var forms: [String: Int] = [:]
    package var encodings: [String: Int] = [:]
    package var failedChecksByRule: [String: Int] = [:]
    package var failedChecksByYear: [String: Int] = [:]
    package var checksEvaluated = 0
    /// Per charted table: report year → reports with a value, and their sum.
    package var totals: [String: [String: Totals]] = [:]
    package var slowest: [(path: String, seconds: Double)] = []
    package var failed: [(path: String, code: String, message: String)] = []
    package var failedCount = 0

    package init() {}

    /// One report as written (`reports` row values by column name).
    package mutating func add(report: [String: String], path: String, seconds: Double?) {
        add(status: report["status"] ?? "", year: report["report_year"] ?? "", template: report["template"] ?? "",
            encoding: report["source_encoding"] ?? "",
            flags: (report["flags"] ?? "").split(separator: ";").map(String.init),
            checksEvaluated: report["checks_evaluated"] ?? "", path: path, seconds: seconds)
    }

    /// The same, from the row's values; `flags` as the row's `flags` field split at `;`.
    package mutating func add(status: String, year: String, template: String, encoding: String, flags: [String],
                              checksEvaluated: String, path: String, seconds: Double?) {
        self.status[status, default: 0] += 1
        years[year, default: 0] += 1
        templates[template, default: 0] += 1
        encodings[encoding, default: 0] += 1
        forms[Self.form(of: path), default: 0] += 1
        for flag in flags where !flag.isEmpty { self.flags[flag, default: 0] += 1 }
        self.checksEvaluated += Int(checksEvaluated) ?? 0
        if let seconds { noteTime(path: path, seconds: seconds) }
    }

    /// A failed identity of a report of `year`.
    package mutating func addFailedCheck(rule: String, year: String) {
        failedChecksByRule[rule, default: 0] += 1
        failedChecksByYear[year, default: 0] += 1
    }

    /// A charted table's headline value for one report.
    package mutating func addTotal(table: OutputFile, year: String, value: String) {
        // (The wide rows' numbers are plain notation: parsed without a locale made per value.)
        guard let number = ExactNumber(text: value[...]) else { return }
        totals[table.rawValue, default: [:]][year, default: Totals()].add(number)
    }

    /// An input that could not be read, or an `errors` row of a report.
    package mutating func addProblem(path: String, code: String, message: String) {
        failedCount += 1
        if failed.count < Self.failedShown { failed.append((path, code, message)) }
    }

    /// An input read without a report (unreadable): its form still counts.
    package mutating func addUnreadable(path: String) {
        forms[Self.form(of: path), default: 0] += 1
    }

    mutating func noteTime(path: String, seconds: Double) {
        guard slowest.count < Self.slowestShown || seconds > slowest.last!.seconds else { return }
        slowest.append((path, seconds))
        slowest.sort { $0.seconds != $1.seconds ? $0.seconds > $1.seconds : $0.path < $1.path }
        if slowest.count > Self.slowestShown { slowest.removeLast() }
    }

    /// The input form: the file name's extension (`txt`, `html`, `pdf`, …).
    static func form(of path: String) -> String {
        // (An ASCII path, most: its bytes are its characters, read as they are.)
        let utf8 = path.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return formOfAnyPath(path) }
        let slash = UInt8(ascii: "/")
        var end = utf8.endIndex
        while end > utf8.startIndex, utf8[utf8.index(before: end)] == slash { end = utf8.index(before: end) }
        // The last non-empty component, or the whole path when it has none.
        let name = end == utf8.startIndex ? utf8[...]
            : utf8[(utf8[..<end].lastIndex(of: slash).map { utf8.index(after: $0) } ?? utf8.startIndex)..<end]
        guard let dot = name.lastIndex(of: UInt8(ascii: ".")), dot != name.startIndex else { return "(none)" }
        return String(decoding: name[name.index(after: dot)...], as: UTF8.self).lowercased()
    }

    static func formOfAnyPath(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "(none)" }
        return name[name.index(after: dot)...].lowercased()
    }

    // MARK: the page

    package struct RunFacts: Sendable {
        package var files: Int
        package var ok: Int
        package var partial: Int
        package var failed: Int
        package var errorRows: Int
        package var skippedByPatterns: Int
        package var unchanged: Int
        package var seconds: Double
        package var inputBytes: Int
        package var startedAt: String
        package var pipelineVersion: String
        package var notes: [String]

        package init(files: Int, ok: Int, partial: Int, failed: Int, errorRows: Int, skippedByPatterns: Int,
                     unchanged: Int, seconds: Double, inputBytes: Int, startedAt: String, pipelineVersion: String,
                     notes: [String] = []) {
            self.files = files
            self.ok = ok
            self.partial = partial
            self.failed = failed
            self.errorRows = errorRows
            self.skippedByPatterns = skippedByPatterns
            self.unchanged = unchanged
            self.seconds = seconds
            self.inputBytes = inputBytes
            self.startedAt = startedAt
            self.pipelineVersion = pipelineVersion
            self.notes = notes
        }
    }

    package func html(_ run: RunFacts) -> String {
        var page = HTMLPage()
        page.raw("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
        page.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        page.raw("<title>gov-disclosure-etl run \(MarkupText.escaped(run.startedAt))</title><style>\(Self.style)</style></head><body>")
        page.raw("<h1>政府信息公开年报 ETL — run of \(MarkupText.escaped(run.startedAt))</h1>")
        page.raw("<p class=\"lead\">")
        page.text(String(format: "%d files: %d ok, %d partial, %d failed; %d error rows; %.2f s; %.1f MB read; pipeline %@",
                         run.files, run.ok, run.partial, run.failed, run.errorRows, run.seconds,
                         Double(run.inputBytes) / 1_000_000, run.pipelineVersion))
        page.raw("</p>")
        page.table(id: "summary", title: "Run", header: ["", "count"], rows: [
            ["files", "\(run.files)"], ["ok", "\(run.ok)"], ["partial", "\(run.partial)"], ["failed", "\(run.failed)"],
            ["error rows", "\(run.errorRows)"], ["unchanged (from cache)", "\(run.unchanged)"],
            ["skipped by the patterns", "\(run.skippedByPatterns)"], ["identities evaluated", "\(checksEvaluated)"],
            ["identities failed", "\(failedChecksByRule.values.reduce(0, +))"],
        ])
        for note in run.notes { page.raw("<p class=\"note\">"); page.text(note); page.raw("</p>") }
        page.raw("<div class=\"grid\">")
        page.counts(id: "status", title: "Reports by status", status, order: ["ok", "partial", "failed"])
        page.counts(id: "template", title: "Reports by template", templates)
        page.counts(id: "year", title: "Reports by year", years, byKey: true)
        page.counts(id: "form", title: "Input forms (file name extension)", forms, unit: "files")
        page.counts(id: "encoding", title: "Encodings", encodings)
        page.counts(id: "flag", title: "Flags", flags)
        page.counts(id: "check-rule", title: "Failed identities by rule", failedChecksByRule, unit: "identities")
        page.counts(id: "check-year", title: "Failed identities by year", failedChecksByYear, byKey: true, unit: "identities")
        page.raw("</div>")
        page.raw("<h2>Totals by year</h2><div class=\"grid\">")
        for chart in Self.charted {
            let byYear = totals[chart.file.rawValue] ?? [:]
            let years = byYear.keys.filter { !$0.isEmpty }.sorted()
            page.raw("<section><h3>\(MarkupText.escaped(chart.zh))</h3><p class=\"small\">")
            page.text("\(chart.file.rawValue).\(chart.column): \(chart.en)")
            page.raw("</p>")
            page.barChart(years.map { ($0, byYear[$0]!.sum) })
            page.table(id: "totals-\(chart.file.rawValue)", title: nil, header: ["report_year", "reports", "sum"],
                       rows: years.map { [$0, "\(byYear[$0]!.reports)", "\(byYear[$0]!.sum)"] })
            page.raw("</section>")
        }
        page.raw("</div>")
        page.table(id: "slowest", title: "Slowest files (seconds; files from the cache not timed)", header: ["file", "seconds"],
                   rows: slowest.map { [$0.path, String(format: "%.3f", $0.seconds)] })
        let shown = failedCount > failed.count ? " (the first \(failed.count) of \(failedCount); all in errors)" : ""
        page.table(id: "failed", title: "Error rows\(shown)", header: ["file", "code", "reason"],
                   rows: failed.map { [$0.path, $0.code, $0.message] })
        page.raw("</body></html>\n")
        return page.text
    }

    static let style = """
        body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}h1{font-size:1.3em}h2{font-size:1.1em}
        h3{font-size:1em;margin:.2em 0}table{border-collapse:collapse;margin:.4em 0 1em}
        td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}td.n{text-align:right}
        .grid{display:flex;flex-wrap:wrap;gap:1.5em}.lead{font-size:1.1em}.small{font-size:.85em;color:#555}
        .note{color:#a00}svg text{font-size:10px}
        """
}

/// A page built as escaped text.
struct HTMLPage {
    var text = ""

    mutating func raw(_ s: String) { text += s }
    mutating func text(_ s: String) { text += MarkupText.escaped(s) }

    /// A table whose cells carry `data-key` (the row's first cell), so that a test reads the numbers.
    mutating func table(id: String, title: String?, header: [String], rows: [[String]]) {
        if let title { raw("<section><h3>"); text(title); raw("</h3>") } else { raw("<section>") }
        raw("<table id=\"\(MarkupText.escaped(id))\"><tr>")
        for h in header { raw("<th>"); text(h); raw("</th>") }
        raw("</tr>")
        for row in rows {
            raw("<tr data-key=\"\(MarkupText.escaped(row.first ?? ""))\">")
            for (i, cell) in row.enumerated() {
                raw(i > 0 && Double(cell) != nil ? "<td class=\"n\">" : "<td>")
                text(cell)
                raw("</td>")
            }
            raw("</tr>")
        }
        raw("</table></section>")
    }

    /// Counts by key, largest first (or by key), the empty key shown as "(none)".
    mutating func counts(id: String, title: String, _ counts: [String: Int], order: [String] = [], byKey: Bool = false,
                         unit: String = "reports") {
        let keys = counts.keys.sorted { a, b in
            if let i = order.firstIndex(of: a), let j = order.firstIndex(of: b) { return i < j }
            if byKey { return a < b }
            return counts[a]! != counts[b]! ? counts[a]! > counts[b]! : a < b
        }
        table(id: id, title: title, header: ["", unit], rows: keys.map { [$0.isEmpty ? "(none)" : $0, "\(counts[$0]!)"] })
    }

    /// Vertical bars, one per label, scaled to the largest value.
    mutating func barChart(_ bars: [(label: String, value: Decimal)]) {
        let width = max(120, bars.count * 44 + 10), height = 130, plot = 100.0
        let top = bars.map { NSDecimalNumber(decimal: $0.value).doubleValue }.max() ?? 0
        raw("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" role=\"img\">")
        raw("<line x1=\"0\" y1=\"\(Int(plot) + 2)\" x2=\"\(width)\" y2=\"\(Int(plot) + 2)\" stroke=\"#999\"/>")
        for (i, bar) in bars.enumerated() {
            let v = NSDecimalNumber(decimal: bar.value).doubleValue
            let h = top > 0 ? max(1, (v / top * plot).rounded()) : 0
            let x = 8 + i * 44
            raw("<rect x=\"\(x)\" y=\"\(Int(plot - h) + 2)\" width=\"32\" height=\"\(Int(h))\" fill=\"#3b7dd8\">")
            raw("<title>"); text("\(bar.label): \(bar.value)"); raw("</title></rect>")
            raw("<text x=\"\(x + 16)\" y=\"\(height - 14)\" text-anchor=\"middle\">"); text(bar.label); raw("</text>")
            raw("<text x=\"\(x + 16)\" y=\"\(height - 2)\" text-anchor=\"middle\">"); text("\(bar.value)"); raw("</text>")
        }
        raw("</svg>")
    }
}
