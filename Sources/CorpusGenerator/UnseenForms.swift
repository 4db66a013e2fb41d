import Foundation

/// The forms issue 14 found misread, as generator switches with known answers: damaged row
/// labels, tab rows with labels padded over three cells, PDF layout text, injected spam brands.
/// Every switch draws from its own stream: reports without it keep their bytes.

/// How a row label of table 三 is damaged. All are placeable: one edit from the template's
/// wording (matched tolerantly) or unreadable between two intact rows (matched by place).
enum LabelDamage: CaseIterable, Sendable {
    case lost, swapped, garbled, noise, unreadable

    /// Which rows of table 三 are damaged, and how: now and then one to three rows, never the
    /// first or last, never two side by side.
    static func plan(seed: UInt64, rowKeys: [String]) -> [String: LabelDamage] {
        var rng = SplitMix64(seed: seed ^ 0xDA3A_6E00_0000_0001)
        guard rng.chance(0.12), rowKeys.count > 4 else { return [:] }
        var plan: [String: LabelDamage] = [:]
        var taken: Set<Int> = []
        for _ in 0..<rng.int(1...3) {
            let r = rng.int(1...(rowKeys.count - 2))
            guard !taken.contains(r), !taken.contains(r - 1), !taken.contains(r + 1) else { continue }
            taken.insert(r)
            plan[rowKeys[r]] = rng.pick(allCases)
        }
        return plan
    }

    /// The label's wording (after the numbering) damaged. Short wordings (`其他`, `重复申请`) only
    /// take noise or become unreadable: one character off them is another word.
    func apply(_ text: String, seed: UInt64) -> String {
        var rng = SplitMix64(seed: seed ^ 0x6A7B)
        var chars = Array(text)
        let han = chars.indices.filter { chars[$0].unicodeScalars.first.map { $0.value >= 0x4E00 && $0.value <= 0x9FFF } ?? false }
        var how = self
        if han.count < 5, how != .unreadable { how = .noise }
        switch how {
        case .lost:
            chars.remove(at: han[rng.int(1...(han.count - 2))])
        case .swapped:
            let candidates = han.dropLast().filter { han.contains($0 + 1) && chars[$0] != chars[$0 + 1] }
            guard let i = candidates.isEmpty ? nil : rng.pick(Array(candidates)) else { return "?" + text }
            chars.swapAt(i, i + 1)
        case .garbled:
            let i = han[rng.int(1...(han.count - 2))]
            let replacement = rng.pick(Array("囗曰吕冂丨亻"))
            chars[i] = replacement
        case .noise:
            for _ in 0..<rng.int(1...2) { chars.insert("?", at: rng.int(1...(chars.count - 1))) }
        case .unreadable:
            for i in han { chars[i] = "\u{FFFD}" }
        }
        return String(chars)
    }
}

/// Value cells as the writers see them: a number, possibly with a unit or noise, or a mark for a
/// missing value.
enum CellLook {
    static func isValue(_ cell: String) -> Bool {
        var t = cell.unicodeScalars.filter { !" ?\u{00A0}\u{2002}".unicodeScalars.contains($0) }.map(Character.init)
        if t.isEmpty || t == ["—"] || t == ["/"] || t == ["无"] { return true }
        for unit in ["万元", "元", "件", "个"] where String(t).hasSuffix(unit) { t.removeLast(unit.count); break }
        guard let first = t.first, first.isNumber || first == "-" || first == "+" else { return false }
        return t.allSatisfy { $0.isNumber || $0 == "." || $0 == "," || $0 == "．" || $0 == "-" || $0 == "+" }
    }

    /// The row's leading label cells and its value cells.
    static func split(_ row: [String]) -> (labels: [String], values: [String]) {
        let firstValue = row.firstIndex(where: isValue) ?? row.count
        return (Array(row[..<firstValue]), Array(row[firstValue...]))
    }
}

/// Tab rows whose label part is padded to three cells with empty ones (a label column merged
/// over three cells, as spreadsheets export them).
enum PaddedTab {
    static func write(_ rows: [[String]]) -> String {
        rows.enumerated().map { r, row in
            var (labels, values) = CellLook.split(row)
            guard !values.isEmpty else { return row.joined(separator: "\t") }
            // The page's last cell empty would be lost with the text's trailing white space.
            if r == rows.count - 1, values.last?.isEmpty == true { values[values.count - 1] = "—" }
            let padded = labels + Array(repeating: "", count: max(0, 3 - labels.count))
            return (padded + values).joined(separator: "\t")
        }.joined(separator: "\n")
    }
}

