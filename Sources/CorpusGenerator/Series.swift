import Foundation
import ReportModel

/// One report of a series, as `ReportBuilder` makes it: the body and year are given, the numbers
/// continue last year's (or break where planned), and the overview states its totals.
struct SeriesReport: Sendable {
    struct Carry: Sendable {
        /// 结转下年度继续办理, the six applicant columns.
        var carriedForward: [Decimal]
        /// 现行有效件数 by table 二 item.
        var inForce: [String: Decimal]
    }

    let agency: String
    let place: String
    let year: Int
    /// Last year's report of the body, when there was one.
    let previous: Carry?
    let breakCarried: Bool
    let breakInForce: Bool
    let textMismatch: Bool

    static let items = ["regulations", "normative_documents"]

    func shape(_ values: inout TableValues) {
        let cells = Vocab.activeCells(values.template)
        func index(_ item: String, _ measure: String) -> Int? { cells.firstIndex { $0.item == item && $0.measure == measure } }
        for item in Self.items {
            for measure in ["in_force", "issued", "repealed"] {
                if let i = index(item, measure), values.active[i] == nil { values.active[i] = 3 }
            }
        }
        guard let previous else { return }
        let rows = values.rows
        let over = rows.firstIndex { $0.key == "carried_over" }!
        let total = rows.firstIndex { $0.role == .resultsTotal }!
        let forward = rows.firstIndex { $0.role == .carriedForward }!
        let granted = rows.firstIndex { $0.key == "granted" }!
        for c in 0..<6 {
            let carried = previous.carriedForward[c] + (breakCarried && c == 0 ? 3 : 0)
            let handled = values.applications[total][c]! + values.applications[forward][c]!
            if carried > handled { values.applications[granted][c]! += carried - handled }
            values.applications[over][c] = carried
        }
        TableValues.completeIdentities(&values.applications, rows: rows)
        for item in Self.items {
            guard let f = index(item, "in_force"), let i = index(item, "issued"), let r = index(item, "repealed"),
                  let before = previous.inForce[item] else { continue }
            values.active[r] = min(values.active[r]!, before + values.active[i]!)
            values.active[f] = before + values.active[i]! - values.active[r]! + (breakInForce && item == "regulations" ? 5 : 0)
        }
    }

    /// The overview's totals: 新收 (off by ten where a mismatch is planned), 答复, 行政复议.
    func statement(_ values: TableValues) -> String {
        let rows = values.rows
        let received = values.applications[rows.firstIndex { $0.key == "new_received" }!][6]!
        let answered = values.applications[rows.firstIndex { $0.role == .resultsTotal }!][6]!
        return "\(year)年，\(agency)共收到政府信息公开申请\(received + (textMismatch ? 10 : 0))件，已全部按时答复\(answered)件；"
            + "因政府信息公开工作被申请行政复议\(values.review[4]!)件。"
    }
}

/// Multi-year series of reports by bodies whose regions are known — variants of one body's
/// name, historical and ambiguous names, a missing year — with planned breaks of continuity and
/// planned text/table mismatches: every planned finding must be found, and no other.
public struct SeriesCorpus: Sendable {
    /// What the pipeline must put in a report's `reports` row.
    public struct Expected: Sendable, Equatable {
        public let file: String
        public let agencyKey: String
        public let province: String
        public let prefecture: String
        public let county: String
        public let adcode: String
        public let townshipCode: String
        public let level: String
        public let ambiguous: Bool
    }

    /// A `consistency` row that must fail: the report's file, the rule, the column.
    public struct Finding: Sendable, Hashable, CustomStringConvertible {
        public let file: String
        public let rule: String
        public let columnKey: String
        public var description: String { "\(file) \(rule) \(columnKey)" }
        public init(file: String, rule: String, columnKey: String) {
            self.file = file
            self.rule = rule
            self.columnKey = columnKey
        }
    }

    public var reports: [GeneratedReport] = []
    public var expected: [Expected] = []
    public var findings: Set<Finding> = []
    /// agency_key and year of the years a body did not report, between its first and last.
    public var gaps: [(agencyKey: String, year: Int)] = []

    struct Body {
        let id: String
        let folder: String
        /// The name each year prints, by year (a missing year: no report).
        let names: [Int: String]
        let region: (key: String, province: String, prefecture: String, county: String, adcode: String, township: String, level: String)
        var ambiguous = false
        var breakCarried: Set<Int> = []
        var breakInForce: Set<Int> = []
        var textMismatch: Set<Int> = []
    }

