@testable import CorpusGenerator
import Foundation
import PropertyBased
import ReportModel
import Testing
@testable import TableExtraction

/// The forms issue 14 found misread: padded tab rows, damaged labels, disagreeing HTML spans,
/// units in cells, PDF layout text, and identities skipped when a row is absent.
@Suite("Unseen layouts")
struct UnseenLayoutTests {
    static let style = TableStyle()
    static func labels(_ template: TemplateKind) -> [String] { Vocab.rows(template).map { style.label($0) } }

    /// Table 三 as tab rows whose label takes one to three cells (the rest empty padding).
    static func paddedTabText(_ values: ReportValues, damage: [Int: String] = [:]) -> String {
        var lines = ["申请人情况", "自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计"]
        for (r, label) in labels(values.template).enumerated() {
            let cells = [damage[r] ?? label] + Array(repeating: "", count: r % 3)
                + values.applications[r].map { $0.map { "\($0)" } ?? "" }
            lines.append(cells.joined(separator: "\t"))
        }
        return lines.joined(separator: "\n")
    }

    static func extract(applications text: String) -> ExtractedTables {
        TableExtractor().extract(.init(sectionTexts: [.applications: text], reportYear: 2022))
    }

    static func applicationMismatches(_ values: ReportValues, _ tables: ExtractedTables) -> [String] {
        cellMismatches(values, tables).filter { $0.hasPrefix("三") }
    }

    @Test("a tab row's label over several cells takes the left; values keep their columns")
    func paddedTabRows() {
        let values = ReportValues.distinct(.t2021, seed: 5)
        let text = Self.paddedTabText(values)
        #expect(text.contains("一、本年新收政府信息公开申请数量\t"))
        #expect(text.contains("二、上年结转政府信息公开申请数量\t\t"))
        let tables = Self.extract(applications: text)
        #expect(Self.applicationMismatches(values, tables).isEmpty, "\(Self.applicationMismatches(values, tables).prefix(6))")
        #expect(tables.checksFailed == 0)
        #expect(!tables.flags.contains(.ambiguousRows))
    }

    @Test("a padded row with a blank value and padding on both sides is left missing, never shifted")
    func ambiguousPadding() {
        // `label | | 1 | … | 6 | |` in a table whose other rows say nothing about the side.
        let row = ["2.重复申请", "", "11", "12", "13", "14", "15", "16", ""]
        let grid = CellGrid(rows: [["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"],
                                   ["1.信访举报投诉类申请", "1", "2", "3", "4", "5", "6", "21"], row])
        let result = ApplicationsParser.parse(grid)
        let cells = result.cells.filter { $0.rowKey == "not_processed_duplicate" }
        #expect(cells.count == 7)
        #expect(cells.allSatisfy { $0.cell.value == nil })
        #expect(result.flags.contains(.ambiguousRows))
        #expect(result.cells.filter { $0.rowKey == "not_processed_petition_complaint" }.map(\.cell.value) == [1, 2, 3, 4, 5, 6, 21])
    }

    @Test("labels one character off, with noise, or unreadable are matched, and how is recorded")
    func damagedLabels() throws {
        let values = ReportValues.distinct(.t2021, seed: 6)
        let rows = Vocab.rows(.t2021)
        let index = { (key: String) in rows.firstIndex { $0.key == key }! }
        let damage = [
            index("withheld_state_secret"): "1.属于国秘密",                 // one character lost
            index("withheld_internal_affairs"): "5.属于三类内?部事?务信息",   // noise
            index("unavailable_still_unclear"): "3.补正申请内容仍不确明",     // one lost, two swapped
            index("not_processed_publication"): "3.要求提供公开出版勿",       // one garbled
            index("withheld_process_info"): "6.■■■■■■■",                  // unreadable: by place
        ]
        let tables = Self.extract(applications: Self.paddedTabText(values, damage: damage))
        #expect(Self.applicationMismatches(values, tables).isEmpty, "\(Self.applicationMismatches(values, tables).prefix(6))")
        #expect(tables.rowMatches["applications/withheld_state_secret"] == .tolerant)
        #expect(tables.rowMatches["applications/withheld_internal_affairs"] == .tolerant)
        #expect(tables.rowMatches["applications/unavailable_still_unclear"] == .tolerant)
        #expect(tables.rowMatches["applications/not_processed_publication"] == .tolerant)
        #expect(tables.rowMatches["applications/withheld_process_info"] == .position)
        #expect(tables.rowMatches["applications/granted"] == .exact)
        #expect(!tables.flags.contains(.missingRows))
        #expect(tables.checksFailed == 0)
    }

