import Foundation
import Regions
import Testing

/// The tables as the project ships them (data/regions), parsed once for all tests.
enum Shipped {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("data/regions")
    static let tables: RegionTables = {
        let areacodes = try! String(contentsOf: folder.appendingPathComponent("areacodes.csv"), encoding: .utf8)
        let townships = try! String(contentsOf: folder.appendingPathComponent("townships-2021.csv"), encoding: .utf8)
        return try! RegionTables(areacodesCSV: areacodes, townshipsCSV: townships)
    }()
    static let resolver = RegionResolver(tables: tables)
}

@Suite struct RegionResolverTests {
    let resolver = Shipped.resolver

    @Test func theTablesAreWhole() {
        #expect(Shipped.tables.townships.count == 41_355)
        #expect(Shipped.tables.divisions.count == 6_823)
    }

    @Test func theFiveSeeds() {
        let tuoli = resolver.resolve(agency: "托里县人民政府", year: 2021)
        #expect(tuoli.province == "新疆维吾尔自治区")
        #expect(tuoli.prefecture == "塔城地区")
        #expect(tuoli.county == "托里县")
        #expect(tuoli.adcode == "654224")
        #expect(tuoli.level == .county)
        #expect(!tuoli.ambiguous)
        #expect(tuoli.agencyKey == "新疆维吾尔自治区塔城地区托里县人民政府")

        let jiangxia = resolver.resolve(agency: "江夏区人民政府", year: 2021)
        #expect([jiangxia.province, jiangxia.prefecture, jiangxia.county, jiangxia.adcode] == ["湖北省", "武汉市", "江夏区", "420115"])
        #expect(jiangxia.level == .county)

        let mogu = resolver.resolve(agency: "蘑菇气镇人民政府", year: 2023)
        #expect([mogu.province, mogu.prefecture, mogu.county, mogu.adcode, mogu.townshipCode]
                == ["内蒙古自治区", "呼伦贝尔市", "扎兰屯市", "150783", "150783100"])
        #expect(mogu.level == .township)
        #expect(mogu.agencyKey == "内蒙古自治区呼伦贝尔市扎兰屯市蘑菇气镇人民政府")

        let yining = resolver.resolve(agency: "伊宁县人民政府", year: 2023)
        #expect([yining.province, yining.prefecture, yining.county, yining.adcode]
                == ["新疆维吾尔自治区", "伊犁哈萨克自治州", "伊宁县", "654021"])

        let tongchuan = resolver.resolve(agency: "达州市通川区经济和信息化局", year: 2021)
        #expect([tongchuan.province, tongchuan.prefecture, tongchuan.county, tongchuan.adcode]
                == ["四川省", "达州市", "通川区", "511702"])
        #expect(tongchuan.level == .department)
        #expect(tongchuan.agencyKey == "四川省达州市通川区经济和信息化局")
    }

    /// Each seed's code is the table's row for that name, in use in the report's year.
    @Test func theSeedCodesAreTheTables() {
        let rows = Shipped.tables.divisions
        for (code, name) in [(654224, "托里县"), (420115, "江夏区"), (150783, "扎兰屯市"), (654021, "伊宁县"), (511702, "通川区")] {
            #expect(rows.contains { $0.code == code && $0.name == name && $0.end == nil })
        }
        #expect(Shipped.tables.townships.contains { $0.code == 150783100 && $0.name == "蘑菇气镇" })
    }

    @Test func variantsOfOneBodyShareAKey() {
        let names = ["淮安市洪泽区人民政府", "洪泽区人民政府", "洪泽区政府", "洪泽区人民政府办公室", "江苏省淮安市洪泽区人民政府", "洪泽区 人民政府"]
        let keys = Set(names.map { resolver.resolve(agency: $0, year: 2022).agencyKey })
        #expect(keys == ["江苏省淮安市洪泽区人民政府"])
        #expect(resolver.resolve(agency: "洪泽区人民政府", year: 2022).adcode == "320813")
    }

    /// A name used in a year its division had another code goes to the code in use that year.
    @Test func historicalNamesTakeTheCodeOfTheYear() {
        #expect(resolver.resolve(agency: "洪泽县人民政府", year: 2014).adcode == "320829")
        #expect(resolver.resolve(agency: "洪泽县人民政府", year: 2019).adcode == "320813")  // renamed 洪泽区 in 2016
        #expect(resolver.resolve(agency: "沙湾县人民政府", year: 2020).adcode == "654223")
        #expect(resolver.resolve(agency: "沙湾县人民政府", year: 2022).adcode == "654203")  // 沙湾市 since 2021
        #expect(resolver.resolve(agency: "伊宁县人民政府", year: 1990).adcode == "654121")
    }

    @Test func anAmbiguousNameKeepsOnlyWhatIsCertain() {
        let changan = resolver.resolve(agency: "长安区人民政府", year: 2021)  // 西安 and 石家庄
        #expect(changan.ambiguous)
        #expect(changan.adcode.isEmpty && changan.province.isEmpty && changan.county.isEmpty)
        #expect(changan.level == .county)

        let chengguan = resolver.resolve(agency: "城关镇人民政府", year: 2021)
        #expect(chengguan.ambiguous)
        #expect(chengguan.townshipCode.isEmpty)
        #expect(chengguan.level == .township)

        // The province named before it narrows it, and the preamble or the folder path may settle it.
        let xian = resolver.resolve(agency: "陕西省长安区人民政府", year: 2021)
        #expect(!xian.ambiguous && xian.adcode == "610116")
        let byContext = resolver.resolve(agency: "长安区人民政府", year: 2021, context: "根据石家庄市政府信息公开工作要求")
        #expect(!byContext.ambiguous && byContext.adcode == "130102")
        // A short name inside another word settles nothing.
        let street = resolver.resolve(agency: "长安区人民政府", year: 2021, context: "地址：天津市河北路12号")
        #expect(street.ambiguous && street.adcode.isEmpty)
        let byPath = resolver.resolve(agency: "长安区人民政府", year: 2021, pathHint: "shaanxi/xian/2021/changan.txt")
        #expect(byPath.adcode == "610116")
        let byChinesePath = resolver.resolve(agency: "长安区人民政府", year: 2021, pathHint: "河北/石家庄市/长安区.txt")
        #expect(byChinesePath.adcode == "130102")
    }

    @Test func aBodyWithoutADivisionIsUnknown() {
        let none = resolver.resolve(agency: "国家税务总局", year: 2021)
        #expect(none.unknown && !none.ambiguous)
        #expect(none.agencyKey == "国家税务总局")
        #expect(none.level == nil)
    }

    @Test func departmentsAtEachLevel() {
        let province = resolver.resolve(agency: "湖北省财政厅", year: 2021)
        #expect(province.adcode == "420000" && province.level == .department && province.prefecture.isEmpty)
        let city = resolver.resolve(agency: "武汉市公安局", year: 2021)  // 公安县 is a county, 公安局 is not
        #expect(city.adcode == "420100" && city.level == .department && city.agencyKey == "湖北省武汉市公安局")
        let street = resolver.resolve(agency: "江夏区纸坊街道办事处", year: 2021)
        #expect(street.level == .township && street.adcode == "420115" && street.townshipCode.hasPrefix("420115"))
    }
}
