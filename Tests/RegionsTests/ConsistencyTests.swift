import Consistency
import Foundation
import ReportModel
import Output
import Testing

/// Tables with the cells the text and the cross-year rules name.
func tables(template: TemplateKind = .t2021, newReceived: Int = 859, resultsTotal: Int = 805, review: Int = 7,
            regulationsIssued: Int = 13, carriedOver: Int = 4, carriedForward: Int = 6,
            inForce: Int? = 40, repealed: Int = 2) -> ExtractedTables {
    var t = ExtractedTables(template: template)
    let total = ApplicationsTable.columns.firstIndex { $0.key == "total" }!
    let person = ApplicationsTable.columns.firstIndex { $0.key == "natural_person" }!
    func row(_ key: String) -> Int { ApplicationsTable.rows.firstIndex { $0.key == key }! }
    func cell(_ n: Int) -> CellValue { CellValue(value: Decimal(n), raw: String(n)) }
    for (key, value) in [("new_received", newReceived), ("carried_over", carriedOver), ("results_total", resultsTotal),
                         ("carried_forward", carriedForward)] {
        t.applications.append(ApplicationCell(row: row(key), column: person, cell: cell(value)))
        t.applications.append(ApplicationCell(row: row(key), column: total, cell: cell(value)))
    }
    t.reviewLitigation.append(ReviewLitigationCell(proceedingKey: "admin_review", outcomeKey: "total", cell: cell(review)))
    let issued = template == .t2019 ? "newly_published" : "issued"
    t.activeDisclosure.append(ActiveDisclosureCell(itemKey: "regulations", measureKey: issued, unit: .count, cell: cell(regulationsIssued)))
    if template == .t2021 {
        t.activeDisclosure.append(ActiveDisclosureCell(itemKey: "regulations", measureKey: "repealed", unit: .count, cell: cell(repealed)))
        if let inForce {
            t.activeDisclosure.append(ActiveDisclosureCell(itemKey: "regulations", measureKey: "in_force", unit: .count, cell: cell(inForce)))
        }
    }
    return t
}

@Suite struct TextClaimsTests {
    func compare(_ text: String, _ t: ExtractedTables = tables()) -> [String: (Decimal, Decimal, Bool)] {
        let found = TextClaims.compare(sections: [Section(key: .overview, title: "一、总体情况", text: text)], tables: t)
        return Dictionary(found.map { ($0.columnKey, ($0.stated, $0.table, $0.passed)) }, uniquingKeysWith: { a, _ in a })
    }

    @Test func statedTotalsAgainstTheirCells() {
        let found = compare("2023年，本机关共收到政府信息公开申请859件，已全部按时答复805件。发生行政复议7件。全年主动公开规章13件。")
        #expect(found.count == 4)
        #expect(found["new_received__total"]! == (859, 859, true))
        #expect(found["results_total__total"]! == (805, 805, true))
        #expect(found["admin_review__total"]! == (7, 7, true))
        #expect(found["regulations__issued"]! == (13, 13, true))
    }

    /// Numbers padded with (folded) NBSPs in prose: `共 859 件`.
    @Test func spacedNumbersAreStated() {
        let found = compare("2023年，本机关共 收到政府信息公开申请 859 件，已全部按时答复  805件。发生行政复议 共 7 件。")
        #expect(found["new_received__total"]! == (859, 859, true))
        #expect(found["results_total__total"]! == (805, 805, true))
        #expect(found["admin_review__total"]! == (7, 7, true))
    }

    @Test func aMismatchIsReportedWithItsSentence() {
        let found = TextClaims.compare(sections: [Section(key: .overview, title: "", text: "本年度共收到政府信息公开申请900件。")],
                                       tables: tables())
        #expect(found.count == 1)
        #expect(found[0].columnKey == "new_received__total" && found[0].stated == 900 && found[0].table == 859 && !found[0].passed)
        #expect(found[0].evidence == "本年度共收到政府信息公开申请900件")
    }

    /// A clause about a part (其中, a result category, last year, an inclusive count) is not the total.
    @Test func narrowerSubjectsAreNotClaims() {
        #expect(compare("其中，答复300件。").isEmpty)
        #expect(compare("予以公开答复300件。").isEmpty)
        #expect(compare("收到政府信息公开申请900件（含上年结转4件）。").isEmpty)
        #expect(compare("较上年收到申请增加12件。").isEmpty)
        #expect(compare("行政复议被纠错0件，行政复议维持2件。").isEmpty)
        #expect(compare("现行有效规章40件，废止规章2件。").isEmpty)
        #expect(compare("行政复议和行政诉讼案件0件。").isEmpty)
    }

