import SystemBytes
import Foundation
import ReportModel

/// Stage 4: the three statistical tables of a report, its template, and the identity checks.
///
/// Pure: section texts (or grids from HTML) in, `ExtractedTables` out.
public struct TableExtractor: Sendable {
    /// The templates a report's tables are recognised among.
    public let templates: [TableTemplate]

    public init(templates: [TableTemplate] = TableTemplate.all) {
        self.templates = templates
    }

    /// The tables as the sections hold them; a nil grid means the section was not found.
    public struct Input: Sendable {
        public var proactiveDisclosure: CellGrid?
        public var applications: CellGrid?
        public var reviewLitigation: CellGrid?
        /// Used only to break a tie when the tables themselves do not tell the template.
        public var reportYear: Int?

        public init(proactiveDisclosure: CellGrid?, applications: CellGrid?, reviewLitigation: CellGrid?,
                    reportYear: Int? = nil) {
            self.proactiveDisclosure = proactiveDisclosure
            self.applications = applications
            self.reviewLitigation = reviewLitigation
            self.reportYear = reportYear
        }

        /// Each section's table blocks as its grid; a section without any is read from its text.
        public init(sections: [Section], tables: [SectionKey: [TableGrid]], reportYear: Int? = nil) {
            func grid(_ key: SectionKey) -> CellGrid? {
                if let grids = tables[key], !grids.isEmpty { return CellGrid(tables: grids) }
                return sections.first { $0.key == key }.map { CellGrid(text: $0.text) }
            }
            self.init(proactiveDisclosure: grid(.proactiveDisclosure), applications: grid(.applications),
                      reviewLitigation: grid(.reviewLitigation), reportYear: reportYear)
        }

        /// Grids read from the sections' normalised text.
        public init(sectionTexts: [SectionKey: String], reportYear: Int? = nil) {
            self.init(
                proactiveDisclosure: sectionTexts[.proactiveDisclosure].map(CellGrid.init(text:)),
                applications: sectionTexts[.applications].map(CellGrid.init(text:)),
                reviewLitigation: sectionTexts[.reviewLitigation].map(CellGrid.init(text:)),
                reportYear: reportYear)
        }
    }

    public func extract(_ input: Input) -> ExtractedTables {
        let applications = input.applications.map { ApplicationsParser.parse(ReadCells($0)) }
        let proactive = input.proactiveDisclosure.map(ReadCells.init)
        let template = TemplateDetector.detect(
            proactiveDisclosure: proactive, applications: applications, reportYear: input.reportYear, among: templates)
        var result = ExtractedTables(template: template)
        // Tables of an unrecognised template are read as the latest template's.
        let reading = template.table ?? TableTemplate.fallback(among: templates)

        let active = proactive.flatMap { ActiveDisclosureParser.parse($0, template: reading) }
        let review = input.reviewLitigation.flatMap { ReviewLitigationParser.parse(ReadCells($0)) }

        if let active {
            result.activeDisclosure = active.cells
            result.flags.formUnion(active.flags)
            for (key, match) in active.matches { result.rowMatches["active_disclosure/" + key] = match }
        } else {
            result.missingTables.append("active_disclosure")
        }
        if let applications, !applications.cells.isEmpty {
            result.applications = applications.cells
            result.flags.formUnion(applications.flags)
            for (key, match) in applications.matches { result.rowMatches["applications/" + key] = match }
        } else {
            result.missingTables.append("applications")
        }
        if let review {
            result.reviewLitigation = review.cells
            result.flags.formUnion(review.flags)
        } else {
            result.missingTables.append("review_litigation")
        }
        if result.missingTables.count == 3 {
            result.template = (input.reportYear ?? 9999) <= 2018 ? .legacy : .unknown
        }

        // Cells the template has: table 二's measures, table 三's rows × 7, table 四's 15. Table 三's
        // row set is its own when it was found, else the template's.
        let found = applications.flatMap { $0.cells.isEmpty ? nil : $0 }
        let variant = found?.variant ?? reading.applicationsRows
        if result.template.table != nil {
            result.cellsExpected = reading.activeCellCount
                + ApplicationsTable.rows(for: variant).count * ApplicationsTable.columns.count
                + ReviewLitigationTable.cellCount
        }
        result.cellsFound = result.activeDisclosure.count { $0.cell.value != nil }
            + result.applications.count { $0.cell.value != nil }
            + result.reviewLitigation.count { $0.cell.value != nil }

        let checks = IdentityChecker.check(applications: result.applications, variant: variant,
                                           reviewLitigation: result.reviewLitigation, rules: reading.checks)
        result.checks = checks.results
        if checks.incomplete { result.flags.insert(.checksIncomplete) }
        if result.checksFailed > 0 { result.flags.insert(.checksFailed) }
        if !result.missingTables.isEmpty { result.flags.insert(.missingTables) }
        func any(_ test: (CellValue) -> Bool) -> Bool {
            result.activeDisclosure.contains { test($0.cell) } || result.applications.contains { test($0.cell) }
                || result.reviewLitigation.contains { test($0.cell) }
        }
        if any({ $0.unreadable }) { result.flags.insert(.unreadableCells) }
        if any({ $0.value == nil && !$0.unreadable }) { result.flags.insert(.emptyCells) }
        return result
    }
}

/// Recognises the template from the tables' content: the one with the most of its markers among
/// table 二's headers, table 三's row set counting one more; a tie is broken by the report year.
enum TemplateDetector {
    static func detect(proactiveDisclosure: ReadCells?, applications: ApplicationsParser.Result?, reportYear: Int?,
                       among templates: [TableTemplate] = TableTemplate.all) -> TemplateKind {
        var score = [Int](repeating: 0, count: templates.count)
        if let cells = proactiveDisclosure {
            // (The labels in one text, a line each: no marker holds a line break, so a marker is
            // in the text when it is in a label; one search per marker.)
            let labels = cells.keys.joined(separator: "\n")
            for (t, template) in templates.enumerated() {
                score[t] += template.markers.filter { labels.containsUTF8($0) }.count
            }
        }
        // Table 三's (六)其他处理 split into sub-rows is template 2021's; one row is 2019's — but
        // reports mix them (2021 table 二 with a one-row 其他处理), so this weighs less. A table 三
        // without rows tells nothing.
        if let rowSet = applications.flatMap({ $0.cells.isEmpty ? nil : $0.variant }) {
            for (t, template) in templates.enumerated() where template.applicationsRows == rowSet { score[t] += 1 }
        }
        let best = score.max() ?? 0
        let leaders = templates.indices.filter { score[$0] == best }.map { templates[$0] }
        if leaders.count == 1 { return .standard(leaders[0]) }
        if best == 0, proactiveDisclosure == nil, applications == nil { return .unknown }
        guard let year = reportYear, !leaders.isEmpty else { return .unknown }
        return .standard(TableTemplate.forYear(year, among: leaders))
    }
}
