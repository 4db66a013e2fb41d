import ReportModel
import SystemBytes

/// Where a reporting body sits: the `reports` columns (`AgencyRegion`: its region at the level
/// that is certain, and a key that names the same body the same way whatever variant of its name
/// a report prints), its own level as a type, and whether the name left the region ambiguous. The
/// columns read as the resolution's own (`resolution.adcode`).
@dynamicMemberLookup
public struct RegionResolution: Sendable, Equatable {
    public enum BodyLevel: String, Sendable {
        case province, prefecture, county, township, department
    }

    /// As the `reports` columns hold it.
    public var agencyRegion = AgencyRegion()
    public var level: BodyLevel? {
        get { BodyLevel(rawValue: agencyRegion.level) }
        set { agencyRegion.level = newValue?.rawValue ?? "" }
    }
    /// The name fits several divisions that nothing in the report tells apart: the region is
    /// given only down to the level all of them share.
    public var ambiguous = false
    /// No division was named at all.
    public var unknown: Bool { agencyRegion.adcode.isEmpty && agencyRegion.townshipCode.isEmpty && !ambiguous }

    public subscript<Value>(dynamicMember column: WritableKeyPath<AgencyRegion, Value>) -> Value {
        get { agencyRegion[keyPath: column] }
        set { agencyRegion[keyPath: column] = newValue }
    }

    public init() {}
}

/// Resolves an agency name against the division tables. Pure: the tables in, values out.
public struct RegionResolver: Sendable {
    public let tables: RegionTables

    public init(tables: RegionTables) {
        self.tables = tables
    }

    /// What is left of a government's own name once its region is taken off: such a body is the
    /// government of that region (the office that publishes its report included).
    static let governmentBodies: Set<String> = [
        "", "人民政府", "政府", "人民政府办公室", "政府办公室", "人民政府办公厅", "政府办公厅", "人民政府办", "政府办",
        "办事处", "人民政府办事处", "街道办事处", "党工委", "党工委办事处",
    ]

    /// - agency: the name as the report prints it; context: its title and the start of its
    ///   preamble, read only when the name alone fits several divisions; pathHint: the input's
    ///   folder path, read likewise (Chinese folder names, and provinces in pinyin).
    public func resolve(agency raw: String, year: Int?, context: String = "", pathHint: String = "") -> RegionResolution {
        let agency = Self.normalizedName(raw)
        var result = RegionResolution()
        guard !agency.isEmpty else { return result }
        let chars = Array(agency)
        let chain = chain(in: chars, keys: chars.map(NameTrie.key), year: year)
        guard var codes = chain.codes, !codes.isEmpty else {
            result.agencyKey = Self.bodyName(agency)
            return result
        }
        if codes.count > 1, !context.isEmpty { codes = narrow(codes, by: Array(context.characterPrefix(600)), year: year) }
        if codes.count > 1, !pathHint.isEmpty { codes = narrow(codes, byPath: pathHint, year: year) }

        let remainder = String(chars[chain.end...])
        let isGovernment = Self.governmentBodies.contains(remainder)
        let certain = Self.commonAncestor(codes, tables: tables)
        fill(&result, code: certain, year: year)
        result.ambiguous = codes.count > 1
        let mentionLevel = Self.level(of: codes[0])
        if isGovernment {
            result.level = codes.allSatisfy({ Self.level(of: $0) == mentionLevel }) ? mentionLevel : nil
        } else {
            result.level = .department
        }
        var key = names(of: certain, year: year)
        if result.ambiguous { key += chain.lastMention }
        key += isGovernment ? "人民政府" : Self.bodyName(remainder)
        result.agencyKey = key
        return result
    }

