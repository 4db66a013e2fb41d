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
        keys = texts.map(LabelText.key)
    }

    var count: Int { texts.count }
}
