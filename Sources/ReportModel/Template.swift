/// Which template a report follows: one of the national templates (`TableTemplate.all`), a
/// pre-2019 format, or none recognised (see report-format.md).
public enum TemplateKind: Sendable, Hashable, CustomStringConvertible {
    /// A national template: its tables as `TableTemplate` describes them.
    case standard(TableTemplate)
    /// Pre-2019 provincial formats without the standard tables.
    case legacy
    /// Tables present but no template recognised.
    case unknown

    /// `reports.template`: the template's key, `legacy` or `unknown`.
    public var rawValue: String {
        switch self {
        case .standard(let template): template.key
        case .legacy: "legacy"
        case .unknown: "unknown"
        }
    }

    public var description: String { rawValue }

    /// The description of a national template; nil for `legacy` and `unknown`.
    public var table: TableTemplate? {
        if case .standard(let template) = self { return template }
        return nil
    }

    /// 国办公开办函〔2021〕30号.
    public static var t2021: TemplateKind { .standard(.t2021) }
    /// 国办公开办函〔2019〕60号.
    public static var t2019: TemplateKind { .standard(.t2019) }
}

/// How a value is measured.
public enum ValueUnit: String, Sendable {
    case count
    case tenThousandYuan = "10k_yuan"
    case yuan
}