    /// Whitespace removed; traditional forms are the normaliser's job, upstream.
    static func normalizedName(_ name: String) -> String {
        String(name.unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "\u{3000}" }.map(Character.init))
    }

    /// `政府` spelled `人民政府`; a government's office (`…人民政府办公室`) is the government.
    static func bodyName(_ name: String) -> String {
        var name = name
        if name.hasSuffix("政府办公室") || name.hasSuffix("政府办公厅") { name = String(name.dropLast(3)) }
        if name.hasSuffix("政府") && !name.hasSuffix("人民政府") { name = String(name.dropLast(2)) + "人民政府" }
        return name
    }

    // MARK: the chain of division names that starts the agency's name

    struct Chain {
        var codes: [Int]?
        var end = 0
        var lastMention = ""
    }

    /// The longest run of consecutive division names, each inside the one before
    /// (`达州市` `通川区`), that the name holds; `codes` are the last one's candidates.
    func chain(in chars: [Character], keys: [UInt32], year: Int?) -> Chain {
        var chain = Chain()
        var i = 0
        while i < chars.count {
            if chain.codes != nil && i != chain.end { break }
            var matched = false
            for length in tables.names.nameLengths(in: keys, at: i, minimum: 2) {
                let name = String(chars[i..<i + length])
                var codes = candidates(name, year: year)
                if let outer = chain.codes {
                    codes = codes.filter { code in outer.contains { Self.contains($0, code) } }
                }
                guard !codes.isEmpty else { continue }
                chain.codes = codes
                chain.end = i + length
                chain.lastMention = name
                matched = true
                break
            }
            if matched { i = chain.end } else if chain.codes != nil { break } else { i += 1 }
        }
        return chain
    }

    /// The codes a name stands for in `year`: divisions in use then (a name used after its
    /// division was abolished or renamed leads to the code that replaced it), and townships.
    func candidates(_ name: String, year: Int?) -> [Int] {
        var codes: [Int] = []
        var abolished: [RegionTables.Division] = []
        for place in tables.byName[name] ?? [] {
            switch place {
            case .township(let i):
                codes.append(tables.townships[i].code)
            case .division(let i):
                let d = tables.divisions[i]
                if d.inUse(year) { codes.append(d.code) } else { abolished.append(d) }
            }
        }
        if codes.isEmpty {
            for d in abolished where year == nil || (d.end.map { year! >= $0 } ?? false) {
                codes += successors(of: d.code, year: year, depth: 0)
            }
        }
        var seen = Set<Int>()
        return codes.filter { seen.insert($0).inserted }.sorted()
    }

    private func successors(of code: Int, year: Int?, depth: Int) -> [Int] {
        guard depth < 6, let rows = tables.byCode[code] else { return [] }
        if rows.contains(where: { tables.divisions[$0].inUse(year) }) { return [code] }
        let latest = rows.map { tables.divisions[$0] }.max { $0.start < $1.start }!
        return latest.successors.flatMap { successors(of: $0, year: year, depth: depth + 1) }
    }

    // MARK: narrowing an ambiguous name

    /// The candidates inside a division the text names, when that leaves some. Only full names
    /// count (three characters or more): a short one is too often part of another word
    /// (`河北路`, `江南`).
    func narrow(_ codes: [Int], by text: [Character], year: Int?) -> [Int] {
        var codes = codes
        let keys = text.map(NameTrie.key)
        var i = 0
        while i < text.count, codes.count > 1 {
            var advanced = 1
            if let length = tables.names.longestName(in: keys, at: i, minimum: 3) {
                let name = String(text[i..<i + length])
                let named = candidates(name, year: year)
                let inside = codes.filter { code in named.contains { Self.contains($0, code) } }
                if !inside.isEmpty { codes = inside }
                advanced = length
            }
            i += advanced
        }
        return codes
    }

    func narrow(_ codes: [Int], byPath path: String, year: Int?) -> [Int] {
        var codes = codes
        for component in path.split(separator: "/").dropLast() where codes.count > 1 {
            if component.unicodeScalars.allSatisfy(\.isASCII) {
                let letters = String(component.lowercased().unicodeScalars.filter { $0 >= "a" && $0 <= "z" }.map(Character.init))
                guard let province = Self.provincePinyin[letters] else { continue }
                let inside = codes.filter { Self.contains(province, $0) }
                if !inside.isEmpty { codes = inside }
            } else {
                codes = narrow(codes, by: Array(component), year: year)
            }
        }
        return codes
    }

    static let provincePinyin: [String: Int] = [
        "beijing": 110000, "tianjin": 120000, "hebei": 130000, "shanxi": 140000, "neimenggu": 150000,
        "neimongol": 150000, "innermongolia": 150000, "liaoning": 210000, "jilin": 220000, "heilongjiang": 230000,
        "shanghai": 310000, "jiangsu": 320000, "zhejiang": 330000, "anhui": 340000, "fujian": 350000,
        "jiangxi": 360000, "shandong": 370000, "henan": 410000, "hubei": 420000, "hunan": 430000,
        "guangdong": 440000, "guangxi": 450000, "hainan": 460000, "chongqing": 500000, "sichuan": 510000,
        "guizhou": 520000, "yunnan": 530000, "xizang": 540000, "tibet": 540000, "shaanxi": 610000,
        "gansu": 620000, "qinghai": 630000, "ningxia": 640000, "xinjiang": 650000,
    ]

    // MARK: codes

    /// 9 digits for a township, 6 for the rest.
    static func level(of code: Int) -> RegionResolution.BodyLevel {
        if code >= 100_000_000 { return .township }
        if code % 10000 == 0 { return .province }
        if code % 100 == 0 { return .prefecture }
        return .county
    }

    /// Whether division `outer` is `inner` or holds it.
    public static func contains(_ outer: Int, _ inner: Int) -> Bool {
        let inner9 = inner >= 100_000_000 ? inner : inner * 1000
        let outer9 = outer >= 100_000_000 ? outer : outer * 1000
        switch level(of: outer) {
        case .township: return inner9 == outer9
        case .county: return inner9 / 1000 == outer9 / 1000
        case .prefecture: return inner9 / 100_000 == outer9 / 100_000
        case .province, .department: return inner9 / 10_000_000 == outer9 / 10_000_000
        }
    }

    /// The most specific division holding every code (nil when they share not even a province).
    static func commonAncestor(_ codes: [Int], tables: RegionTables) -> Int? {
        guard let first = codes.first else { return nil }
        if codes.count == 1 { return first }
        let nine = codes.map { $0 >= 100_000_000 ? $0 : $0 * 1000 }
        if Set(nine.map { $0 / 1000 }).count == 1, level(of: first) == .township { return nine[0] / 1000 }
        if Set(nine).count == 1 { return first }
        if Set(nine.map { $0 / 100_000 }).count == 1 {
            let prefecture = nine[0] / 100_000 * 100
            if tables.byCode[prefecture] != nil { return prefecture }
        }
        if Set(nine.map { $0 / 10_000_000 }).count == 1 { return nine[0] / 10_000_000 * 10000 }
        return nil
    }

    func fill(_ result: inout RegionResolution, code: Int?, year: Int?) {
        guard let code else { return }
        let county = code >= 100_000_000 ? code / 1000 : code
        if code >= 100_000_000 { result.townshipCode = String(code) }
        guard let division = tables.division(code: county, year: year) else { return }
        result.adcode = String(county)
        result.province = division.province
        result.prefecture = division.level == .prefecture ? division.name : division.prefecture
        if division.level == .county { result.county = division.name }
    }

    /// The division names from the province down, for the key: 四川省达州市通川区.
    func names(of code: Int?, year: Int?) -> String {
        guard let code else { return "" }
        var result = RegionResolution()
        fill(&result, code: code, year: year)
        var key = result.province
        if result.prefecture != result.province { key += result.prefecture }
        key += result.county
        if code >= 100_000_000, let township = tables.townshipNames[code] { key += township }
        return key
    }
}