    @Test func aWrappedSentenceIsJoinedAndTableRowsSkipped() {
        let found = compare("全市共受理申请，答\n复805件（含上年度结转申请4件）。\n| 行政复议 | 7件 |")
        #expect(found.count == 1)
        #expect(found["results_total__total"]! == (805, 805, true))
    }

    /// A table flattened one cell per line, its cells carrying units, joins into one long run:
    /// its label `本年新收政府信息公开申请数量` and first cell are no statement.
    @Test func aFlattenedTableIsNoStatement() {
        let table = ["申请人情况", "一、本年新收政府信息公开申请数量", "133件", "5个", "5件", "0个", "4件", "9个", "156件",
                     "二、上年结转政府信息公开申请数量", "0个", "0件", "0个", "0件", "0个", "0件", "0个"].joined(separator: "\n")
        #expect(compare(table).isEmpty)
    }

    @Test func template2019ComparesNewlyPublished() {
        let found = compare("本年主动公开规章13件。", tables(template: .t2019))
        #expect(found["regulations__newly_published"]! == (13, 13, true))
    }

    @Test func aMissingCellIsNotCompared() {
        var t = tables()
        t.reviewLitigation = []
        #expect(compare("发生行政复议7件。", t).isEmpty)
    }
}

@Suite struct CrossReportTests {
    let region = AgencyRegion(agencyKey: "湖北省武汉市江夏区人民政府", province: "湖北省", prefecture: "武汉市", county: "江夏区",
                              adcode: "420115", level: "county")

    @Test func consecutiveYearsAreCompared() {
        var step = CrossReport()
        // 2021: carried forward 6, in force 40. 2022: carried over 6 (continues), in force 40 + 5 − 2 = 43 (continues).
        step.add(reportID: "ra", reportYear: "2021", region: region, inSeries: true,
                 facts: CrossReportFacts(tables(carriedForward: 6, inForce: 40)), textRows: [])
        step.add(reportID: "rb", reportYear: "2022", region: region, inSeries: true,
                 facts: CrossReportFacts(tables(regulationsIssued: 5, carriedOver: 6, carriedForward: 9, inForce: 43, repealed: 2)),
                 textRows: [["new_received__total", "859", "859", "true", "共收到政府信息公开申请859件"]])
        // 2023: carried over 8 against 9 carried forward (a break), in force 50 against 43 + 5 − 2.
        step.add(reportID: "rc", reportYear: "2023", region: region, inSeries: true,
                 facts: CrossReportFacts(tables(regulationsIssued: 5, carriedOver: 8, inForce: 50, repealed: 2)), textRows: [])
        let rows = step.rows()
        let rules = rows.consistency.map(\.row)
        #expect(rules.count == 1 + 3 + 3)
        #expect(rules[0] == ["rb", "", "text_vs_table", "new_received__total", "859", "859", "true", "共收到政府信息公开申请859件"])
        #expect(rules.contains(["rb", "ra", "carried_forward_continues", "natural_person", "6", "6", "true", ""]))
        #expect(rules.contains(["rb", "ra", "carried_forward_continues", "total", "6", "6", "true", ""]))
        #expect(rules.contains(["rb", "ra", "in_force_continues", "regulations", "43", "43", "true", ""]))
        #expect(rules.contains(["rc", "rb", "carried_forward_continues", "total", "9", "8", "false", ""]))
        #expect(rules.contains(["rc", "rb", "in_force_continues", "regulations", "50", "46", "false", ""]))
        // In report order.
        #expect(rules.map(\.[0]) == ["rb", "rb", "rb", "rb", "rc", "rc", "rc"])
        // The rows a run writes, encoded a report at a time, are these rows, in this order.
        var encoded: [UInt8] = []
        var years: [String] = []
        var count = 0
        step.emitEncoded(consistency: { year, bytes, rows in
            encoded += bytes
            years.append(year)
            count += rows
        }, coverage: { _, _ in })
        #expect(encoded == CSVEncoding.encode(rules))
        #expect(count == rules.count && years == ["2022", "2023"])
    }

