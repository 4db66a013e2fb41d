/// The seven parts of a report: the preamble and the six standard sections 一 … 六.
///
/// A heading is recognised only by its numeral *and* its title (see `titleKeywords`), and only in
/// order: table 三's row labels (`四、结转下年度继续办理`) carry the same numerals.
public enum SectionKey: String, CaseIterable, Sendable, Comparable {
    case preamble
    case overview
    case proactiveDisclosure = "proactive_disclosure"
    case applications
    case reviewLitigation = "review_litigation"
    case problems
    case otherMatters = "other_matters"

    /// 0 for the preamble, 1 … 6 for the numbered sections.
    public var number: Int {
        switch self {
        case .preamble: 0
        case .overview: 1
        case .proactiveDisclosure: 2
        case .applications: 3
        case .reviewLitigation: 4
        case .problems: 5
        case .otherMatters: 6
        }
    }

    public init?(number: Int) {
        guard let key = SectionKey.allCases.first(where: { $0.number == number }) else { return nil }
        self = key
    }

    /// The Chinese numeral that opens the heading (`一、`).
    public var numeral: Character? {
        number == 0 ? nil : Array("一二三四五六")[number - 1]
    }

    public var canonicalTitle: String {
        switch self {
        case .preamble: ""
        case .overview: "一、总体情况"
        case .proactiveDisclosure: "二、主动公开政府信息情况"
        case .applications: "三、收到和处理政府信息公开申请情况"
        case .reviewLitigation: "四、政府信息公开行政复议、行政诉讼情况"
        case .problems: "五、存在的主要问题及改进情况"
        case .otherMatters: "六、其他需要报告的事项"
        }
    }

    /// A title is this section's when it contains one of these (simplified script, no spaces).
    /// Chosen so that no table-三 row label matches: those say 本年新收 / 上年结转 / 办理结果 / 结转下年度.
    public var titleKeywords: [String] {
        switch self {
        case .preamble: []
        case .overview: ["总体情况", "概述", "基本情况", "总体概况"]
        case .proactiveDisclosure: ["主动公开"]
        case .applications: ["收到和处理", "依申请公开", "处理政府信息公开申请"]
        case .reviewLitigation: ["行政复议", "行政诉讼"]
        case .problems: ["存在的主要问题", "存在的问题", "主要问题", "问题及改进", "改进情况"]
        case .otherMatters: ["其他需要报告", "其他需报告", "其他事项"]
        }
    }

    /// A line without a numeral is this section's heading only when it holds one of these: the
    /// standard title's own words, longer than `titleKeywords` (an unnumbered line is trusted
    /// less than a numbered one).
    public var unnumberedTitlePhrases: [String] {
        switch self {
        case .preamble: []
        case .overview: ["总体情况", "概述", "总体概况"]
        case .proactiveDisclosure: ["主动公开政府信息"]
        case .applications: ["收到和处理政府信息公开申请", "政府信息公开申请情况", "依申请公开政府信息"]
        case .reviewLitigation: ["行政复议、行政诉讼", "行政复议、提起行政诉讼", "行政复议和行政诉讼", "行政复议及行政诉讼"]
        case .problems: ["存在的主要问题", "存在的问题"]
        case .otherMatters: ["其他需要报告", "其他需报告"]
        }
    }

    public static func < (lhs: SectionKey, rhs: SectionKey) -> Bool { lhs.number < rhs.number }
}
