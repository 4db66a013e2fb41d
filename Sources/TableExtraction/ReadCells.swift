import ReportModel


/// A grid's cells in reading order, each read once for every parser that looks at it: what it
/// is (`CellReader`) and its folded text (`LabelText.key`).
struct ReadCells {
    let texts: [String]
    let kinds: [CellReader.Kind]
    let keys: [String]

    init(_ grid: CellGrid) {
        texts = grid.rows.flatMap { $0 }
        kinds = texts.map(CellReader.classify)
        // Value cells are not matched against labels; their folded text matters only where it
        // may say the fee unit (`单位:元`). (Template markers are four or more Chinese characters,
        // which no value cell holds.)
        keys = zip(texts, kinds).map { text, kind in
            kind == .label || text.containsUTF8("元") ? LabelText.key(text) : ""
        }
    }

    var count: Int { texts.count }
}
