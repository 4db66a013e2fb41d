@testable import CorpusGenerator
import Foundation
import ReportModel

/// Renders tables 二, 三 and 四 as the section texts a report's page flattens them into, in each
/// layout seen in the wild: the corpus generator's `TableRows` (the rows of the tables' HTML,
/// merged cells once, repeated or dropped) written out by its `TableText`.
struct TableRenderer {
    var layout: Layout
    var style: RenderStyle = .plain

    private var tables: TableRows { TableRows(layout: layout, style: style) }

    func sectionTexts(_ values: ReportValues) -> [SectionKey: String] {
        [
            .proactiveDisclosure: text(activeRows(values)),
            .applications: text(applicationsRows(values)),
            .reviewLitigation: text(reviewRows(values)),
        ]
    }

    func text(_ rows: [[String]]) -> String { TextLayout(layout: layout, style: style).write(rows) }

    func activeRows(_ values: ReportValues) -> [[String]] { tables.activeRows(values) }
    func applicationsRows(_ values: ReportValues) -> [[String]] { tables.applicationsRows(values) }
    func reviewRows(_ values: ReportValues) -> [[String]] { tables.reviewRows(values) }
}
