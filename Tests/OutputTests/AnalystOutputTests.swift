import Foundation
import Testing
@testable import Output

@Suite("The workbook and the run report")
struct AnalystOutputTests {
    static func reportsRow(_ id: String, year: String, path: String) -> [String] {
        OutputFile.reports.columns.map { column in
            switch column {
            case "report_id": id
            case "source_path": path
            case "report_year": year
            case "status": "ok"
            default: ""
            }
        }
    }

    @Test("a sheet past its row limit keeps the first rows and counts the rest, which the notes sheet reports")
    func rowLimit() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let set = try OutputSet(folder: folder, compression: .zstd, zstdLevel: 3)
        try set.append((1...5).map { Self.reportsRow("r\($0)", year: "2021", path: "=\($0).txt") }, to: .reports)
        _ = try set.finish()
        let path = folder.appendingPathComponent(Workbook.fileName).path
        let sheets = try Workbook.write(to: path, from: folder, compression: .zstd, layout: .files, rowLimit: 3)
        let reports = try #require(sheets.first { $0.name == "reports" })
        #expect(reports.rows == 2 && reports.leftOut == 3)
        #expect(Workbook.note(reports).hasPrefix("3 rows past the spreadsheet limit"))
        #expect(sheets.filter { $0.leftOut > 0 }.map(\.name) == ["reports", "dictionary"])
        #expect(sheets.first { $0.name == "applications_wide" }?.rows == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))  // a zip archive
        // Same inputs, same bytes.
        let again = folder.appendingPathComponent("again.xlsx").path
        _ = try Workbook.write(to: again, from: folder, compression: .zstd, layout: .files, rowLimit: 3)
        #expect(try Data(contentsOf: URL(fileURLWithPath: again)) == bytes)
    }

    @Test("record fields: quotes, doubled quotes, commas and newlines inside quotes, empty fields")
    func fields() {
        let record = Array("a,\"b,\"\"c\"\"\n d\",,\"\"\n".utf8)
        #expect(Workbook.fields(record) == ["a", "b,\"c\"\n d", "", ""])
    }

    @Test("the run report counts reports, failed identities and totals, and escapes what it shows")
    func runReport() {
        var report = RunReport()
        report.add(report: ["status": "ok", "report_year": "2021", "template": "2021", "source_encoding": "utf-8",
                            "flags": "empty_cells;page_chrome", "checks_evaluated": "39"], path: "a/x.HTML", seconds: 0.5)
        report.add(report: ["status": "partial", "report_year": "", "template": "2019", "source_encoding": "gb18030",
                            "flags": "page_chrome", "checks_evaluated": "0"], path: "b.txt", seconds: nil)
        report.addFailedCheck(rule: "row_total_is_sum", year: "2021")
        report.addTotal(table: .applicationsWide, year: "2021", value: "160")
        report.addTotal(table: .applicationsWide, year: "2021", value: "0.5")
        report.addTotal(table: .applicationsWide, year: "2021", value: "not a number")
        report.addProblem(path: "<b>.html", code: "not_a_report", message: "no standard section & no table")
        #expect(report.status == ["ok": 1, "partial": 1])
        #expect(report.years == ["2021": 1, "": 1])
        #expect(report.forms == ["html": 1, "txt": 1])
        #expect(report.flags == ["empty_cells": 1, "page_chrome": 2])
        #expect(report.checksEvaluated == 39)
        #expect(report.totals["applications_wide"]?["2021"] == RunReport.Totals(reports: 2, sum: Decimal(string: "160.5")!))
        // Whole numbers are summed as integers, exactly, beyond 64 bits too; a value that is no
        // number adds no year.
        var sums = RunReport()
        for value in Array(repeating: "999999999999999999", count: 10) + ["-7", "12.25", "x"] {
            sums.addTotal(table: .applicationsWide, year: "2022", value: value)
        }
        sums.addTotal(table: .applicationsWide, year: "2023", value: "x")
        #expect(sums.totals["applications_wide"]?["2022"]
                == RunReport.Totals(reports: 12, sum: Decimal(string: "9999999999999999995.25")!))
        #expect(sums.totals["applications_wide"]?["2023"] == nil)
        #expect(report.slowest.map(\.path) == ["a/x.HTML"])
        let page = report.html(.init(files: 3, ok: 1, partial: 1, failed: 1, errorRows: 1, skippedByPatterns: 0,
                                     unchanged: 0, seconds: 1, inputBytes: 10, startedAt: "t", pipelineVersion: "v"))
        #expect(page.contains("&lt;b&gt;.html") && !page.contains("<b>.html"))
        #expect(page.contains("no standard section &amp; no table"))
        #expect(page.contains("<tr data-key=\"row_total_is_sum\"><td>row_total_is_sum</td><td class=\"n\">1</td></tr>"))
        #expect(page.contains("<tr data-key=\"2021\"><td>2021</td><td class=\"n\">2</td><td class=\"n\">160.5</td></tr>"))
        #expect(!page.contains("<script") && !page.contains("src=") && !page.contains("href="))
    }
}