    @Test("two unreadable labels side by side are placed by position only when the gap has exactly them")
    func twoUnreadableLabels() {
        let values = ReportValues.distinct(.t2021, seed: 7)
        let rows = Vocab.rows(.t2021)
        let a = rows.firstIndex { $0.key == "withheld_enforcement_files" }!
        let tables = Self.extract(applications: Self.paddedTabText(values, damage: [a: "7.■■■■", a + 1: "8.■■■■"]))
        #expect(Self.applicationMismatches(values, tables).isEmpty)
        #expect(tables.rowMatches["applications/withheld_admin_query"] == .position)
    }

    @Test("a damaged label whose place is not certain is left missing, never guessed")
    func uncertainPlace() {
        let values = ReportValues.distinct(.t2021, seed: 8)
        let rows = Vocab.rows(.t2021)
        let a = rows.firstIndex { $0.key == "withheld_enforcement_files" }!
        // Row 7 unreadable and row 8 dropped: one line for two places.
        var text = Self.paddedTabText(values, damage: [a: "7.■■■■"]).split(separator: "\n").map(String.init)
        text.remove(at: a + 3)
        let tables = Self.extract(applications: text.joined(separator: "\n"))
        #expect(!tables.applications.contains { $0.rowKey == "withheld_enforcement_files" })
        #expect(!tables.applications.contains { $0.rowKey == "withheld_admin_query" })
        #expect(tables.flags.contains(.missingRows))
        #expect(tables.flags.contains(.checksIncomplete))
        #expect(tables.checksFailed == 0)
    }

    @Test("HTML spans that disagree between header and data rows: values counted against the measures")
    func disagreeingSpans() {
        // Template 2019 第（五）项: 本年增/减 spans two columns in the header; in the data rows the
        // first value cell spans two (its covered cell empty, or its text copied).
        let grid = CellGrid(rows: [
            ["第二十条第（五）项", "第二十条第（五）项", "第二十条第（五）项", "第二十条第（五）项", "第二十条第（五）项"],
            ["信息内容", "上一年项目数量", "本年增/减", "本年增/减", "处理决定数量"],
            ["行政许可", "10", "", "3", "5"],
            ["其他对外管理服务事项", "8个", "8个", "-2", "4"],
            ["第二十条第（八）项", "第二十条第（八）项", "第二十条第（八）项", "第二十条第（八）项", "第二十条第（八）项"],
            ["信息内容", "上一年项目数量", "本年增/减", "本年增/减", "本年增/减"],
            ["行政事业性收费", "251000元", "251000元", "7", "7"],
            ["第二十条第（九）项", "第二十条第（九）项", "第二十条第（九）项", "第二十条第（九）项", "第二十条第（九）项"],
            ["信息内容", "采购项目数量", "采购总金额", "采购总金额", "采购总金额"],
            ["政府集中采购", "12", "668.57万元", "", ""],
        ])
        let tables = TableExtractor().extract(.init(proactiveDisclosure: grid, applications: nil, reviewLitigation: nil,
                                                    reportYear: 2020))
        func cell(_ item: String, _ measure: String) -> ActiveDisclosureCell? {
            tables.activeDisclosure.first { $0.itemKey == item && $0.measureKey == measure }
        }
        #expect(cell("admin_licensing", "previous_year")?.cell.value == 10)
        #expect(cell("admin_licensing", "change")?.cell.value == 3)
        #expect(cell("admin_licensing", "decisions")?.cell.value == 5)
        #expect(cell("other_admin_services", "previous_year")?.cell.value == 8)
        #expect(cell("other_admin_services", "change")?.cell.value == -2)
        #expect(cell("other_admin_services", "decisions")?.cell.value == 4)
        // Two runs of copies: which cell was merged cannot be told.
        #expect(cell("admin_fees", "previous_year")?.cell.value == nil)
        #expect(cell("admin_fees", "change")?.cell.value == nil)
        #expect(tables.flags.contains(.ambiguousRows))
        #expect(cell("gov_procurement", "projects")?.cell.value == 12)
        #expect(cell("gov_procurement", "amount")?.cell.value == Decimal(string: "668.57"))
        #expect(cell("gov_procurement", "amount")?.cell.statedUnit == .tenThousandYuan)
    }

    @Test("units inside cells are read and recorded", arguments: [
        ("251000元", "251000", ValueUnit.yuan), ("668.57万元", "668.57", .tenThousandYuan), ("12件", "12", nil),
        ("1,234 元", "1234", .yuan),
    ])
    func units(raw: String, value: String, unit: ValueUnit?) {
        #expect(CellReader.classify(raw) == .value(CellValue(value: Decimal(string: value), raw: raw, statedUnit: unit)))
    }

