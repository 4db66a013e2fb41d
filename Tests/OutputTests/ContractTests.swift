import Foundation
import ReportModel
import Testing
@testable import Output

/// A report with table 二 and table 三 cells, for the contract-2 rules.
func reportWithTables(id: String, fee: (value: Decimal, raw: String, unit: ValueUnit),
                      extra: [ActiveDisclosureCell] = [], checks: [CheckResult] = []) -> ProcessedReport {
    var report = ProcessedReport(reportID: id, sourcePath: "\(id).txt", sourceSHA256: "ab")
    report.metadata = ReportMetadata(agency: "某县人民政府", reportYear: 2021)
    report.template = .t2021
    report.status = .ok
    var tables = ExtractedTables(template: .t2021)
    tables.activeDisclosure = [
        ActiveDisclosureCell(itemKey: "regulations", measureKey: "issued", unit: .count,
                             cell: CellValue(value: 3, raw: "3")),
        ActiveDisclosureCell(itemKey: "admin_fees", measureKey: "amount", unit: fee.unit,
                             cell: CellValue(value: fee.value, raw: fee.raw, statedUnit: fee.unit)),
    ] + extra
    tables.applications = [ApplicationCell(row: 0, column: 0, cell: CellValue(value: 12, raw: "12"))]
    tables.checks = checks
    report.tables = tables
    return report
}

func decimal(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))! }

/// The value of a wide column in a report's wide row, and the report's flags.
func wide(_ report: ProcessedReport, _ column: String) -> String? {
    let rows = ReportRows.rows(report)
    guard let row = rows[.activeDisclosureWide]?.first,
          let index = OutputFile.activeDisclosureWide.columns.firstIndex(of: column) else { return nil }
    return row[index]
}

func flags(_ report: ProcessedReport) -> String {
    let row = ReportRows.rows(report)[.reports]![0]
    return row[OutputFile.reports.columns.firstIndex(of: "flags")!]
}

@Suite("Wide tables hold one unit per column")
struct WideUnitTests {
    @Test("a fee printed in 元 beside one in 万元: both in 万元 in the wide table, as found in the long one")
    func yuanBesideTenThousandYuan() throws {
        let inYuan = reportWithTables(id: "r01", fee: (251000, "251000元", .yuan))
        let inWan = reportWithTables(id: "r02", fee: (decimal("668.57"), "668.57万元", .tenThousandYuan))
        #expect(OutputFile.activeDisclosureWide.specs.first { $0.name == "admin_fees__amount" }?.unit == "10k_yuan")
        #expect(wide(inYuan, "admin_fees__amount") == "25.1")
        #expect(wide(inWan, "admin_fees__amount") == "668.57")
        // The long table keeps the value, its unit and the text as printed.
        let long = ReportRows.rows(inYuan)[.activeDisclosure]!.first { $0[1] == "admin_fees" }!
        #expect(Array(long[5...]) == ["251000", "yuan", "251000元"])
        #expect(flags(inYuan) == "")
        #expect(wide(inYuan, "regulations__issued") == "3")
    }

    @Test("元 to 万元 is exact (Decimal, not Double)", arguments: [
        ("1234567.89", "123.456789"), ("1", "0.0001"), ("0", "0"), ("-5000", "-0.5"),
        ("123456789012345678901234", "12345678901234567890.1234"), ("0.07", "0.000007"),
    ])
    func exact(yuan: String, expected: String) {
        let report = reportWithTables(id: "r03", fee: (decimal(yuan), yuan + "元", .yuan))
        #expect(wide(report, "admin_fees__amount") == expected)
    }

    @Test("a value whose unit does not convert to its column's stays missing, flagged unit_unknown")
    func unconvertible() {
        // An amount in a count column, and a count in the 万元 column.
        let yuanInCount = ActiveDisclosureCell(itemKey: "admin_penalty", measureKey: "decisions", unit: .yuan,
                                               cell: CellValue(value: 500, raw: "500元", statedUnit: .yuan))
        let report = reportWithTables(id: "r04", fee: (7, "7件", .count), extra: [yuanInCount])
        #expect(wide(report, "admin_fees__amount") == "")
        #expect(wide(report, "admin_penalty__decisions") == "")
        #expect(wide(report, "regulations__issued") == "3")
        #expect(flags(report) == "unit_unknown")
        let long = ReportRows.rows(report)[.activeDisclosure]!
        #expect(long.contains { $0[1] == "admin_fees" && Array($0[5...]) == ["7", "count", "7件"] })
        #expect(ReportFlag.allCases.contains(.unitUnknown))
    }

