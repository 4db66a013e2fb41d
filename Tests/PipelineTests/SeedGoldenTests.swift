import Foundation
import Ingest
import Pipeline
import ReportModel
import Testing

/// Every seed against its hand-verified values (Fixtures/seeds-expected.json).
@Suite struct SeedGoldenTests {
    struct Expected {
        let all: [String: Any]
        let columns: [String]

        init(_ name: String = "seeds-expected") throws {
            let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures")!
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
            all = json["reports"] as! [String: Any]
            columns = json["columns"] as! [String]
        }

        func report(_ name: String) -> [String: Any] { all[name] as! [String: Any] }
    }

    static func decimal(_ any: Any?) -> Decimal? {
        guard let number = any as? NSNumber else { return nil }
        return Decimal(string: number.stringValue)
    }

    @Test func everySeedIsCovered() throws {
        let expected = try Expected()
        #expect(Set(expected.all.keys) == Set(Support.seedNames))
        #expect(Support.seedNames.count == 5)
    }

    @Test(arguments: Support.seedNames)
    func metadataAndSections(seed: String) throws {
        let expected = try Expected().report(seed)
        let report = try Support.process(seed: seed)
        let agencies = [expected["agency"] as! String] + (expected["agency_alternatives"] as? [String] ?? [])
        #expect(agencies.contains(report.metadata.agency ?? "<none>"), "agency \(String(describing: report.metadata.agency))")
        #expect(report.metadata.reportYear == expected["report_year"] as? Int)
        #expect(report.metadata.publishDate == expected["publish_date"] as? String)
        #expect(report.sectionsFound == expected["sections_found"] as? Int)
        #expect(report.sections.map(\.key) == SectionKey.allCases)
        if let script = expected["source_script"] as? String {
            #expect(report.sourceScript?.rawValue == script)
        }
        for flag in expected["flags_include"] as? [String] ?? [] {
            #expect(report.flags.map(\.rawValue).contains(flag))
        }
        #expect(report.status == .ok)
    }

    @Test(arguments: Support.seedNames)
    func tables(seed: String) throws {
        let expectedAll = try Expected()
        try Self.expectTables(of: try Support.process(seed: seed), as: expectedAll.report(seed), columns: expectedAll.columns)
    }

    /// Every cell of the three tables as expected, and the identities evaluated and holding.
    static func expectTables(of report: ProcessedReport, as expected: [String: Any], columns: [String]) throws {
        let tables = try #require(report.tables)
        #expect(report.template.rawValue == expected["template"] as? String ?? "2021")

        // Table 二
        let active = expected["active_disclosure"] as! [String: [String: Any]]
        var activeFound: [String: Decimal?] = [:]
        for cell in tables.activeDisclosure { activeFound["\(cell.itemKey).\(cell.measureKey)"] = cell.cell.value }
        var activeExpected: [String: Decimal?] = [:]
        for (item, measures) in active {
            for (measure, value) in measures { activeExpected["\(item).\(measure)"] = Self.decimal(value) }
        }
        #expect(activeFound == activeExpected)

        // Table 三: exactly the expected rows, every cell.
        let applications = expected["applications"] as! [String: [Any]]
        var rows: [String: [Decimal?]] = [:]
        for cell in tables.applications { rows[cell.rowKey, default: []].append(cell.cell.value) }
        #expect(Set(rows.keys) == Set(applications.keys))
        for (row, values) in applications {
            let want = values.map { $0 is NSNull ? nil : Self.decimal($0) }
            #expect(rows[row] == want, "row \(row)")
        }
        #expect(tables.applications.prefix(7).map(\.columnKey) == columns)

        // Table 四
        let review = expected["review_litigation"] as! [String: [String: Any]]
        for cell in tables.reviewLitigation {
            #expect(cell.cell.value == Self.decimal(review[cell.proceedingKey]?[cell.outcomeKey]),
                    "\(cell.proceedingKey).\(cell.outcomeKey)")
        }
        #expect(tables.reviewLitigation.count == 15)