    /// Encoded a block of reports at a time on several threads, the rows come out as on one,
    /// across blocks and parts (reports compared with reports in other blocks, reports without rows).
    @Test(arguments: [2, 3, 8])
    func rowsAreTheSameOnAnyNumberOfThreads(threads: Int) {
        var step = CrossReport()
        let count = CrossReport.entriesPerPart * 8 + 37
        for i in 0..<count {
            // Twenty bodies, each a report a year in turn; every fifth report has a text row.
            let body = AgencyRegion(agencyKey: "机构\(i % 20)", province: "湖北省", prefecture: "武汉市", county: "江夏区",
                                    adcode: "420115", level: "county")
            let text = i % 5 == 0 ? [["new_received__total", "\(i)", "\(i + 1)", "false", "共收到申请\(i)件"]] : []
            step.add(reportID: String(format: "r%05d", i), reportYear: String(2000 + i / 20), region: body, inSeries: i % 7 != 0,
                     facts: CrossReportFacts(tables(regulationsIssued: i % 3, carriedOver: i % 11, carriedForward: i % 13,
                                                    inForce: i % 17, repealed: i % 2)),
                     textRows: text)
        }
        func emitted(_ threads: Int) -> (bytes: [UInt8], years: [String], rows: Int) {
            var out: (bytes: [UInt8], years: [String], rows: Int) = ([], [], 0)
            step.emitEncoded(threads: threads, consistency: { year, bytes, rows in
                out.bytes += bytes
                out.years.append(year)
                out.rows += rows
            }, coverage: { _, _ in })
            return out
        }
        let one = emitted(1)
        #expect(one.rows == step.rows().consistency.count && one.rows > count)
        let many = emitted(threads)
        #expect(many.bytes == one.bytes && many.years == one.years && many.rows == one.rows)
    }

    @Test func coverageShowsTheMissingYear() {
        var step = CrossReport()
        step.add(reportID: "ra", reportYear: "2020", region: region, inSeries: true, facts: CrossReportFacts(), textRows: [])
        step.add(reportID: "rb", reportYear: "2023", region: region, inSeries: true, facts: CrossReportFacts(), textRows: [])
        // An ambiguous body joins no series.
        step.add(reportID: "rz", reportYear: "2021", region: AgencyRegion(agencyKey: "城关镇人民政府", level: "township"),
                 inSeries: false, facts: CrossReportFacts(), textRows: [])
        let coverage = step.rows().coverage.map { $0.row[0...2].joined(separator: ",") }
        #expect(coverage == ["湖北省武汉市江夏区人民政府,2020,ra", "湖北省武汉市江夏区人民政府,2021,", "湖北省武汉市江夏区人民政府,2022,",
                             "湖北省武汉市江夏区人民政府,2023,rb"])
        // Years apart are not compared.
        #expect(step.rows().consistency.isEmpty)
    }

    @Test func aTemplateWithoutInForceIsNotCompared() {
        var step = CrossReport()
        step.add(reportID: "ra", reportYear: "2020", region: region, inSeries: true,
                 facts: CrossReportFacts(tables(template: .t2019)), textRows: [])
        step.add(reportID: "rb", reportYear: "2021", region: region, inSeries: true,
                 facts: CrossReportFacts(tables(carriedOver: 6)), textRows: [])
        let rules = Set(step.rows().consistency.map { $0.row[2] })
        #expect(rules == ["carried_forward_continues"])
    }

    /// Whole facts are compared as integers, others (a fraction, a sum past 18 digits) as
    /// decimals: the same verdicts and the same text either way, as rows and as encoded bytes.
    @Test func fractionalAndHugeFactsAreComparedExactly() {
        var step = CrossReport()
        step.add(reportID: "ra", reportYear: "2021", region: region, inSeries: true,
                 encodedFacts: ["regulations__in_force=12.5", "normative_documents__in_force=999999999999999999",
                                "carried_forward__total=1200"], textRows: [])
        step.add(reportID: "rb", reportYear: "2022", region: region, inSeries: true,
                 encodedFacts: ["regulations__in_force=14.0", "regulations__issued=2", "regulations__repealed=0.5",
                                "normative_documents__in_force=1000000000000000000", "normative_documents__issued=1",
                                "normative_documents__repealed=0", "carried_over__total=1200", "not_a_fact=3"], textRows: [])
        let rules = step.rows().consistency.map(\.row)
        #expect(rules.count == 3)
        #expect(rules.contains(["rb", "ra", "carried_forward_continues", "total", "1200", "1200", "true", ""]))
        #expect(rules.contains(["rb", "ra", "in_force_continues", "normative_documents", "1000000000000000000", "1000000000000000000",
                                "true", ""]))
        let regulations = rules.first { $0[3] == "regulations" }
        #expect(regulations?[4] == "14" && regulations?[5] == "14" && regulations?[6] == "true", "12.5 + 2 − 0.5 = 14: \(regulations ?? [])")
        var encoded: [UInt8] = []
        step.emitEncoded(consistency: { _, bytes, _ in encoded += bytes }, coverage: { _, _ in })
        #expect(encoded == CSVEncoding.encode(rules))
    }

    @Test func factsSurviveTheirEncoding() {
        let facts = CrossReportFacts(tables())
        #expect(facts.values["carried_forward__total"] == 6)
        #expect(CrossReportFacts(encoded: facts.encoded) == facts)
    }
}
