import Foundation
import Testing

@Suite("etl inspect")
struct InspectTests {
    func inspect(_ path: String, json: Bool) throws -> (status: Int32, stdout: String, stderr: String) {
        try Support.shell([Support.etlBinary.path, "inspect"] + (json ? ["--json"] : []) + [path])
    }

    @Test("--json: format, encoding, script, template, every value with its labels and unit, nothing missing")
    func seedJSON() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Support.etlBinary.path))
        let run = try inspect(Self.seed.path, json: true)
        #expect(run.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        #expect(json["format"] as? String == "text" && json["encoding"] as? String == "utf-8")
        #expect(json["script"] as? String == "traditional" && json["template"] as? String == "2021")
        #expect(json["agency"] as? String == "江夏区人民政府" && json["report_year"] as? Int == 2021)
        let tables = json["tables"] as! [[String: Any]]
        let applications = tables.first { $0["name"] as? String == "applications" }!
        let values = applications["values"] as! [[String: Any]]
        let received = values.first { $0["row_key"] as? String == "new_received" && $0["column_key"] as? String == "total" }!
        #expect(received["value"] as? String == "160" && received["raw"] as? String == "160")
        #expect(received["row_label"] as? String == "一、本年新收政府信息公开申请数量" && received["unit"] as? String == "count")
        #expect((applications["missing"] as! [Any]).isEmpty)
        #expect((applications["grid"] as! [[String]]).count > 20)
        let sections = (json["sections"] as! [[String: Any]]).compactMap { $0["key"] as? String }
        #expect(sections.contains("applications") && sections.count >= 6)
    }

    static let seed = Support.samples.appendingPathComponent("001_cbaa75f9e60907ca.txt")

    /// `inspect` on the seed report with `old` replaced by `new` (written to a temporary file).
    func inspectSeed(replacing old: String, with new: String, json: Bool) throws -> String {
        try #require(FileManager.default.isExecutableFile(atPath: Support.etlBinary.path))
        let seed = try String(contentsOf: Self.seed, encoding: .utf8)
        let changed = seed.replacingOccurrences(of: old, with: new)
        #expect(changed != seed)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("inspect-\(UUID().uuidString).txt")
        try changed.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try inspect(file.path, json: json)
        #expect(run.status == 0)
        return run.stdout
    }

    /// `--json` output's tables by name.
    func tables(_ stdout: String) throws -> [String: [String: Any]] {
        let json = try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as! [String: Any]
        let tables = json["tables"] as! [[String: Any]]
        return Dictionary(uniqueKeysWithValues: tables.map { ($0["name"] as! String, $0) })
    }

    @Test("--json: a label one character off is shown as matched tolerantly, its values kept")
    func tolerantLabel() throws {
        // 1.属于国家秘密 with 家 lost.
        let tables = try tables(inspectSeed(replacing: "1.屬于國家秘密", with: "1.屬于國秘密", json: true))
        let applications = try #require(tables["applications"])
        let rows = applications["rows"] as! [[String: Any]]
        let match = { (key: String) in rows.first { $0["key"] as? String == key }?["match"] as? String }
        #expect(match("withheld_state_secret") == "tolerant")
        #expect(match("new_received") == "exact")
        #expect(match("withheld_process_info") == "exact")
        #expect(rows.count == 23)
        let secret = (applications["values"] as! [[String: Any]]).filter { $0["row_key"] as? String == "withheld_state_secret" }
        #expect(secret.count == 7 && secret.allSatisfy { $0["value"] as? String == "0" })
        #expect((applications["missing"] as! [Any]).isEmpty)
        // Table 四's reader records no label matches: its rows carry none.
        let review = try #require(tables["review_litigation"])
        #expect((review["rows"] as! [[String: Any]]).count == 3)
        #expect((review["rows"] as! [[String: Any]]).allSatisfy { $0["match"] == nil })
    }

    @Test("text: an unreadable label between two recognised rows is shown as matched by position")
    func positionLabel() throws {
        let out = try inspectSeed(replacing: "6.屬于四類過程性信 息", with: "6.■■■■■■■", json: false)
        #expect(out.contains("row withheld_process_info [6.属于四类过程性信息]: matched by position (label unreadable)"))
        #expect(out.contains("row withheld_state_secret [1.属于国家秘密]: label matched exactly"))
        #expect(out.contains("withheld_enforcement_files [7.属于行政执法案卷] × total [总计] = 1 count"))
        #expect(!out.contains("missing withheld_process_info"))
    }

    @Test("text: a report with a changed total shows the failed identity and its sides")
    func failedCheck() throws {
        let out = try inspectSeed(replacing: "| 2 | 0 | 160 |", with: "| 2 | 0 | 170 |", json: false)
        #expect(out.contains("template:  2021; status partial"))
        #expect(out.contains("new_received [一、本年新收政府信息公开申请数量] × total [总计] = 170 count  (raw \"170\")"))
        #expect(out.contains("FAILED row_total_is_sum total new_received: 170 ≠ 160"))
    }

    @Test("a file that cannot be read is a usage error")
    func missingFile() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Support.etlBinary.path))
        let run = try inspect("/nonexistent/report.txt", json: false)
        #expect(run.status == 2 && run.stderr.contains("cannot read"))
    }
}