    @Test("a missing value is not a unit problem")
    func missingValue() {
        let report = reportWithTables(id: "r05", fee: (0, "", .count))
        var tables = report.tables!
        tables.activeDisclosure[1] = ActiveDisclosureCell(itemKey: "admin_fees", measureKey: "amount", unit: .count,
                                                          cell: CellValue(value: nil, raw: "—"))
        var copy = report
        copy.tables = tables
        #expect(flags(copy) == "")
        #expect(wide(copy, "admin_fees__amount") == "")
    }
}

@Suite("reports: checks_evaluated")
struct ChecksEvaluatedTests {
    @Test("0 evaluated is told apart from 0 failed")
    func counts() {
        let column = OutputFile.reports.columns.firstIndex(of: "checks_evaluated")!
        let failed = OutputFile.reports.columns.firstIndex(of: "checks_failed")!
        let checks = [CheckResult(rule: .receivedEqualsHandled, columnKey: "total", lhs: 5, rhs: 5),
                      CheckResult(rule: .resultsTotalIsSum, columnKey: "total", lhs: 5, rhs: 4)]
        let checked = ReportRows.rows(reportWithTables(id: "r06", fee: (1, "1", .tenThousandYuan), checks: checks))[.reports]![0]
        #expect((checked[failed], checked[column]) == ("1", "2"))
        let unchecked = ReportRows.rows(reportWithTables(id: "r07", fee: (1, "1", .tenThousandYuan)))[.reports]![0]
        #expect((unchecked[failed], unchecked[column]) == ("0", "0"))
        let failedReport = ReportRows.rows(ProcessedReport(reportID: "r08", sourcePath: "x", sourceSHA256: "ab"))[.reports]![0]
        #expect((failedReport[failed], failedReport[column]) == ("0", "0"))
    }
}

@Suite("Formula text in the files for spreadsheets")
struct SpreadsheetTextTests {
    @Test("OWASP's rule: a trigger first and not a number gets a leading quote", arguments: [
        ("=HYPERLINK(\"http://x\",\"点击\")", "'=HYPERLINK(\"http://x\",\"点击\")"), ("+1+2", "'+1+2"), ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\r=1", "'\r=1"), ("-", "'-"), ("=", "'="), ("-1.5.2", "'-1.5.2"),
        ("-5", "-5"), ("-1.5", "-1.5"), ("+3", "+3"), ("-.5", "-.5"), ("-2e5", "-2e5"), ("-2E+05", "-2E+05"), ("-2e", "'-2e"),
        ("a=b", "a=b"), ("668.57", "668.57"), ("", ""), ("一、总体情况", "一、总体情况"), ("'=x", "'=x"), (" =1", " =1"),
    ])
    func rule(text: String, expected: String) {
        #expect(SpreadsheetText.neutralised(text) == expected)
    }

    static let rows: [[String]] = [
        ["r1", "=HYPERLINK(\"http://evil\",\"看\")", "-5", "plain"],
        ["r2", "-", "+1,5", "@cmd|' /C calc'!A0"],
        ["r3", "\tTab", "\r\nCR", "-1.5"],
        ["r4", "\"=quoted\"", "", "中文,逗号"],
        ["=r5", "a\"b", "-2+3", ""],
    ]

    @Test("rows encoded ahead are neutralised field for field, as rows written as fields are")
    func encodedAhead() throws {
        var expected: [[String]] = []
        for row in Self.rows { expected.append(row.map(SpreadsheetText.neutralised)) }
        let encoded = CSVEncoding.encode(Self.rows)
        let safe = try #require(encoded.withUnsafeBytes { SpreadsheetText.neutralised(records: $0) })
        #expect(safe == CSVEncoding.encode(expected))
        #expect(parseCSV(String(decoding: safe, as: UTF8.self)) == expected)
        // Nothing to change: no copy.
        #expect(CSVEncoding.encode([["a", "-5", "b"]]).withUnsafeBytes { SpreadsheetText.neutralised(records: $0) } == nil)
    }