    static let bodies: [Body] = [
        Body(id: "tuoli", folder: "xinjiang", names: [2021: "托里县人民政府", 2022: "托里县人民政府", 2024: "托里县人民政府"],
             region: ("新疆维吾尔自治区塔城地区托里县人民政府", "新疆维吾尔自治区", "塔城地区", "托里县", "654224", "", "county"),
             textMismatch: [2024]),
        // Four spellings of one body, the third the county's name before it became a district (2016).
        Body(id: "hongze", folder: "jiangsu/huaian",
             names: [2021: "淮安市洪泽区人民政府", 2022: "洪泽区人民政府", 2023: "洪泽县人民政府", 2024: "洪泽区人民政府办公室"],
             region: ("江苏省淮安市洪泽区人民政府", "江苏省", "淮安市", "洪泽区", "320813", "", "county"),
             breakCarried: [2022]),
        Body(id: "tongchuan-jxj", folder: "sichuan",
             names: [2021: "达州市通川区经济和信息化局", 2022: "达州市通川区经济和信息化局", 2023: "达州市通川区经济和信息化局"],
             region: ("四川省达州市通川区经济和信息化局", "四川省", "达州市", "通川区", "511702", "", "department"),
             breakInForce: [2023]),
        Body(id: "moguqi", folder: "neimenggu", names: [2022: "蘑菇气镇人民政府", 2023: "蘑菇气镇人民政府"],
             region: ("内蒙古自治区呼伦贝尔市扎兰屯市蘑菇气镇人民政府", "内蒙古自治区", "呼伦贝尔市", "扎兰屯市", "150783", "150783100", "township"),
             textMismatch: [2023]),
        // 长安区 is in 西安 and in 石家庄: the folder settles it here …
        Body(id: "changan", folder: "shaanxi", names: [2021: "长安区人民政府", 2022: "长安区人民政府"],
             region: ("陕西省西安市长安区人民政府", "陕西省", "西安市", "长安区", "610116", "", "county"),
             breakCarried: [2022]),
        // … and nothing does here: no region, no series, so its break is no finding.
        Body(id: "changan", folder: "misc", names: [2021: "长安区人民政府", 2022: "长安区人民政府"],
             region: ("长安区人民政府", "", "", "", "", "", "county"), ambiguous: true, breakCarried: [2022]),
        Body(id: "chengguan", folder: "misc", names: [2022: "城关镇人民政府", 2023: "城关镇人民政府"],
             region: ("城关镇人民政府", "", "", "", "", "", "township"), ambiguous: true, textMismatch: []),
        // A name used after its county became a city (沙湾县 → 沙湾市, 2021): the code of the year.
        Body(id: "shawan", folder: "xinjiang", names: [2022: "沙湾县人民政府"],
             region: ("新疆维吾尔自治区塔城地区沙湾市人民政府", "新疆维吾尔自治区", "塔城地区", "沙湾市", "654203", "", "county")),
    ]

    public init(seed: UInt64) throws {
        let generator = try CorpusGenerator(seed: seed)
        var index = 0
        for body in Self.bodies {
            var previous: SeriesReport.Carry? = nil
            let years = body.names.keys.sorted()
            for year in years.first!...years.last! {
                guard let name = body.names[year] else {
                    if !body.ambiguous { gaps.append((body.region.key, year)) }
                    previous = nil
                    continue
                }
                var kind = generator.kind(index: index)
                kind.template = "2021"
                let place = String(name.prefix { $0 != "人" && $0 != "经" })
                let series = SeriesReport(agency: name, place: place, year: year, previous: previous,
                                          breakCarried: body.breakCarried.contains(year), breakInForce: body.breakInForce.contains(year),
                                          textMismatch: body.textMismatch.contains(year))
                var report = generator.report(index: 100_000 + index, kind: kind, series: series)
                index += 1
                let file = "\(body.folder)/\(body.id)-\(year).\(kind.format == .html ? "html" : "txt")"
                report.fileName = file
                report.answers.file = file
                reports.append(report)
                let r = body.region
                expected.append(Expected(file: file, agencyKey: r.key, province: r.province, prefecture: r.prefecture, county: r.county,
                                         adcode: r.adcode, townshipCode: r.township, level: r.level, ambiguous: body.ambiguous))
                if !body.ambiguous {
                    if series.textMismatch { findings.insert(Finding(file: file, rule: "text_vs_table", columnKey: "new_received__total")) }
                    if series.breakCarried, previous != nil {
                        findings.insert(Finding(file: file, rule: "carried_forward_continues", columnKey: "natural_person"))
                        findings.insert(Finding(file: file, rule: "carried_forward_continues", columnKey: "total"))
                    }
                    if series.breakInForce, previous != nil {
                        findings.insert(Finding(file: file, rule: "in_force_continues", columnKey: "regulations"))
                    }
                }
                previous = Self.carry(report.answers)
            }
        }
    }

    static func carry(_ answers: Answers) -> SeriesReport.Carry {
        let columns = Vocab.columnKeys.prefix(6)
        let forward = columns.map { column in
            answers.applications.first { $0.key == "carried_forward" && $0.column == column }?.value.flatMap { Decimal(string: $0) } ?? 0
        }
        var inForce: [String: Decimal] = [:]
        for item in SeriesReport.items {
            inForce[item] = answers.activeDisclosure.first { $0.key == item && $0.column == "in_force" }?.value.flatMap { Decimal(string: $0) }
        }
        return SeriesReport.Carry(carriedForward: Array(forward), inForce: inForce)
    }

    /// The reports in their folders, `expected.csv` (each file's region columns and whether it
    /// is ambiguous), `findings.csv` (the consistency rows that must fail) and `gaps.csv`.
    public func write(to folder: URL) throws {
        for report in reports {
            let url = folder.appendingPathComponent(report.fileName)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(report.bytes).write(to: url)
        }
        var lines = ["file,agency_key,province,prefecture,county,adcode,township_code,level,region_ambiguous"]
        lines += expected.map {
            [$0.file, $0.agencyKey, $0.province, $0.prefecture, $0.county, $0.adcode, $0.townshipCode, $0.level,
             $0.ambiguous ? "true" : "false"].joined(separator: ",")
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: folder.appendingPathComponent("expected.csv"))
        let findings = ["file,rule,column_key"] + self.findings.map { "\($0.file),\($0.rule),\($0.columnKey)" }.sorted()
        try Data((findings.joined(separator: "\n") + "\n").utf8).write(to: folder.appendingPathComponent("findings.csv"))
        let gaps = ["agency_key,report_year"] + self.gaps.map { "\($0.agencyKey),\($0.year)" }
        try Data((gaps.joined(separator: "\n") + "\n").utf8).write(to: folder.appendingPathComponent("gaps.csv"))
    }
}