        // The identities hold in every seed, and were evaluated.
        #expect(tables.checksFailed == 0)
        #expect(tables.checks.count >= 3 * 7 + 3)
        #expect(Set(tables.checks.map(\.rule)) == Set(CheckRule.allCases))
    }

    @Test func seed001IsNormalisedToSimplified() throws {
        let report = try Support.process(seed: "001_cbaa75f9e60907ca.txt")
        let text = report.sections.map { $0.title + "\n" + $0.text }.joined(separator: "\n")
        #expect(text.contains("江夏区政府信息公开工作年度报告"))
        #expect(text.range(of: #"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)"#, options: .regularExpression) == nil)
        #expect(Support.normalizer.classify(text) == .simplified)
        #expect(report.flags.contains(.pinyinAnnotations))
        #expect(report.sourceScript == .traditional)
    }

    /// No line of the normalised text is lost between the sections (seed 002 is the spam-injected one).
    @Test(arguments: Support.seedNames)
    func sectionTextsAreIntact(seed: String) throws {
        let data = try Data(contentsOf: Support.samples.appendingPathComponent(seed))
        let normalized = PageChrome.strip(Support.normalizer.normalize(String(decoding: data, as: UTF8.self)).text).text
        let report = try Support.process(seed: seed)
        let joined = report.sections.map { $0.title + "\n" + $0.text }.joined(separator: "\n")
        var lost: [String] = []
        for line in normalized.split(separator: "\n") {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.count > 12, !joined.contains(t) { lost.append(t) }
        }
        #expect(lost.isEmpty, "lost lines: \(lost.prefix(3))")
        if seed.hasPrefix("002") {
            let last = try #require(report.sections.last)
            #expect(last.key == .otherMatters)
            #expect(last.text.hasSuffix("宣传解读助企、就业、乡村振兴等多领域政策。"))
        }
    }
}

/// A pre-2019 report: no standard tables, its own numbering. Template `legacy`, status `partial`,
/// the sections still there.
@Suite struct LegacyReportTests {
    @Test func legacyReportKeepsItsSections() {
        let text = """
            某某县人民政府2017年政府信息公开工作年度报告
            发布日期：2018-03-20
            一、概述
            2017年，某某县人民政府认真贯彻落实《中华人民共和国政府信息公开条例》。
            二、主动公开政府信息的情况
            全年主动公开政府信息1234条。
            三、依申请公开政府信息情况
            全年共受理政府信息公开申请12件，均已按时答复。
            四、政府信息公开的收费及减免情况
            未收取任何费用。
            五、因政府信息公开申请行政复议、提起行政诉讼的情况
            未发生因政府信息公开申请行政复议、提起行政诉讼的情况。
            六、政府信息公开工作存在的主要问题及改进情况
            公开内容还不够全面。
            七、其他需要报告的事项
            无。
            """
        let report = Support.processor.process(data: Data(text.utf8), sourcePath: "legacy.txt")
        #expect(report.template == .legacy)
        #expect(report.status == .partial)
        #expect(report.sectionsFound == 6)
        #expect(report.metadata.reportYear == 2017)
        #expect(report.metadata.agency == "某某县人民政府")
        #expect(report.metadata.publishDate == "2018-03-20")
        #expect(report.tables?.missingTables.count == 3)
        #expect(report.errors.isEmpty)
    }
}

/// A traditional page in Taiwan wording (規範性檔案, 政府資訊公開) still gives table 二's items
/// and the metadata.
@Suite struct RegionalWordingTests {
    @Test func taiwanWordingStillMatchesTheLabels() throws {
        let seed = "003_96c85236d91434a5.txt"
        let text = String(decoding: try Data(contentsOf: Support.samples.appendingPathComponent(seed)), as: UTF8.self)
            .replacingOccurrences(of: "行政规范性文件", with: "行政規範性檔案")
            .replacingOccurrences(of: "政府信息公开", with: "政府資訊公開")
        let report = Support.processor.process(data: Data(text.utf8), sourcePath: "tw.txt")
        let original = try Support.process(seed: seed)
        let normative = report.tables?.activeDisclosure.filter { $0.itemKey == "normative_documents" }.map(\.cell.value)
        #expect(normative == [2, 0, 4])
        #expect(report.metadata.agency == original.metadata.agency)
        #expect(report.metadata.reportYear == 2023)
        #expect(report.sectionsFound == 6)
        #expect(report.tables?.applications.count == original.tables?.applications.count)
        #expect(report.status == .ok)
    }
}
