import Testing
@testable import ScriptNormalization

/// One OpenCC converter (and one traditional-character table, which is costly to derive) for all tests.
enum Shared {
    static let converter = Result { try ChineseConverter(config: "t2s") }
    static let normalizer = Result { ScriptNormalizer(converter: try converter.get()) }
}

/// The first lines of seed 001, as scraped: traditional script with pinyin after many characters.
let seed001Head = """
    2021年江夏區(qū)政府信息公開工作年度報(bào)告
    發(fā)布日期:2022-02-18 15:15 文章來源:江夏區(qū)行政審批局?
    江夏區(qū)2021年政府信息公開工作年度報(bào)告
    ?
    根據(jù)《中華人民共和國政府信息公開條例》(國務(wù)院令第492號(hào)公布,第711號(hào)修訂,以下簡稱《條例》)
    一、總體情況
    """

/// The first lines of seed 003, simplified script (NBSP already folded).
let seed003Head = """
    伊宁县政府信息公开工作2023年度报告
    2024-01-26   伊宁县人民政府办公室
    根据《中华人民共和国政府信息公开条例》要求,现向社会公布伊宁县人民政府2023年政府信息公开工作年度报告。年报中所列数据统计期限自2023年1月1日起至2023年12月31日止。
    一、总体情况
    """

@Suite("PinyinAnnotations")
struct PinyinAnnotationsTests {
    @Test("pinyin after a Han character is removed", arguments: [
        ("江夏區(qū)政府", "江夏區政府", 1),
        ("年度報(bào)告", "年度報告", 1),
        ("公(gong)(gong)开", "公开", 2),
        ("公(gōng)開(kāi)", "公開", 2),
        ("區（qū）政府", "區政府", 1),
        ("區（qū)政府", "區政府", 1),
        ("壯(zhuàng)族", "壯族", 1),
        // Mojibake fragments: a toned syllable needs no Han character before it.
        ("《(qū)》", "《》", 1),
        ("政府信息公开?yún)工作", "政府信息公开工作", 1),
    ])
    func strips(input: String, expected: String, count: Int) {
        let (text, removed) = PinyinAnnotations.strip(input)
        #expect(text == expected)
        #expect(removed == count)
    }

    @Test("real brackets keep their Han content; only the pinyin inside goes")
    func realBrackets() {
        let input = "《條例》(國務(wù)院令第492號(hào)公布,第711號(hào)修訂)"
        let (text, removed) = PinyinAnnotations.strip(input)
        #expect(text == "《條例》(國務院令第492號公布,第711號修訂)")
        #expect(removed == 3)
    }

    @Test("brackets that are not pinyin stay", arguments: [
        "情况(一)主动公开", "情况（一）主动公开", "网站(www)访问", "年报(2021)发布", "(an)开头无汉字", "《(gong)》无声调", "公开 (an) 有空格",
        "下载(PDF)文件", "区(qqq)无元音", "区(abcdefghij)太长",
    ])
    func untouched(input: String) {
        let (text, removed) = PinyinAnnotations.strip(input)
        #expect(text == input)
        #expect(removed == 0)
    }
}

@Suite("ScriptNormalizer")
struct ScriptNormalizerTests {
    @Test("OpenCC reads an annotation as context: the reason pinyin goes first")
    func converterTrap() throws {
        let converter = try Shared.converter.get()
        #expect(converter.convert("乾坤") == "乾坤")
        #expect(converter.convert("乾(qián)坤") == "干(qián)坤")
    }

    @Test("pinyin is stripped before conversion", arguments: [
        ("乾(qián)坤", "乾坤"),
        ("乾(qián)坤與共", "乾坤与共"),
    ])
    func ordering(input: String, expected: String) throws {
        let result = try Shared.normalizer.get().normalize(input)
        #expect(result.text == expected)
        #expect(result.pinyinAnnotationsRemoved == 1)
    }