    @Test("the fee of template 2021 stated in 元 keeps its unit")
    func feeInYuan() {
        let grid = CellGrid(rows: [["信息内容", "本年收费金额（单位：万元）"], ["行政事业性收费", "251000元"]])
        let tables = TableExtractor().extract(.init(proactiveDisclosure: grid, applications: nil, reviewLitigation: nil,
                                                    reportYear: 2022))
        let fee = tables.activeDisclosure.first { $0.itemKey == "admin_fees" }
        #expect(fee?.cell.value == 251000)
        #expect(fee?.unit == .yuan)
    }

    /// `pdftotext -layout`: labels wrapped over lines with the numbers on the first, middle or last
    /// line; page numbers inside the table; a vertical label's letters at the start of lines.
    @Test("PDF layout text: wrapped labels, page numbers and vertical letters")
    func pdfLayout() {
        let text = """
                                                     申请人情况
                                               自然人  商业企业  科研机构  社会公益组织  法律服务机构  其他  总计
        一、本年新收政府信息公开申请数量              1069 119 28 0 0 0 1216
        二、上年结转政府信息公开申请数量              3  0  0  0  0  0  3
        三、本年度办理结果
          （一）予以公开                               600 50 10 0 0 0 660
          （二）部分公开（区分处理的，只计这一
          情形，不计其他情形）                         100 10 2 0 0 0 112
                                  - 3 -
        申 （三）不予公开  1.属于国家秘密             1  0  0  0  0  0  1
        请                 2.其他法律行政法规禁止公开  2 0 0 0 0 0 2
                           3.危及“三安全一稳定”       3 0 0 0 0 0 3
                           4.保护第三方合法权益        4 0 0 0 0 0 4
                           5.属于三类内部事务信息      5 0 0 0 0 0 5
                           6.属于四类过程性信息        6 0 0 0 0 0 6
                           7.属于行政执法案卷          7 0 0 0 0 0 7
                           8.属于行政查询事项          8 0 0 0 0 0 8
          （四）无法提供   1.本机关不掌握相关政府信息  200 40 10 0 0 0 250
                           2.没有现成信息需要另行制作  9 0 0 0 0 0 9
                           3.补正后申请内容仍不明确    10 0 0 0 0 0 10
        第 3 页 共 12 页
          （五）不予处理   1.信访举报投诉类申请        11 0 0 0 0 0 11
                           2.重复申请                  12 0 0 0 0 0 12
                           3.要求提供公开出版物        13 0 0 0 0 0 13
                           4.无正当理由大量反复申请    14 0 0 0 0 0 14
                           5.要求行政机关确认或重新出
                           具已获取信息                15 0 0 0 0 0 15
          （六）其他处理   1.申请人无正当理由逾期不补
                           正、行政机关不再处理其政府  16 0 0 0 0 0 16
                           信息公开申请
                           2.申请人逾期未按收费通知要
                           求缴纳费用、行政机关不再处
                           理其政府信息公开申请        17 0 0 0 0 0 17
                           3.其他                      18 0 0 0 0 0 18
          （七）总计                                   19 0 0 0 0 0 19
        四、结转下年度继续办理                         20 0 0 0 0 0 20
        """
        let tables = Self.extract(applications: text)
        let rows = Dictionary(grouping: tables.applications, by: \.rowKey).mapValues { $0.map(\.cell.value) }
        #expect(rows["new_received"] == [1069, 119, 28, 0, 0, 0, 1216])
        #expect(rows["partially_granted"] == [100, 10, 2, 0, 0, 0, 112])
        #expect(rows["withheld_state_secret"] == [1, 0, 0, 0, 0, 0, 1])
        #expect(rows["withheld_prohibited_by_law"] == [2, 0, 0, 0, 0, 0, 2])
        #expect(rows["unavailable_still_unclear"] == [10, 0, 0, 0, 0, 0, 10])
        #expect(rows["not_processed_confirm_reissue"] == [15, 0, 0, 0, 0, 0, 15])
        #expect(rows["other_no_correction"] == [16, 0, 0, 0, 0, 0, 16])
        #expect(rows["other_unpaid_fee"] == [17, 0, 0, 0, 0, 0, 17])
        #expect(rows["other_other"] == [18, 0, 0, 0, 0, 0, 18])
        #expect(rows["carried_forward"] == [20, 0, 0, 0, 0, 0, 20])
        #expect(rows.count == 25)
        #expect(!tables.flags.contains(.missingRows))
        #expect(!tables.flags.contains(.unreadableCells))
    }

    @Test("page furniture", arguments: [
        (["-3-"], true), (["- 3 -"], true), (["—3—"], true), (["第 3 页"], true), (["第3页 共12页"], true),
        (["3 / 12"], true), (["3/12"], true), (["3"], false), (["-3"], false), (["第三页"], false), (["1069", "119"], false),
    ])
    func furniture(row: [String], isFurniture: Bool) {
        #expect(PageFurniture.isFurniture(row) == isFurniture)
    }

