import ReportModel

/// Bounds on the work one file may cost, decided by counting on bytes before the stages that
/// could blow up run: the same input always gets the same verdict, whatever the machine.
///
/// - An HTML page is refused (`too_complex`) before libxml2 parses it when its tables nest deeper
///   than `maxTableDepth` (the HTML walk costs nesting depth × page size), when it has more than
///   `maxHTMLCells` cell positions in all (`colspan` counted), or when one table's grid — its rows
///   × its widest row plus the columns its `rowspan` cells carry down — exceeds `maxTableGrid`
///   (every row is padded to the widest, so one wide row makes every row wide).
/// - In the text the later stages read, a line of more than `maxRowCells` cells is no table row
///   of a report: it is left out (flag `oversized_rows`), so that it is never split into cells;
///   more than `maxTextCells` lines and cells in all is `too_complex`.
///
/// The limits are far above any real report (a report page has a few hundred cells, its tables
/// nest a few levels for layout, its widest row has about twenty cells).
public enum PageLimits {
    public static let maxTableDepth = 32
    public static let maxHTMLCells = 200_000
    public static let maxTableGrid = 200_000
    public static let maxRowCells = 2_000
    public static let maxTextCells = 500_000

    /// The `errors` code of a file refused by a limit (also the time budget's).
    public static let tooComplex = "too_complex"

    // MARK: HTML, before parsing

    /// Why an HTML page is not parsed, or nil when it is within the limits.
    public static func htmlProblem(_ html: String) -> StageError? {
        var html = html
        return html.withUTF8 { HTMLCounter.problem(in: $0) }
    }

    // MARK: Text rows

    /// Leaves out the lines of more than `maxRowCells` cells (flag `oversized_rows` and an `errors`
    /// row saying how many); false, with a `too_complex` errors row, when the text holds more than
    /// `maxTextCells` lines and cells even so.
    public static func bound(_ text: inout String, report: inout ProcessedReport) -> Bool {
        var scan = RowScan()
        text.withUTF8 { scan.run($0) }
        if !scan.oversized.isEmpty {
            var kept: [UInt8] = []
            text.withUTF8 { bytes in
                kept.reserveCapacity(bytes.count)
                var start = 0
                for line in scan.oversized {
                    kept.append(contentsOf: bytes[start..<line.lowerBound])
                    start = line.upperBound
                }
                kept.append(contentsOf: bytes[start...])
            }
            text = String(decoding: kept, as: UTF8.self)
            report.flags.insert(.oversizedRows)
            report.errors.append(StageError(
                stage: .ingest, code: ReportFlag.oversizedRows.rawValue,
                message: "\(scan.oversized.count) line(s) of more than \(maxRowCells) cells (the largest \(scan.largestRow)) left out"))
        }
        if scan.cells > maxTextCells {
            report.errors.append(StageError(
                stage: .ingest, code: tooComplex,
                message: "\(scan.cells) lines and cells, more than \(maxTextCells): the file is not read"))
            return false
        }
        return true
    }

    /// Per line: its cells, counted as the table reader could split it (1 + its `|`, its tabs, or
    /// its runs of two or more spaces, whichever is most).
    struct RowScan {
        var cells = 0
        var largestRow = 0
        /// Byte ranges of the oversized lines, with their line break.
        var oversized: [Range<Int>] = []

        mutating func run(_ bytes: UnsafeBufferPointer<UInt8>) {
            var lineStart = 0
            var pipes = 0, tabs = 0, spaceRuns = 0
            var previous: UInt8 = 0, beforePrevious: UInt8 = 0
            func endLine(at end: Int) {
                let row = 1 + max(pipes, tabs, spaceRuns)
                if row > PageLimits.maxRowCells {
                    largestRow = max(largestRow, row)
                    oversized.append(lineStart..<min(end + 1, bytes.count))
                } else {
                    cells += row
                }
                pipes = 0; tabs = 0; spaceRuns = 0
                previous = 0; beforePrevious = 0
                lineStart = end + 1
            }
            for i in 0..<bytes.count {
                let b = bytes[i]
                switch b {
                case 0x0A: endLine(at: i); continue
                case 0x7C: pipes += 1
                case 0x09: tabs += 1
                case 0x20: if previous == 0x20 && beforePrevious != 0x20 { spaceRuns += 1 }
                default: break
                }
                beforePrevious = previous
                previous = b
            }
            if lineStart < bytes.count { endLine(at: bytes.count) }
        }
    }
}

/// A byte-level count of the tags that decide the HTML walk's cost: `<table>` nesting, `<tr>`,
/// `<td>`/`<th>` with their spans. Comments and the raw text of `script` and `style` are skipped;
/// a tag libxml2 would drop still counts (the count errs on the high side).
enum HTMLCounter {
    struct Table {
        var rows = 0
        var width = 0
        var widest = 0
        /// Columns of cells spanning rows: they can push later rows wider.
        var carried = 0
        var grid: Int { rows.multipliedReportingOverflow(by: widest + carried).overflow ? .max : rows * (widest + carried) }
    }