    @Test("the first lines of seed 001 become simplified")
    func seed001() throws {
        let result = try Shared.normalizer.get().normalize(seed001Head)
        let lines = result.text.split(separator: "\n", omittingEmptySubsequences: false)
            .map(trimSpaces)
        #expect(lines == [
            "2021年江夏区政府信息公开工作年度报告",
            "发布日期:2022-02-18 15:15 文章来源:江夏区行政审批局",
            "江夏区2021年政府信息公开工作年度报告",
            "",
            "根据《中华人民共和国政府信息公开条例》(国务院令第492号公布,第711号修订,以下简称《条例》)",
            "一、总体情况",
        ])
        #expect(result.sourceScript.rawValue == "traditional")
        #expect(result.linesConverted == 5)
        #expect(result.questionMarksRemoved == 2)
        #expect(result.pinyinAnnotationsRemoved == 10)
        #expect(!result.text.contains("?"))
    }

    @Test("a single title line")
    func titleLine() throws {
        let result = try Shared.normalizer.get().normalize("2021年江夏區(qū)政府信息公開工作年度報(bào)告")
        #expect(result.text == "2021年江夏区政府信息公开工作年度报告")
    }

    @Test("source script: simplified, traditional, mixed")
    func classify() throws {
        let normalizer = try Shared.normalizer.get()
        #expect(normalizer.classify(seed003Head).rawValue == "simplified")
        #expect(normalizer.normalize(seed003Head).sourceScript.rawValue == "simplified")
        #expect(normalizer.classify(PinyinAnnotations.strip(seed001Head).text).rawValue == "traditional")
        // 60 Han characters, one of them (這) traditional-only: under 3 %.
        let mostlySimplified = String(repeating: "政府信息公开工作年度报告", count: 5) + "這"
        #expect(normalizer.classify(mostlySimplified).rawValue == "mixed")
        #expect(normalizer.classify(String(repeating: "报告", count: 10) + "這").rawValue == "traditional")
        #expect(normalizer.classify("no Han at all 2021").rawValue == "simplified")
    }

    @Test("characters both scripts use are not traditional")
    func sharedCharacters() throws {
        let normalizer = try Shared.normalizer.get()
        for c in ["著", "乾", "干", "后", "里", "发"] {
            let traditional = normalizer.traditional.contains(c.unicodeScalars.first!)
            #expect(!traditional, "\(c)")
        }
        for c in ["區", "開", "報", "這", "發", "會", "說", "裡", "義"] {
            let traditional = normalizer.traditional.contains(c.unicodeScalars.first!)
            #expect(traditional, "\(c)")
        }
    }

    @Test("simplified text with 著, 乾, 干 is left untouched")
    func simplifiedUntouched() throws {
        let text = "他著有《乾坤论》一书,乾隆年间的干部都读过,接著说。"
        let result = try Shared.normalizer.get().normalize(text)
        #expect(result.text == text)
        #expect(result.linesConverted == 0)
        #expect(result.sourceScript.rawValue == "simplified")
    }

    @Test("only lines holding a traditional character are converted")
    func lineWise() throws {
        let text = "江夏區政府信息公開\n乾隆年间的著作\n干部接著工作"
        let result = try Shared.normalizer.get().normalize(text)
        #expect(result.text == "江夏区政府信息公开\n乾隆年间的著作\n干部接著工作")
        #expect(result.linesConverted == 1)
    }
}

@Suite("TextCleanup")
struct TextCleanupTests {
    @Test("spaces and full-width forms fold", arguments: [
        ("a\u{00A0}b", "a b"), ("a\u{2002}b", "a b"), ("a\u{3000}b", "a b"), ("a\u{2003}b", "a b"),
        ("２０２１年", "2021年"), ("ＡＢＣｘｙｚ", "ABCxyz"), ("\u{FEFF}正文\u{200B}", "正文"), ("行一\r\n行二", "行一\n行二"),
        ("全角逗号，句号。", "全角逗号，句号。"),
    ])
    func folds(input: String, expected: String) {
        #expect(TextCleanup.foldSpacesAndWidths(input) == expected)
    }

    /// Joiners and variation selectors after a label, a `。` or `共` glue onto the character before
    /// them (`机关\u{034F}` is one Character, not `关`): dropped, as zero-width spaces are.
    @Test("joiners and variation selectors are dropped", arguments: [
        ("1.本机关\u{034F} | 12 |", "1.本机关 | 12 |"), ("告知作出更正。\u{FE0F}共\u{200D}12件", "告知作出更正。共12件"),
        ("其他\u{200C}\t3", "其他\t3"), ("行政复议\u{2060}\u{FE00}", "行政复议"), ("a\u{0301}", "a\u{0301}"),
    ])
    func dropsJoiners(input: String, expected: String) {
        #expect(Array(TextCleanup.foldSpacesAndWidths(input).utf8) == Array(expected.utf8))
    }

