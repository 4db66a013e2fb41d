import ReportModel
import Testing
@testable import ScriptNormalization

@Suite("Spam brands")
struct SpamBrandTests {
    /// A paragraph of a report with `token` dropped into its sentences three times.
    static func injected(_ token: String) -> String {
        "本机关坚持以\(token)公开为常态、不公开为例外，全年通过政府门户网站发布信息\(token)1234条。"
            + "\n进一步规范依申请公开办理流程，\(token)按时答复率100%。"
    }

    @Test("every brand of issue 14 is found and cut out", arguments: [
        "乐鱼体育", "九游会", "爱游戏", "星空体育", "华体会", "开云体育", "博鱼体育", "亚博体育", "UedBet体育",
    ])
    func knownBrands(token: String) {
        let text = Self.injected(token)
        #expect(SpamTokens.find(in: text) == [token])
        let cut = SpamTokens.cut(text)
        #expect(cut.removed == 3)
        #expect(cut.tokens == [token])
        #expect(!cut.text.contains(token))
        #expect(cut.text.contains("全年通过政府门户网站发布信息1234条。"))
    }

    @Test("a brand no list knows, built from the pattern, is found when repeated in varied sentences",
          arguments: ["金鲨体育", "豪威娱乐", "鑫博官网", "赢乐app", "汇彩平台", "旺财注册"])
    func newBrands(token: String) {
        let text = Self.injected(token)
        #expect(SpamTokens.find(in: text) == [token])
        #expect(SpamTokens.cut(text).removed == 3)
    }

    @Test("a known brand with another brand word", arguments: ["乐鱼官网", "开云app", "星空娱乐"])
    func knownStemOtherWord(token: String) {
        #expect(SpamTokens.find(in: Self.injected(token)) == [token])
    }

    @Test("real prose is no spam", arguments: [
        "县文化旅游体育局负责全县体育场馆管理，县文化旅游体育局门户网站公开体育场馆开放信息，县文化旅游体育局全年开展全民健身活动。",
        "依托全民健身平台发布健身指导，全民健身平台访问量增长，全民健身平台获评优秀。",
        "通过政务服务平台办理事项，政务服务平台公开办事指南，在政务服务平台设置专栏，用户可在政务服务平台注册。",
        "本机关官网设置政府信息公开专栏，官网首页显示年度报告，及时在官网更新，官网全年发布信息300条。",
        "市体育局、区体育局和县体育局联合开展体育赛事，体育产业发展良好。星空下的广场开展文艺演出。",
        "用户登录 注册 分享到 微信 微博，登录注册后可下载APP，下载app。",
    ])
    func realProse(text: String) {
        #expect(SpamTokens.find(in: text) == [], "\(SpamTokens.find(in: text))")
        #expect(SpamTokens.cut(text).text == text)
    }

    @Test("the normaliser cuts the tokens out and counts them")
    func normaliser() throws {
        let normalizer = ScriptNormalizer(converter: try ChineseConverter(config: "t2s"))
        let result = normalizer.normalize(Self.injected("星空体育") + "\n" + Self.injected("UedBet体育"))
        #expect(result.spamTokensRemoved == 6)
        #expect(Set(result.spamTokens) == ["星空体育", "UedBet体育"])
        #expect(!result.text.contains("体育"))
    }
}

@Test("a token dropped inside another is cut out whole")
func nestedTokens() {
    let cut = SpamTokens.cut("做博鱼体博鱼体育育到应公开尽公开，博鱼体育确保信息准确。")
    #expect(cut.text == "做到应公开尽公开，确保信息准确。")
    #expect(cut.removed == 3)
}
