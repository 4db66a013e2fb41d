import SystemBytes
import Foundation
import ReportModel

/// Agency, report year and publish date, read from the title and preamble of normalised text.
public enum MetadataExtractor {
    /// `text` is the normalised report; `ignoring` are injected spam tokens, treated as breaks.
    public static func extract(from text: String, ignoring spam: [String] = []) -> ReportMetadata {
        var clean = text
        for token in spam { clean = clean.replacingUTF8(token, with: "\n") }
        // Taiwan wording of the title's key phrase (政府資訊公開 → 政府资讯公开 after t2s).
        clean = clean.replacingUTF8("政府资讯公开", with: "政府信息公开")
        // The head of the document: everything before 一、 (a generous cap when there is none).
        // Lines are read only as far as that heading (the rest of the text is not split).
        var lines: [String] = []
        var heading: Int? = nil
        var start = clean.startIndex
        while start < clean.endIndex, heading == nil {
            let end = clean.lineFeed(from: start) ?? clean.endIndex
            let line = clean[start..<end].trimmingSpaceScalars()
            start = end < clean.endIndex ? clean.utf8.index(after: end) : end
            guard !line.isEmpty else { continue }
            let bare = line.drop { "•·".contains($0) || $0.isWhitespace }  // `  • 一、总体情况`
            if bare.hasPrefix("一、") || bare.hasPrefix("一.") { heading = lines.count } else { lines.append(line) }
        }
        let headEnd = heading ?? min(lines.count, 15)
        // Links to other reports (上一篇：…2020年…报告) and "today is" dates are page chrome.
        let head = lines[..<headEnd].filter { !isNavigation($0) }
        let titles = head.filter(isTitle)

        var metadata = ReportMetadata()
        metadata.reportYear = reportYear(titles: titles, head: head, text: clean)
        metadata.agency = agency(titles: titles, head: head, text: clean)
        metadata.publishDate = publishDate(head: head, reportYear: metadata.reportYear)
        return metadata
    }

    static func isTitle(_ line: String) -> Bool {
        // Taiwan/Hong Kong wording (政府资讯公开) counts as the template's.
        let folded = LabelText.regionalVariantsFolded(line)
        return folded.count <= 80 && folded.containsUTF8("政府信息公开") && (folded.containsUTF8("报告") || folded.containsUTF8("年报"))
            && !folded.containsASCII(UInt8(ascii: ">")) && !folded.hasPrefix("您的位置") && !folded.hasPrefix("当前位置")
    }

    static let navigationMarks = ["上一篇", "下一篇", "上一条", "下一条", "相关链接", "相关文章", "相关阅读", "推荐阅读",
                                  "今天是", "今日", "星期"]

    static func isNavigation(_ line: String) -> Bool {
        navigationMarks.contains { line.containsUTF8($0) } && line.count <= 80
    }

    // MARK: report year