    /// A row typed in a full-width input mode was one label cell: its values lost, or joined to
    /// the row above as a wrapped label's and put in the wrong row.
    @Test("full-width pipes that separate a row's cells become pipes", arguments: [
        ("｜ （六）其他处理 ｜ 2 ｜ 0 ｜", "| （六）其他处理 | 2 | 0 |"), ("a\n（六）其他处理 ｜ 2 ｜｜ 0", "a\n（六）其他处理 | 2 || 0"),
        // Inside words, alone, or in a row whose `|` separate (a laid-out PDF's cell that held `|`): kept.
        ("首页｜政务公开｜年报", "首页｜政务公开｜年报"), ("登录 ｜ 注册", "登录 ｜ 注册"), ("| x ｜ y ｜ z | 1 |", "| x ｜ y ｜ z | 1 |"),
    ])
    func fullWidthPipes(input: String, expected: String) {
        #expect(TextCleanup.foldFullWidthPipes(input) == expected)
    }

    @Test("a table row's ? artefacts go, leaving the value")
    func tableRow() {
        let (text, removed) = TextCleanup.removeQuestionMarkArtefacts("| ? ? 0 | 12 |")
        let cells = text.split(separator: "|").map(trimSpaces)
        #expect(cells == ["0", "12"])
        #expect(removed == 2)
    }

    @Test("? at the start or end of a line goes")
    func lineEdges() {
        var (text, removed) = TextCleanup.removeQuestionMarkArtefacts("?2021年江夏区政府信息公开工作")
        #expect(trimSpaces(text) == "2021年江夏区政府信息公开工作")
        #expect(removed == 1)
        (text, removed) = TextCleanup.removeQuestionMarkArtefacts("文章来源:江夏区行政审批局?\n正文")
        #expect(text.split(separator: "\n").map(trimSpaces) == ["文章来源:江夏区行政审批局", "正文"])
        #expect(removed == 1)
        (text, removed) = TextCleanup.removeQuestionMarkArtefacts("标题\n?\n正文")
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).map(trimSpaces)
            == ["标题", "", "正文"])
        #expect(removed == 1)
    }

    @Test("a ? inside words or URLs stays", arguments: [
        "https://www.example.gov.cn/list?a=1&b=2 下载", "a?b=1", "是否公开?请咨询",
    ])
    func kept(input: String) {
        let (text, removed) = TextCleanup.removeQuestionMarkArtefacts(input)
        #expect(text == input)
        #expect(removed == 0)
    }
}

/// Drops leading and trailing plain spaces (the cleanup leaves one where a `?` run was).
func trimSpaces(_ text: some StringProtocol) -> String {
    var s = Substring(text)
    while s.first == " " { s = s.dropFirst() }
    while s.last == " " { s = s.dropLast() }
    return String(s)
}

@Suite("SpamTokens")
struct SpamTokensTests {
    @Test("an injected brand token repeated three times or more")
    func found() {
        let text = """
            政府信息与UedBet体育办公室关于印发通知。报告内容包括UedBet体育蘑菇气镇人民政府2023年政府信息公开总体情况。
            本年度报告电子版可以从UedBet体育政府门户网站(https://www.zhalantun.gov.cn)下载。
            """
        #expect(SpamTokens.find(in: text) == ["UedBet体育"])
    }

    @Test("twice is not enough")
    func belowThreshold() {
        #expect(SpamTokens.find(in: "信息与UedBet体育办公室,包括UedBet体育蘑菇气镇").isEmpty)
    }

    @Test("the most frequent token comes first")
    func ordering() {
        let text = String(repeating: "政府Abcbet娱乐工作", count: 3) + String(repeating: "公开XyzWin平台信息", count: 4)
        #expect(SpamTokens.find(in: text) == ["XyzWin平台", "Abcbet娱乐"])
    }

    @Test("nothing in normal text with URLs and English words")
    func normalText() {
        let text = """
            本年度报告电子版可以从政府门户网站(https://www.zhalantun.gov.cn)下载。
            网址:http://www.gov.cn/zhengce,邮箱 admin@example.cn,作者:admin。
            政府网站发布PDF格式文件,PDF文件可下载,共享PDF版本,通过www.gov.cn访问,www.gov.cn公开,www.gov.cn平台。
            """
        #expect(SpamTokens.find(in: text) == [])
    }
}

@Suite struct PinyinSyllableTests {
    @Test(arguments: ["下载(app)", "网址(www)", "系统(ok)", "文件(pdf)"])
    func englishWordsInBracketsStay(text: String) {
        #expect(PinyinAnnotations.strip(text).text == text)
    }

    @Test(arguments: [("區(qū)", "區"), ("莊(zhuāng)", "莊"), ("公(gong)(gong)", "公"), ("綠(lǜ)", "綠"), ("兒(ér)", "兒")])
    func syllablesAreStripped(pair: (String, String)) {
        #expect(PinyinAnnotations.strip(pair.0).text == pair.1)
    }
}
