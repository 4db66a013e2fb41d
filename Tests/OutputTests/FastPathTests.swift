import CorpusGenerator
import Foundation
import ReportModel
import Testing
@testable import Output

/// The writer's fast paths against what they stand for: Foundation's number text and parse, and
/// the rows as fields.
@Suite("Fast paths give the bytes of the plain ones")
struct FastPathTests {
    private static func bytes(_ value: Decimal) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }

    @Test("Decimal's layout is the one DecimalText reads (else every value goes to Foundation)")
    func layout() {
        #expect(DecimalText.layoutKnown)
    }

    @Test("DecimalText spells values as NSDecimalNumber does")
    func formatting() {
        var generator = SplitMix64(seed: 16)
        var values: [Decimal] = ["0", "0.00", "100", "12e3", "668.57", "-3", "0.5", "-0.05", "685.0", "12.340", "0.0001",
                                 "18446744073709551615", "18446744073709551616", "123456789012345678901234567890"]
            .map { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX"))! }
        values += [Decimal.nan, Decimal(sign: .minus, exponent: -3, significand: 0)]
        for exponent in [-60, -41, -40, -39, -25, 25, 39, 40, 41, 60] {
            values.append(Decimal(sign: .plus, exponent: exponent, significand: 123))
            values.append(Decimal(sign: .minus, exponent: exponent, significand: Decimal(UInt64.max)))
        }
        for _ in 0..<20_000 {
            let bits = Int(generator.next() % 65)
            let mantissa = bits == 64 ? generator.next() : generator.next() % (UInt64(1) << bits)
            let exponent = Int(generator.next() % 41) - 20
            let value = Decimal(sign: generator.next() % 2 == 0 ? .plus : .minus, exponent: exponent, significand: Decimal(mantissa))
            values.append(value)
            values.append(value + Decimal(Int(generator.next() % 1000)))  // (arithmetic: unnormalised results)
            values.append(Decimal(string: "\(generator.next() % 1_000_000).\(generator.next() % 1000)0")!)
        }
        var mismatches: [String] = []
        for value in values where DecimalText.string(value) != NSDecimalNumber(decimal: value).stringValue {
            mismatches.append("\(DecimalText.string(value)) vs \(NSDecimalNumber(decimal: value).stringValue)")
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(DecimalText.string(Decimal(string: "668.57")!) == "668.57")
        #expect(DecimalText.string(Decimal(string: "-0.05")!) == "-0.05")
        #expect(DecimalText.string(Decimal(sign: .plus, exponent: 3, significand: 12)) == "12000")
    }

    @Test("DecimalText.parse makes the bytes Decimal(string:) makes")
    func parsing() {
        var generator = SplitMix64(seed: 7)
        var texts = ["0", "0.00", "00", "-0", "007", "100", "668.57", "-3", "0.5", "-0.05", "685.0", "1.", ".5", "-", "",
                     "1e3", "1,000", "999999999999999999", "9999999999999999999", "1.2.3", "--1", "1-", "abc", " 1"]
        for _ in 0..<20_000 {
            let sign = generator.next() % 2 == 0 ? "" : "-"
            let whole = String(generator.next() % (UInt64(10) << (generator.next() % 40)))
            let fraction = generator.next() % 2 == 0 ? "" : "." + String(repeating: "0", count: Int(generator.next() % 3))
                + String(generator.next() % 100_000)
            texts.append(sign + whole + fraction)
            texts.append(sign + whole + "000")
        }
        var mismatches: [String] = []
        for text in texts {
            let fast = DecimalText.parse(text[...]), plain = Decimal(string: text)
            if fast.map(Self.bytes) != plain.map(Self.bytes) { mismatches.append(text) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(DecimalText.parse("668.57") == Decimal(string: "668.57"))
        #expect(DecimalText.parsePlain("12.50"[...].utf8) != nil)
        #expect(DecimalText.parsePlain("1e3"[...].utf8) == nil)
    }

    @Test("the encoded rows are the rows as fields, CSV-encoded, in both layouts")
    func encodedRowsMatchFields() {
        var report = reportWithTables(id: "0123456789abcdef", fee: (decimal("668.57"), "668.57万元", .tenThousandYuan),
                                      extra: [ActiveDisclosureCell(itemKey: "admin_fees", measureKey: "amount", unit: .yuan,
                                                                   cell: CellValue(value: 251000, raw: "251,000"))],
                                      checks: [CheckResult(rule: .receivedEqualsHandled, columnKey: "total", lhs: decimal("12.50"),
                                                           rhs: decimal("-3"))])
        report.tables!.applications += [
            ApplicationCell(row: 3, column: 2, cell: CellValue(value: 40, raw: "040")),
            ApplicationCell(row: 3, column: 2, cell: CellValue(value: nil, raw: "—")),
            ApplicationCell(row: 4, column: 6, cell: CellValue(value: decimal("1.5"), raw: "1.5")),
        ]
        report.tables!.reviewLitigation = [
            ReviewLitigationCell(proceedingKey: "admin_review", outcomeKey: "total", cell: CellValue(value: 7, raw: "7")),
            ReviewLitigationCell(proceedingKey: "no_such", outcomeKey: "total", cell: CellValue(value: 1, raw: "1")),
        ]
        report.sections = [Section(key: .overview, title: "一、总体情况", text: "正文,\"引号\"\n两句。")]
        let fields = ReportRows.rows(report)
        for layout in OutputLayout.allCases {
            let encoded = ReportRows.encoded(report, layout: layout, plainFiles: [.reports, .errors])
            #expect(encoded.plain[.reports] == fields[.reports])
            for file in OutputFile.allCases where ![.reports, .errors].contains(file) {
                let expected = CSVEncoding.encode((fields[file] ?? []).map { layout.shape($0, of: file) })
                #expect(encoded.blobs[file]?.bytes ?? [] == expected, "\(file) in \(layout)")
                #expect(encoded.blobs[file]?.rows ?? 0 == fields[file]?.count ?? 0)
            }
        }
        #expect(fields[.applications]!.contains { $0[5] == "40" && $0[6] == "040" })
        #expect(fields[.checks]![0][4...5] == ["12.5", "-3"])
    }

    @Test("ByteBuffer: appends past its room, copies on write, empties keeping nothing shared")
    func byteBuffer() {
        var a = ByteBuffer(capacity: 16)
        for i in 0..<100 { a.append(UInt8(i)) }
        let text = String(repeating: "年报,", count: 50)
        a.append(utf8: text)
        var b = a
        b.append(255)
        #expect(a.count == 100 + text.utf8.count && b.count == a.count + 1)
        #expect(a.array == Array(0..<100) + Array(text.utf8))
        #expect(b.array.last == 255 && Array(b.array.dropLast()) == a.array)
        b.removeAll()
        #expect(b.count == 0 && a.count == 100 + text.utf8.count)
        var field = ByteBuffer(capacity: 16)
        CSVEncoding.appendField("a\"b,c", to: &field)
        var expected: [UInt8] = []
        CSVEncoding.appendField("a\"b,c", to: &expected)
        #expect(field.array == expected && String(decoding: expected, as: UTF8.self) == "\"a\"\"b,c\"")
    }

    @Test("the input form read from an ASCII path's bytes is the one read from its characters")
    func inputForm() {
        let paths = ["a/x.HTML", "b.txt", "000/000577.html", ".hidden", "a/.hidden", "noext", "a.b/c", "a/b.", "a/b/",
                     "a/b.PDF/", "///", "", "/x.md", "a//b.Txt//", "dir.v2/file", "x..y", "报告/年报.HTML", "a/b.中文"]
        for path in paths {
            #expect(RunReport.form(of: path) == RunReport.formOfAnyPath(path), "\(path)")
        }
        #expect(RunReport.form(of: "a/x.HTML") == "html")
        #expect(RunReport.form(of: "a/.hidden") == "(none)")
        #expect(RunReport.form(of: "a/b/") == "(none)")
        #expect(RunReport.form(of: "a/b.PDF/") == "pdf")
    }

    @Test("a wide column found by its two keys is the one its name names")
    func wideKeys() {
        // (`WideLayout.inColumnUnit` finds a column by its keys; its name is `first__second`.)
        for cell in WideLayout.applications + WideLayout.activeDisclosure + WideLayout.reviewLitigation {
            for key in [cell.first, cell.second] {
                #expect(!key.contains("__") && !key.hasPrefix("_") && !key.hasSuffix("_"), "\(key)")
            }
            #expect(cell.name == "\(cell.first)__\(cell.second)")
        }
        for (r, row) in ApplicationsTable.rows.enumerated() {
            for (c, column) in ApplicationsTable.columns.enumerated() {
                let position = WideLayout.applicationsPositions[r][c]
                #expect(position >= 0 && WideLayout.applications[position].name == "\(row.key)__\(column.key)")
            }
        }
    }
}