/// Text as `pdftotext -layout` prints a table: cells aligned by runs of spaces, long labels
/// wrapped over two or three lines with the numbers on the first, middle or last, page-number
/// lines between rows, and a vertical label (`本年度办理结果`) one letter per line at the start of
/// the lines beside it.
struct PDFLayout {
    var seed: UInt64

    func write(_ rows: [[String]]) -> String {
        var rng = SplitMix64(seed: seed ^ 0x9DF0)
        let gap = rng.chance(0.5) ? "  " : " "
        let vertical = rng.chance(0.5)
        var letters = vertical ? Array("本年度办理结果").map(String.init) : []
        var lines: [String] = []
        var page = rng.int(2...9)
        for row in rows {
            var (labels, values) = CellLook.split(row)
            if rng.chance(0.08) {
                page += 1
                lines.append(rng.pick(["-\(page)-", "- \(page) -", "第 \(page) 页", "第\(page)页 共\(page + 9)页", "\(page) / \(page + 9)"]))
            }
            var startsVertical = false
            if vertical, let first = labels.first, first.replacingOccurrences(of: " ", with: "").hasSuffix("本年度办理结果") {
                labels.removeFirst()
                startsVertical = true
            }
            guard !values.isEmpty else {
                lines.append("    " + labels.joined(separator: "    "))
                continue
            }
            // (A PDF has no `?` noise in its numbers; an empty cell prints as nothing, so `—`.)
            let numbers = values.map { value -> String in
                let clean = String(String.UnicodeScalarView(value.unicodeScalars.filter { !" ?\u{00A0}\u{2002}".unicodeScalars.contains($0) }))
                return clean.isEmpty ? "—" : clean
            }.joined(separator: gap)
            // The last label cell wrapped at 12 to 16 characters.
            var fragments = [labels.last ?? ""]
            if let last = labels.last, last.count > 16 {
                let width = rng.int(12...16)
                let chars = Array(last)
                fragments = stride(from: 0, to: chars.count, by: width).map { String(chars[$0..<min($0 + width, chars.count)]) }
            }
            let valueLine = rng.int(0...(fragments.count - 1))
            let lead = labels.dropLast().joined(separator: "    ")
            for (i, fragment) in fragments.enumerated() {
                var line = (i == 0 && !lead.isEmpty ? lead + "    " : "      ") + fragment
                if i == valueLine { line += "        " + numbers }
                if !letters.isEmpty, startsVertical || letters.count < 7 {
                    line = letters.removeFirst() + "   " + line
                    startsVertical = false
                }
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// Brand tokens a hijacked site drops into prose: the brands issue 14 lists, an ASCII one, and
/// new ones built from the pattern (a made-up stem and a brand word).
enum SpamInjection {
    static let known = ["乐鱼体育", "九游会", "爱游戏", "星空体育", "华体会", "开云体育", "博鱼体育", "亚博体育", "UedBet体育"]
    static let stemLetters = Array("鑫豪鲨赢彩旺鸿盈烁喜澜禧")
    static let brandWords = ["体育", "娱乐", "官网", "平台", "注册", "app"]

    /// A token for this report: a known brand, or a new one whose stem the page does not hold.
    static func token(_ rng: inout SplitMix64, avoiding text: String) -> String {
        if rng.chance(0.6) { return rng.pick(known) }
        while true {
            let stem = String([rng.pick(stemLetters), rng.pick(stemLetters)])
            if stem.first != stem.last, !text.contains(stem) { return stem + rng.pick(brandWords) }
        }
    }

    /// The token inserted 3 to 9 times into the prose of the page (paragraphs, not tables or
    /// headings), each time at a different place; nil when the page has no prose to take it.
    static func inject(_ token: String, into text: String, html: Bool, rng: inout SplitMix64) -> String? {
        var lines = text.components(separatedBy: "\n")
        let open = "<p style=\"text-indent:2em\">"
        let prose = lines.indices.filter { i in
            let line = lines[i]
            if html { return line.hasPrefix(open) && line.count > 60 }
            let body = line.drop { $0 == " " || $0 == "\u{3000}" || $0 == "\u{00A0}" }
            return body.count > 30 && !body.contains("\t") && !body.contains("|") && !body.contains("  ")
        }
        guard !prose.isEmpty else { return nil }
        var inserted = 0
        let wanted = rng.int(3...9)
        for _ in 0..<(wanted * 4) where inserted < wanted {
            let i = rng.pick(prose)
            var chars = Array(lines[i])
            let skip = html ? open.count : chars.prefix { $0 == " " || $0 == "\u{3000}" || $0 == "\u{00A0}" }.count + 1
            let end = chars.count - (html ? "</p>".count : 0)
            guard end > skip + 1 else { continue }
            let at = rng.int(skip...(end - 1))
            // Not inside an entity (`&nbsp;`), not glued to Latin letters or digits.
            if html, let amp = chars[..<at].lastIndex(of: "&"), !chars[amp..<at].contains(";") { continue }
            if chars[at - 1].isASCII && (chars[at - 1].isLetter || chars[at - 1].isNumber) { continue }
            if chars[at].isASCII && (chars[at].isLetter || chars[at].isNumber) { continue }
            // Not inside a token inserted before.
            let around = String(chars[max(0, at - token.count)..<min(chars.count, at + token.count)])
            if around.contains(token) { continue }
            chars.insert(contentsOf: Array(token), at: at)
            lines[i] = String(chars)
            inserted += 1
        }
        return inserted >= 3 ? lines.joined(separator: "\n") : nil
    }
}

/// Switches of a report's table style drawn from its seed (no draw from the report's stream).
extension TableStyle {
    /// HTML table 二 whose header puts `colspan="2"` on its second measure while the data rows
    /// put it on their first value cell (a real page's markup).
    var disagreeingSpans: Bool {
        guard unseenForms else { return false }
        var rng = SplitMix64(seed: seed ^ 0x5BA7_0000_0000_0002)
        return rng.chance(0.3)
    }

    /// The damaged labels of table 三 (none for styles built by hand).
    func damage(_ rows: [Vocab.Row]) -> [String: LabelDamage] {
        unseenForms ? LabelDamage.plan(seed: seed, rowKeys: rows.map(\.key)) : [:]
    }

    /// The unseen forms a report shows, for its answers.
    func forms(_ kind: ReportKind, _ values: TableValues) -> [String] {
        var forms: [String] = []
        if !damage(values.rows).isEmpty { forms.append("damaged_labels") }
        if kind.format == .html, disagreeingSpans { forms.append("html_spans") }
        if feeInYuan, let fee = Vocab.activeCells(values.template).firstIndex(where: { $0.item == Vocab.feeItem && $0.isAmount }),
           values.active[fee] != nil {
            forms.append("fee_in_yuan")
        }
        return forms
    }

    /// Template 2021's fee written in 元 in its cell (`251000元`) under a 万元 header.
    var feeInYuan: Bool {
        guard unseenForms else { return false }
        var rng = SplitMix64(seed: seed ^ 0xFEE0_0000_0000_0003)
        return rng.chance(0.1)
    }
}

/// HTML tables with spans that disagree between the header and the data rows.
enum DisagreeingSpans {
    /// Rows as `<tr>`s. In a block of three measures the header's second measure spans two
    /// columns and each data row's first value cell spans two; other rows' last cell spans the rest.
    static func html(_ rows: [[String]]) -> String {
        var spans: [[(String, Int)]] = []
        var inThreeMeasureBlock = false
        for row in rows {
            if row.first == "信息内容" { inThreeMeasureBlock = row.count == 4 }
            if inThreeMeasureBlock, row.count == 4 {
                // The merged value cell plain (a unit or `?` would have the HTML reader copy it
                // over the covered column) and no blank cell beside it (a blank could be the
                // covered column): where the merged cell stands stays decidable, so the answers
                // stay right. (Undecidable rows are the reader's unit tests: missing and flagged.)
                let plain = { (cell: String) -> String in
                    let ascii = String(String.UnicodeScalarView(cell.unicodeScalars.map { c in
                        switch c {
                        case "\u{FF10}"..."\u{FF19}": Unicode.Scalar(c.value - 0xFF10 + 0x30)!
                        case "．": "."
                        default: c
                        }
                    }))
                    let kept = ascii.filter { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }
                    return kept.isEmpty ? "—" : kept
                }
                spans.append(row.first == "信息内容"
                             ? [(row[0], 1), (row[1], 1), (row[2], 2), (row[3], 1)]
                             : [(row[0], 1), (plain(row[1]), 2), (plain(row[2]), 1), (plain(row[3]), 1)])
            } else {
                spans.append(row.map { ($0, 1) })
            }
        }
        let width = spans.map { $0.reduce(0) { $0 + $1.1 } }.max() ?? 0
        var out = "<table border=\"1\" cellspacing=\"0\" cellpadding=\"0\">\n<tbody>\n"
        for var row in spans {
            let used = row.reduce(0) { $0 + $1.1 }
            if used < width, !row.isEmpty { row[row.count - 1].1 += width - used }
            out += "<tr>"
            for (text, span) in row {
                out += "<td\(span > 1 ? " colspan=\"\(span)\"" : "")><p>\(TableText.escape(text))</p></td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>"
    }
}