    @Test("random rows: neutralising encoded records equals encoding neutralised fields")
    func randomRows() throws {
        let pieces = ["=", "+", "-", "@", "\t", "\r", "\n", ",", "\"", "'", "5", "1.5", "e3", ".", "政", "a", " ", ""]
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {  // a fixed sequence (xorshift), so that a failure repeats
            seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
            return Int(seed % UInt64(pieces.count))
        }
        var rows: [[String]] = []
        for _ in 0..<2000 {
            rows.append((0..<4).map { _ in (0..<(next() % 4)).map { _ in pieces[next()] }.joined() })
        }
        let encoded = CSVEncoding.encode(rows)
        let safe = encoded.withUnsafeBytes { SpreadsheetText.neutralised(records: $0) } ?? encoded
        #expect(safe == CSVEncoding.encode(rows.map { $0.map(SpreadsheetText.neutralised) }))
        #expect(safe != encoded)
    }

    @Test("excel_bom files are neutralised; the analysis files keep the text verbatim", arguments: [true, false])
    func flavours(excel: Bool) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let set = try OutputSet(folder: folder, compression: .none, zstdLevel: 3, excelBOM: excel)
        // Sections as the cache holds them (encoded ahead), errors as fields.
        let sections = [["r1", "1", "overview", "一、总体情况", "=HYPERLINK(\"http://evil\",\"看\")", "30"],
                        ["r1", "2", "active", "二、主动公开", "-5", "2"],
                        ["r1", "3", "applications", "三", "-", "1"]]
        try set.appendEncoded(CSVEncoding.encode(sections), rows: 3, to: .sections)
        try set.append([["a.txt", "ingest", "x", "@SUM(1,2)"]], to: .errors)
        _ = try set.finish()
        func read(_ name: String) throws -> [[String]] {
            var bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name + ".csv")))
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]) == excel)
            if excel { bytes.removeFirst(3) }
            return Array(parseCSV(String(decoding: bytes, as: UTF8.self)).dropFirst())
        }
        let texts = try read("sections").map { $0[4] }
        let message = try read("errors")[0][3]
        if excel {
            #expect(texts == ["'=HYPERLINK(\"http://evil\",\"看\")", "-5", "'-"])
            #expect(message == "'@SUM(1,2)")
        } else {
            #expect(texts == ["=HYPERLINK(\"http://evil\",\"看\")", "-5", "-"])
            #expect(message == "@SUM(1,2)")
        }
    }
}

@Suite("Contract 2")
struct ContractVersionTests {
    @Test("datapackage.json says version 2 and lists inputs; duplicate_content is gone, unit_unknown is in")
    func schema() throws {
        #expect(OutputContract.version == 2)
        let data = try DataPackage.json(compression: .zstd, layout: .files, paths: [:])
        let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        #expect(json["contract_version"] as? Int == 2)
        let resources = json["resources"] as! [[String: Any]]
        #expect(resources.map { $0["name"] as! String }.contains("inputs"))
        let reports = resources.first { $0["name"] as? String == "reports" }!
        #expect(reports["path"] as? String == "reports.csv.zst" && reports["compression"] as? String == "zstd")
        let schema = reports["schema"] as! [String: Any]
        #expect(schema["primaryKey"] as? [String] == ["report_id"] && schema["missingValues"] as? [String] == [""])
        let fields = schema["fields"] as! [[String: Any]]
        #expect(fields.first { $0["name"] as? String == "report_year" }?["type"] as? String == "integer")
        let applications = resources.first { $0["name"] as? String == "applications" }!["schema"] as! [String: Any]
        #expect((applications["foreignKeys"] as? [[String: Any]])?.first?["fields"] as? [String] == ["report_id"])
        let dictionary = DataDictionary.rows(compression: .zstd)
        #expect(dictionary.contains { $0[0] == "inputs.csv.zst" && $0[1] == "report_id" })
        #expect(dictionary.contains { $0[0] == "reports.csv.zst" && $0[1] == "checks_evaluated" && $0[2] == "integer" })
        let flags = dictionary.first { $0[0] == "reports.csv.zst" && $0[1] == "flags" }![6]
        #expect(flags.contains("unit_unknown") && !flags.contains("duplicate_content"))
    }

    @Test("a record's fields read back, quoted or not")
    func recordFields() {
        let record = CSVEncoding.encode([["r1", "a,\"b\".txt", "", "x"]])
        #expect(RecordReader.field(record, at: 0) == "r1")
        #expect(RecordReader.field(record, at: 1) == "a,\"b\".txt")
        #expect(RecordReader.field(record, at: 2) == "")
        #expect(RecordReader.field(record, at: 3) == "x")
    }
}