    static func problem(in bytes: UnsafeBufferPointer<UInt8>) -> StageError? {
        var tables: [Table] = []
        var cells = 0
        let n = bytes.count
        var i = 0
        func refuse(_ why: String) -> StageError {
            StageError(stage: .ingest, code: PageLimits.tooComplex, message: why + ": the page is not read")
        }
        func closeTable() -> StageError? {
            guard let table = tables.popLast() else { return nil }
            if table.grid > PageLimits.maxTableGrid {
                return refuse("a table of \(table.rows) rows and \(table.widest + table.carried) columns, more than \(PageLimits.maxTableGrid) positions")
            }
            return nil
        }
        while i < n {
            guard bytes[i] == 0x3C, i + 1 < n else { i += 1; continue }  // '<'
            var j = i + 1
            if bytes[j] == 0x21 {  // '<!': a comment, or a doctype
                if j + 2 < n, bytes[j + 1] == 0x2D, bytes[j + 2] == 0x2D {
                    i = find([0x2D, 0x2D, 0x3E], in: bytes, from: j + 3) ?? n
                } else {
                    i = j + 1
                }
                continue
            }
            let closing = bytes[j] == 0x2F
            if closing { j += 1 }
            let nameStart = j
            while j < n, isNameByte(bytes[j]) { j += 1 }
            guard j > nameStart, j - nameStart <= 8 else { i = max(j, i + 1); continue }
            let name = lowercased(bytes, nameStart..<j)
            let tagEnd = endOfTag(bytes, from: j)
            if closing {
                if name == "table", let problem = closeTable() { return problem }
                i = tagEnd
                continue
            }
            switch name {
            case "table":
                tables.append(Table())
                if tables.count > PageLimits.maxTableDepth {
                    return refuse("tables nested more than \(PageLimits.maxTableDepth) deep")
                }
            case "tr":
                if !tables.isEmpty {
                    tables[tables.count - 1].rows += 1
                    tables[tables.count - 1].width = 0
                }
            case "td", "th":
                let colspan = max(1, span(named: "colspan", in: bytes, j..<tagEnd) ?? 1)
                let rowspan = span(named: "rowspan", in: bytes, j..<tagEnd) ?? 1
                cells += colspan
                if cells > PageLimits.maxHTMLCells {
                    return refuse("more than \(PageLimits.maxHTMLCells) table cells")
                }
                if !tables.isEmpty {
                    var table = tables[tables.count - 1]
                    if table.rows == 0 { table.rows = 1 }  // a cell before any <tr> opens a row
                    table.width += colspan
                    table.widest = max(table.widest, table.width)
                    if rowspan != 1 { table.carried += colspan }
                    tables[tables.count - 1] = table
                    if table.grid > PageLimits.maxTableGrid, let problem = closeTable() { return problem }
                }
            case "script", "style", "textarea":
                // Raw text up to the closing tag: no tags inside.
                i = findClosing(name, in: bytes, from: tagEnd) ?? n
                continue
            default:
                break
            }
            i = tagEnd
        }
        while !tables.isEmpty {
            if let problem = closeTable() { return problem }
        }
        return nil
    }

    static func isNameByte(_ b: UInt8) -> Bool {
        (0x61...0x7A).contains(b | 0x20) || (0x30...0x39).contains(b)
    }

    static func lowercased(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: bytes[range].map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// The index after the tag's `>`, quoted attribute values skipped.
    static func endOfTag(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var quote: UInt8 = 0
        var i = start
        while i < bytes.count {
            let b = bytes[i]
            if quote != 0 {
                if b == quote { quote = 0 }
            } else if b == 0x22 || b == 0x27 {
                quote = b
            } else if b == 0x3E {
                return i + 1
            } else if b == 0x3C {
                return i  // a broken tag: the next one starts here
            }
            i += 1
        }
        return bytes.count
    }

    /// A `rowspan`/`colspan` value in a tag's attributes, capped as `HTMLTable` caps it; 0 stays 0.
    static func span(named name: StaticString, in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        let needle = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        var i = range.lowerBound
        while i + needle.count <= range.upperBound {
            var matches = true
            for k in 0..<needle.count where bytes[i + k] | 0x20 != needle[k] { matches = false; break }
            if matches {
                var j = i + needle.count
                while j < range.upperBound, [0x20, 0x3D, 0x22, 0x27, 0x09, 0x0A, 0x0D].contains(bytes[j]) { j += 1 }
                var value = 0
                var digits = 0
                while j < range.upperBound, (0x30...0x39).contains(bytes[j]), digits < 6 {
                    value = value * 10 + Int(bytes[j] - 0x30)
                    digits += 1
                    j += 1
                }
                return digits == 0 ? nil : min(value, HTMLTable.maxSpan)
            }
            i += 1
        }
        return nil
    }

    static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0], needle.indices.allSatisfy({ bytes[i + $0] == needle[$0] }) { return i + needle.count }
            i += 1
        }
        return nil
    }

    /// The index after `</name…>`, ignoring ASCII case.
    static func findClosing(_ name: String, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let target = Array(name.utf8)
        var i = start
        while i + 2 + target.count <= bytes.count {
            if bytes[i] == 0x3C, bytes[i + 1] == 0x2F,
               target.indices.allSatisfy({ bytes[i + 2 + $0] | 0x20 == target[$0] }) {
                return endOfTag(bytes, from: i + 2 + target.count)
            }
            i += 1
        }
        return nil
    }
}
