import SystemBytes
import ReportModel

/// A grid's cells in reading order, each read once for every parser that looks at it: what it
/// is (`CellReader`), its folded text (`LabelText.key`) and the grid row it sits in.
///
/// Page furniture (`-3-`, `第 3 页`, `3 / 12`) is dropped first, and a cell holding several numbers
/// separated by single spaces (PDF layout text: `1069 119 28`) is read as that many cells.
struct ReadCells {
    let texts: [String]
    let kinds: [CellReader.Kind]
    let keys: [String]
    /// The grid row of each cell (rows dropped as furniture leave gaps).
    let rows: [Int]
    /// The grid's rows carry cells side by side (pipe, tab, HTML, space-aligned rows) rather than
    /// one cell per line: a row's values end with the row.
    let rowwise: Bool

    init(_ grid: CellGrid) {
        var texts: [String] = []
        var rows: [Int] = []
        var wide = 0
        for (r, row) in grid.rows.enumerated() {
            if PageFurniture.isFurniture(row) { continue }
            if row.count > 1 { wide += 1 }
            for cell in row {
                if let numbers = Self.numberRun(cell) {
                    texts += numbers
                    rows += Array(repeating: r, count: numbers.count)
                } else {
                    texts.append(cell)
                    rows.append(r)
                }
            }
        }
        self.texts = texts
        self.rows = rows
        rowwise = wide >= 3
        kinds = texts.map(CellReader.classify)
        // Value cells are not matched against labels; their folded text matters only where it
        // may say the fee unit (`单位:元`). (Template markers are four or more Chinese characters,
        // which no value cell holds.)
        keys = zip(texts, kinds).map { text, kind in
            kind == .label || text.containsUTF8("元") ? LabelText.key(text) : ""
        }
    }

    var count: Int { texts.count }

    /// `1069 119 28`: two or more plain numbers separated by single spaces, as `pdftotext -layout`
    /// prints narrow columns; nil for anything else (a label with a space, `自然 人`, stays whole).
    static func numberRun(_ cell: String) -> [String]? {
        guard cell.holdsByte(0x20) else { return nil }
        let parts = cell.split(separator: " ")
        guard parts.count > 1 else { return nil }
        var numbers = 0
        for part in parts {
            // (A part that starts like a number but is none, `3.5%`, is an unreadable cell of the run.)
            guard case .value(let v) = CellReader.classify(String(part)), !v.isBlank else { return nil }
            if v.value != nil { numbers += 1 }
        }
        guard numbers > 0 else { return nil }
        return parts.map(String.init)
    }
}

/// Lines a printed page puts inside a table that belong to no row: page numbers.
enum PageFurniture {
    /// `-3-`, `- 3 -`, `—3—`, `第 3 页`, `第3页 共12页`, `3 / 12`, `3/12`, `Page 3`.
    static func isFurniture(_ row: [String]) -> Bool {
        // Most rows are longer than any page number line: rejected by their length.
        guard row.count <= 5, row.reduce(0, { $0 + $1.utf8.count }) <= 48 else { return false }
        // The kept scalars (at most 16 count), and whether each is a character of its own.
        var kept: [Unicode.Scalar] = []
        var simple = true
        for cell in row {
            for s in cell.unicodeScalars where !CellReader.isIgnored(s) {
                // A line that starts with anything else than a dash, 第, a digit or `p` is none:
                // most rows end here.
                if kept.isEmpty, isSimple(s), !(isDash(s) || s == "第" || isDigit(s) || s == "p" || s == "P") {
                    return false
                }
                guard kept.count < 16 else { return false }
                if !isSimple(s) { simple = false }
                kept.append(s)
            }
        }
        guard !kept.isEmpty else { return false }
        return simple ? isFurniture(scalars: kept) : isFurniture(characters: row)
    }

    /// Scalars that are characters of their own whatever surrounds them (no grapheme cluster
    /// joins them) and that no other character equals: ASCII, general punctuation, CJK
    /// punctuation and ideographs, full-width forms. Over these, scalars are characters.
    @inline(__always)
    private static func isSimple(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20...0x7E, 0x2010...0x2027, 0x3001...0x3029, 0x4E00...0x9FFF, 0xFF01...0xFF5E: true
        default: false
        }
    }

    @inline(__always)
    private static func isDash(_ s: Unicode.Scalar) -> Bool { s == "-" || s == "—" || s == "－" || s == "–" }

    @inline(__always)
    private static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }

    /// `isFurniture(characters:)` over text whose scalars are its characters.
    private static func isFurniture(scalars chars: [Unicode.Scalar]) -> Bool {
        func digits(_ c: ArraySlice<Unicode.Scalar>) -> Bool { !c.isEmpty && c.count <= 4 && c.allSatisfy(isDigit) }
        // -3-
        if chars.count >= 3, isDash(chars[0]), isDash(chars[chars.count - 1]) {
            var from = 1, to = chars.count - 1
            while from < to, isDash(chars[from]) { from += 1 }
            while to > from, isDash(chars[to - 1]) { to -= 1 }
            return digits(chars[from..<to])
        }
        // 第3页, 第3页共12页
        if chars[0] == "第", let p = chars.firstIndex(of: "页"), digits(chars[1..<p]) {
            let rest = chars[(p + 1)...]
            if rest.isEmpty { return true }
            if rest.first == "共", rest.last == "页" { return digits(rest.dropFirst().dropLast()) }
            return false
        }
        // 3/12
        if let slash = chars.firstIndex(where: { $0 == "/" || $0 == "／" }), digits(chars[..<slash]), digits(chars[(slash + 1)...]) {
            return true
        }
        // Page 3 (no scalar of these but an ASCII letter lower-cases to an ASCII letter)
        if chars.count >= 4, zip(chars, "page".unicodeScalars).allSatisfy({ a, b in
            a == b || (a.value >= 0x41 && a.value <= 0x5A && a.value + 0x20 == b.value)
        }), digits(chars.dropFirst(4)) {
            return true
        }
        return false
    }

    /// The rule on characters, for text with combining marks and other scalars that join.
    static func isFurniture(characters row: [String]) -> Bool {
        let text = row.joined().unicodeScalars.filter { !CellReader.isIgnored($0) }
        guard !text.isEmpty, text.count <= 16 else { return false }
        let s = String(String.UnicodeScalarView(text))
        let chars = Array(s)
        func digits(_ c: ArraySlice<Character>) -> Bool { !c.isEmpty && c.count <= 4 && c.allSatisfy { $0.isASCII && $0.isNumber } }
        let dashes: Set<Character> = ["-", "—", "－", "–"]
        // -3-
        if chars.count >= 3, let f = chars.first, let l = chars.last, dashes.contains(f), dashes.contains(l) {
            let inner = chars.dropFirst().dropLast().drop { dashes.contains($0) }
            return digits(inner.reversed().drop { dashes.contains($0) }.reversed()[...])
        }
        // 第3页, 第3页共12页
        if chars.first == "第", let p = chars.firstIndex(of: "页"), digits(chars[1..<p]) {
            let rest = chars[(p + 1)...]
            if rest.isEmpty { return true }
            if rest.first == "共", rest.last == "页" { return digits(rest.dropFirst().dropLast()) }
            return false
        }
        // 3/12
        if let slash = chars.firstIndex(where: { $0 == "/" || $0 == "／" }), digits(chars[..<slash]), digits(chars[(slash + 1)...]) {
            return true
        }
        // Page 3
        if s.lowercased().hasPrefix("page"), digits(chars.dropFirst(4)) { return true }
        return false
    }
}
