/// Which national template a report follows (see report-format.md).
public enum TemplateKind: String, Sendable, CaseIterable {
    /// 国办公开办函〔2021〕30号: table 二 measures 本年制发件数 / 本年废止件数 / 现行有效件数.
    case t2021 = "2021"
    /// 国办公开办函〔2019〕60号: 本年新制作数量 / 本年新公开数量 / 对外公开总数量, 政府集中采购.
    case t2019 = "2019"
    /// Pre-2019 provincial formats without the standard tables.
    case legacy
    /// Tables present but neither template recognised.
    case unknown
}

/// How a value is measured.
public enum ValueUnit: String, Sendable {
    case count
    case tenThousandYuan = "10k_yuan"
    case yuan
}
