import Foundation
import Testing
import ScriptNormalization

/// The OpenCC the build linked: the project-local 1.4 (scripts/setup-opencc.sh) with its own
/// dictionaries, or Debian's 1.1 as the fallback. Both must convert the same way here.
@Suite("Linked OpenCC")
struct LinkedOpenCCTests {
    @Test("The linked library converts with its own dictionaries")
    func converts() throws {
        let version = ChineseConverter.libraryVersion ?? "unknown (Debian's libopencc)"
        let data = ChineseConverter.dataDirectory ?? "the library's own"
        print("OpenCC linked: \(version); dictionaries: \(data)")
        if let dir = ChineseConverter.dataDirectory {
            #expect(FileManager.default.fileExists(atPath: dir + "/t2s.json"), "\(dir)")
        }
        let t2s = try ChineseConverter(config: "t2s")
        #expect(t2s.convert("乾坤") == "乾坤")
        #expect(t2s.convert("江夏區政府信息公開工作年度報告") == "江夏区政府信息公开工作年度报告")
        #expect(t2s.convert("本年制發件數 | 結轉下年度繼續辦理 | 總計") == "本年制发件数 | 结转下年度继续办理 | 总计")
        #expect(t2s.convert("國務院辦公廳政府信息與政務公開辦公室") == "国务院办公厅政府信息与政务公开办公室")
        let s2t = try ChineseConverter(config: "s2t")
        #expect(s2t.convert("政府信息公开工作年度报告") == "政府信息公開工作年度報告")
    }

    @Test("A configuration given as a path is used as it is")
    func configPath() throws {
        guard let dir = ChineseConverter.dataDirectory else { return }
        let converter = try ChineseConverter(config: dir + "/t2s.json")
        #expect(converter.convert("區") == "区")
    }
}