    static func reportYear(titles: [String], head: [String], text: String) -> Int? {
        for title in titles {
            if let y = firstYear(in: title) { return y }
        }
        // 统计期限为2021年1月1日至2021年12月31日 (also the typo 20211月1日).
        // (Each pattern only where its words are: the whole text is not handed to the regex engine
        // for nothing.)
        if text.containsUTF8("期限"),
           let y = firstMatch(#"(?:统计期限|统计时限|期限为|期限自)[^0-9二〇]{0,6}((?:19|20)\d\d)年?1月1日"#, in: text) {
            return Int(y)
        }
        guard text.containsUTF8("政府信息公开") else { return nil }
        if let y = firstMatch(#"((?:19|20)\d\d)年度?政府信息公开"#, in: head.joined(separator: "\n")) { return Int(y) }
        if let y = firstMatch(#"((?:19|20)\d\d)年度?政府信息公开"#, in: text) { return Int(y) }
        return nil
    }

    /// Chinese numerals for a year's digits: 〇, its look-alike ○ and 零 are 0.
    static let yearDigits: [Character: Character] = [
        "〇": "0", "○": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7",
        "八": "8", "九": "9",
    ]
    /// A year written in Arabic or Chinese numerals, followed by 年.
    static let yearPattern = #"(?:(?:19|20)\d\d|[〇○零一二三四五六七八九]{4})\s*年"#

    /// The first four-digit year before 年 (Arabic or Chinese numerals: 二〇二一年).
    static func firstYear(in line: String) -> Int? {
        guard line.containsUTF8("年") else { return nil }
        if let y = firstMatch(#"((?:19|20)\d\d)\s*年"#, in: line) { return Int(y) }
        if let y = firstMatch(#"([〇○零一二三四五六七八九]{4})\s*年"#, in: line) {
            return Int(String(y.compactMap { yearDigits[$0] }))
        }
        return nil
    }

    // MARK: agency

    static let institutionSuffixes = ["人民政府办公室", "人民政府", "办事处", "委员会", "管理委员会", "政府", "局", "委", "办公室",
                                      "厅", "院", "中心", "办", "署", "部", "所", "队", "站", "馆", "会", "处", "室", "社"]

    static func agency(titles: [String], head: [String], text: String) -> String? {
        for title in titles {
            guard let name = nameInTitle(title) else { continue }
            if hasInstitutionSuffix(name) { return name }
            // A short name (江夏区): the full name the body uses (江夏区人民政府).
            if let full = fullName(startingWith: name, in: text) { return full }
            return name
        }
        // No title: "…蘑菇气镇人民政府2023年政府信息公开…" in the preamble.
        let pattern = #"([\p{Han}]{2,30}?)(?:(?:19|20)\d\d)年度?政府信息公开"#
        for line in head + [text] where line.containsUTF8("政府信息公开") {
            if let run = firstMatch(pattern, in: line) {
                let name = trimLeadingVerbs(run)
                if hasInstitutionSuffix(name) { return name }
            }
        }
        return nil
    }

    /// The agency part of a title: `托里县人民政府2021年政府信息公开工作报告` → 托里县人民政府;
    /// `2021年江夏区政府信息公开工作年度报告` → 江夏区.
    static func nameInTitle(_ title: String) -> String? {
        var t = title.replacingUTF8(" ", with: "")
        // Drop a leading year (2021年 / 2021年度 / 二〇二一年度).
        if let r = RegexCache.firstRange("^" + yearPattern + "度?", in: t) { t.removeSubrange(r) }
        var end = t.endIndex
        if let r = RegexCache.firstRange(yearPattern, in: t) { end = min(end, r.lowerBound) }
        if let r = t.rangeUTF8(of: "政府信息公开") { end = min(end, r.lowerBound) }
        let name = String(t[..<end]).trimmingCharacters(in: titleMarks)
        guard name.count >= 2, name.allSatisfy({ $0.unicodeScalars.allSatisfy { isHanScalar($0) } || "()（）".contains($0) })
        else { return nil }
        return name
    }

    static let titleMarks = CharacterSet(charactersIn: "《》“”\"'·:：- ")

    static func hasInstitutionSuffix(_ name: String) -> Bool {
        institutionSuffixes.contains { name.hasSuffix($0) } && name.count >= 3
    }

    /// The full name the body gives a short name: `name…suffix`, the most formal suffix first
    /// (人民政府 before 政府), then the most frequent. `江夏区政府信息公开` is no name: that 政府
    /// belongs to 政府信息公开.
    static func fullName(startingWith name: String, in text: String) -> String? {
        let suffixes = ["人民政府", "委员会", "局", "政府"]
        var counts: [String: Int] = [:]
        var searchFrom = text.startIndex
        while let r = text.rangeUTF8(of: name, from: searchFrom) {
            let tail = text[r.upperBound...].prefix(10)
            for suffix in suffixes {
                if let s = tail.rangeUTF8(of: suffix) {
                    if suffix == "政府", text[s.upperBound...].hasPrefix("信息") { continue }
                    let between = tail[..<s.lowerBound]
                    if between.allSatisfy({ $0.unicodeScalars.allSatisfy(isHanScalar) }), between.count <= 6 {
                        counts[name + tail[..<s.upperBound], default: 0] += 1
                    }
                    break
                }
            }
            searchFrom = r.upperBound
        }
        for suffix in suffixes {
            let named = counts.filter { $0.key.hasSuffix(suffix) }
            if let best = named.max(by: { a, b in a.value != b.value ? a.value < b.value : a.key.count > b.key.count }) {
                return best.key
            }
        }
        return nil
    }

    /// Words that open a clause before an agency name in running text.
    static let leadingVerbs = ["报告内容包括", "内容包括", "包括", "现向社会公布", "公布", "根据", "关于", "现将", "发布", "编制", "本机关", "我"]

    static func trimLeadingVerbs(_ run: String) -> String {
        var best = run
        for verb in leadingVerbs {
            if let r = best.range(of: verb, options: .backwards) { best = String(best[r.upperBound...]) }
        }
        return best
    }

    // MARK: publish date

    static func publishDate(head: [String], reportYear: Int?) -> String? {
        let date = #"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"#
        // 发布日期 / 发布时间 next to the title, not 成文日期. A bare 时间 label only on its own
        // (时间:2022-01-12), not as the end of 成文时间, 统计时间, 办理时间.
        for line in head where line.containsUTF8("时间") || line.containsUTF8("发布") {
            if let m = captures(#"(?:发布日期|发布时间|发文时间|发布于|(?<!\p{Han})时间)\s*[:：]?\s*"# + date, in: line) {
                return iso(m)
            }
        }
        // A date opening a line of the page header (2022-02-26 12:18:24 托里县人民政府办公室): not
        // the value of a 成文日期 label on the line before, and after the year reported on (a date
        // in that year is inside the period, not the publication).
        for (i, line) in head.prefix(8).enumerated() where line.utf8.starts(with: "20".utf8) || line.utf8.starts(with: "19".utf8) {
            guard let m = captures("^" + date, in: line), let y = Int(m[0]) else { continue }
            if i > 0, RegexCache.firstRange(#"成文(?:日期|时间)\s*[:：]?$"#, in: head[i - 1]) != nil { continue }
            if let reportYear, y <= reportYear { continue }
            return iso(m)
        }
        return nil
    }

    static func iso(_ parts: [String]) -> String? {
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        // (Padded by hand: `String(format:)` goes through NSString, a measurable cost per report.)
        func padded(_ n: Int, _ width: Int) -> String {
            let digits = String(n)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return padded(y, 4) + "-" + padded(m, 2) + "-" + padded(d, 2)
    }

    // MARK: regex helpers

    static func isHanScalar(_ s: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(s.value) || (0x3400...0x4DBF).contains(s.value)
    }

    static func captures(_ pattern: String, in text: String) -> [String]? {
        guard let regex = RegexCache.regex(pattern),
              let m = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        return (1..<m.numberOfRanges).compactMap { Range(m.range(at: $0), in: text).map { String(text[$0]) } }
    }

    static func firstMatch(_ pattern: String, in text: String) -> String? {
        captures(pattern, in: text)?.first
    }
}