    /// Table 三 of distinct non-zero values with one row's line left out.
    static func extractWithout(_ key: String, seed: UInt64) -> ExtractedTables {
        let values = ReportValues.distinct(.t2021, seed: seed)
        var lines = paddedTabText(values).split(separator: "\n").map(String.init)
        lines.remove(at: Vocab.rows(.t2021).firstIndex { $0.key == key }! + 2)
        return extract(applications: lines.joined(separator: "\n"))
    }

    @Test("a whole row absent leaves the identities that need it incomplete, not skipped")
    func absentRowIsIncomplete() {
        let tables = Self.extractWithout("carried_over", seed: 9)
        #expect(!tables.applications.contains { $0.rowKey == "carried_over" })
        #expect(!tables.checks.contains { $0.rule == .receivedEqualsHandled })
        #expect(tables.flags.contains(.checksIncomplete))
        #expect(tables.flags.contains(.missingRows))
        #expect(tables.checksFailed == 0)
    }

    @Test("an absent result row: the sum is checked only when the rows found already make the total")
    func absentResultRow() {
        let tables = Self.extractWithout("not_processed_duplicate", seed: 10)
        // Every value is non-zero: the rows found cannot make the total.
        #expect(!tables.checks.contains { $0.rule == .resultsTotalIsSum })
        #expect(tables.flags.contains(.checksIncomplete))
        #expect(tables.checksFailed == 0)
    }
}

/// Random pages of the generator's own styles, unseen forms included (damaged labels, padded tab
/// rows, PDF layout text, the fee in 元), in every layout: every cell comes back.
@Suite("Properties: the unseen forms")
struct UnseenFormProperties {
    @Test("random styles with the unseen forms read back exactly", arguments: Layout.allCases, templates)
    func randomForms(layout: Layout, template: TemplateKind) async {
        await propertyCheck(count: 30, input: Gen.int(in: 0...Int.max)) { seed in
            var rng = SplitMix64(seed: UInt64(seed))
            let style = TableStyle.random(using: &rng)
            var values = TableValues.random(template, rng: &rng)
            let rows = TableRows(layout: layout, style: style)
            let writer = TableText(layout: layout, style: style)
            let texts: [SectionKey: String] = [
                .proactiveDisclosure: writer.write(rows.activeRows(values)),
                .applications: writer.write(rows.applicationsRows(values)),
                .reviewLitigation: writer.write(rows.reviewRows(values)),
            ]
            let tables = TableExtractor().extract(.init(sectionTexts: texts, reportYear: template == .t2019 ? 2020 : 2022))
            if style.feeInYuan, template == .t2021, let fee = values.active[values.active.count - 1] {
                values.active[values.active.count - 1] = fee * 10000
            }
            // (The fee stated in 元 keeps its unit: right, not the measure's 万元.)
            let problems = cellMismatches(values, tables).filter { !(style.feeInYuan && $0 == "二 admin_fees/amount: unit yuan") }
            #expect(problems.isEmpty, "seed \(seed) \(style.damage(values.rows)): \(problems.prefix(8))\n\(dump(texts))")
            #expect(tables.checksFailed == 0, "seed \(seed)")
        }
    }
}

@Suite("Tolerant label matching")
struct TolerantMatchingTests {
    @Test("one edit from the wording matches", arguments: [
        ("属于国秘密", "withheld_state_secret"), ("属于国家密秘", "withheld_state_secret"), ("属于国家秘蜜", "withheld_state_secret"),
        ("属于国家?秘密", "withheld_state_secret"), ("本机关不掌握相关政府信", "unavailable_not_held"),
        ("要求提供公开出版勿", "not_processed_publication"),
    ])
    func oneEdit(label: String, row: String) {
        let r = ApplicationsParser.tolerantRow(label, cursor: 0)
        #expect(r.map { ApplicationsTable.rows[$0].key } == row)
    }

    @Test("group headings and words two edits away match no row", arguments: [
        "不予公开", "无法提供", "不予处理", "本年度办理结果", "属于国秘", "其他", "总计", "法人或其他组织", "申请人情况",
    ])
    func noMatch(label: String) {
        #expect(ApplicationsParser.tolerantRow(label, cursor: 0) == nil)
    }

    @Test("approximate substring search", arguments: [
        ("国家秘密", "属于国秘密", true), ("国家秘密", "属于国家秘密的", true), ("国家秘密", "国家密秘", true),
        ("国家秘密", "国秘", false), ("予以公开", "不予公开", true), ("予以公开", "部分公开", false),
    ])
    func withinOneEdit(pattern: String, text: String, expected: Bool) {
        #expect(LabelMatcher.withinOneEdit(Array(pattern.unicodeScalars), in: Array(text.unicodeScalars)) == expected)
    }
}
