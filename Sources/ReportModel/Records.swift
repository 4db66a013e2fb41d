import Foundation

/// A number read from a table cell, with the text it came from.
public struct CellValue: Sendable, Equatable {
    /// nil when the cell is empty, `—`, `/`, `无`, or could not be read.
    public let value: Decimal?
    public let raw: String
    /// The unit the cell itself states (`万元`, `元`), if any.
    public let statedUnit: ValueUnit?
    /// True when the cell held text that is neither a number nor a missing-value mark.
    public let unreadable: Bool

    public init(value: Decimal?, raw: String, statedUnit: ValueUnit? = nil, unreadable: Bool = false) {
        self.value = value
        self.raw = raw
        self.statedUnit = statedUnit
        self.unreadable = unreadable
    }
}

public struct ActiveDisclosureCell: Sendable, Equatable {
    public let itemKey: String
    public let measureKey: String
    public let unit: ValueUnit
    public let cell: CellValue

    public init(itemKey: String, measureKey: String, unit: ValueUnit, cell: CellValue) {
        self.itemKey = itemKey
        self.measureKey = measureKey
        self.unit = unit
        self.cell = cell
    }
}

public struct ApplicationCell: Sendable, Equatable {
    /// The cell's places in `ApplicationsTable.rows` and `.columns`: the writer and the identity
    /// checks reach its labels and table position by index, with no key looked up per cell.
    public let row: Int
    public let column: Int
    public let cell: CellValue

    public var rowKey: String { ApplicationsTable.rows[row].key }
    public var columnKey: String { ApplicationsTable.columns[column].key }

    public init(row: Int, column: Int, cell: CellValue) {
        self.row = row
        self.column = column
        self.cell = cell
    }
}

public struct ReviewLitigationCell: Sendable, Equatable {
    public let proceedingKey: String
    public let outcomeKey: String
    public let cell: CellValue

    public init(proceedingKey: String, outcomeKey: String, cell: CellValue) {
        self.proceedingKey = proceedingKey
        self.outcomeKey = outcomeKey
        self.cell = cell
    }
}

/// One accounting identity evaluated on one column (or row, or proceeding).
public struct CheckResult: Sendable, Equatable {
    public let rule: CheckRule
    /// The applicant column (table 三) or `total`.
    public let columnKey: String
    /// The row (row_total_is_sum) or proceeding (proceeding_total_is_sum) checked; empty otherwise.
    public let rowKey: String
    public let lhs: Decimal
    public let rhs: Decimal
    public var passed: Bool { lhs == rhs }

    public init(rule: CheckRule, columnKey: String, rowKey: String = "", lhs: Decimal, rhs: Decimal) {
        self.rule = rule
        self.columnKey = columnKey
        self.rowKey = rowKey
        self.lhs = lhs
        self.rhs = rhs
    }
}

/// What table extraction found in one report.
public struct ExtractedTables: Sendable {
    public var template: TemplateKind
    public var activeDisclosure: [ActiveDisclosureCell] = []
    public var applications: [ApplicationCell] = []
    public var reviewLitigation: [ReviewLitigationCell] = []
    public var checks: [CheckResult] = []
    /// Cells extracted with a value, and the cells the detected template (and row variant) has.
    public var cellsFound = 0
    public var cellsExpected = 0
    /// Tables not found at all (`active_disclosure`, `applications`, `review_litigation`).
    public var missingTables: [String] = []
    public var flags: Set<ReportFlag> = []
    /// How each found row of tables 二 and 三 was recognised, by `table/key`
    /// (`applications/withheld_state_secret`).
    public var rowMatches: [String: LabelMatch] = [:]

    public init(template: TemplateKind) {
        self.template = template
    }

    public var checksFailed: Int { checks.filter { !$0.passed }.count }
}

/// Quality codes written to `reports.flags`. Stable: users filter on them.
public enum ReportFlag: String, Sendable, CaseIterable, Comparable {
    case spamInjected = "spam_injected"
    case missingHeaderCells = "missing_header_cells"
    case emptyCells = "empty_cells"
    case unreadableCells = "unreadable_cells"
    case shortRows = "short_rows"
    /// A row had more cells than columns and which were padding could not be told: its values are missing.
    case ambiguousRows = "ambiguous_rows"
    case missingRows = "missing_rows"
    case missingTables = "missing_tables"
    case missingSections = "missing_sections"
    case checksFailed = "checks_failed"
    case checksIncomplete = "checks_incomplete"
    case pinyinAnnotations = "pinyin_annotations"
    case scriptConverted = "script_converted"
    case pageChrome = "page_chrome"
    case invalidBytes = "invalid_bytes"
    case noAgency = "no_agency"
    case noReportYear = "no_report_year"
    case unitUnknown = "unit_unknown"
    case metadataFromPDFInfo = "metadata_from_pdf_info"
    case oversizedRows = "oversized_rows"
    case nulBytes = "nul_bytes"
    case regionAmbiguous = "region_ambiguous"
    case regionUnknown = "region_unknown"

    public static func < (lhs: ReportFlag, rhs: ReportFlag) -> Bool { lhs.rawValue < rhs.rawValue }
}

public enum SourceScript: String, Sendable {
    case simplified, traditional, mixed
}

public enum ReportStatus: String, Sendable {
    case ok, partial, failed
}

/// A section found in a report.
public struct Section: Sendable, Equatable {
    public let key: SectionKey
    /// The heading as written (normalised); empty for the preamble.
    public let title: String
    /// The body without the heading.
    public let text: String

    public init(key: SectionKey, title: String, text: String) {
        self.key = key
        self.title = title
        self.text = text
    }
}

/// Metadata read from the title and preamble.
public struct ReportMetadata: Sendable, Equatable {
    public var agency: String?
    public var reportYear: Int?
    /// ISO `YYYY-MM-DD`.
    public var publishDate: String?

    public init(agency: String? = nil, reportYear: Int? = nil, publishDate: String? = nil) {
        self.agency = agency
        self.reportYear = reportYear
        self.publishDate = publishDate
    }
}
