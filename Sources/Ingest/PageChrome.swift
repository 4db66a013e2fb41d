import SystemBytes
import ReportModel

/// Web-page chrome left in scraped text: breadcrumbs, login links, share and print buttons.
///
/// Only whole lines made of chrome are removed, so a table cell or a sentence that mentions
/// 打印 is never touched.
public enum PageChrome {
    /// Lines that are chrome when they equal one of these (after trimming spaces and `[]【】`).
    static let exactLines: Set<String> = [
        "登录", "注册", "登录注册", "登录|注册", "用户登录", "分享到", "分享到:", "分享到：", "打印", "关闭",
        "打印本页", "关闭窗口", "×", "x", "字号", "字号:大中小", "大中小", "收藏", "返回顶部", "无障碍",
        "扫一扫在手机打开当前页", "点击数:人次", "来源:", "作者:admin",
    ]
    /// Lines that are chrome when they start with one of these and are short.
    static let prefixes = ["您的位置", "您当前的位置", "当前位置", "上一篇", "下一篇", "分享到", "【打印", "【关闭",
                           "字号", "点击数", "浏览次数", "按回车键在新窗口打开无障碍"]

    public static func strip(_ text: String) -> (text: String, removedLines: Int) {
        // Kept lines are copied as runs of whole lines: a page has a handful of chrome lines.
        var removed = 0
        var out = ""
        var wroteRun = false
        var run: Range<String.Index>? = nil
        func flush() {
            guard let kept = run else { return }
            if wroteRun { out += "\n" } else { out.reserveCapacity(text.utf8.count) }
            out += text[kept]
            wroteRun = true
            run = nil
        }
        for line in text.linesSplitAtLF() {
            if isChrome(line) {
                removed += 1
                flush()
            } else {
                run = (run?.lowerBound ?? line.startIndex)..<line.endIndex
            }
        }
        if removed == 0 { return (text, 0) }
        flush()
        return (out, removed)
    }

    /// The characters a chrome line's core can start with (the first of each exact line and
    /// prefix; a bracketed prefix's after its bracket), and those the core leaves out.
    static let coreStarts: Set<Unicode.Scalar> = Set((Array(exactLines) + prefixes).compactMap {
        ($0.hasPrefix("【") ? $0.unicodeScalars.dropFirst() : $0.unicodeScalars[...]).first
    })
    static let notCore: Set<Unicode.Scalar> = [" ", "\t", "•", "·", "[", "]", "【", "】"]

    static func isChrome(_ line: Substring) -> Bool {
        // Most lines are text: rejected on their first character, without building the core.
        guard let start = line.unicodeScalars.first(where: { !notCore.contains($0) }), coreStarts.contains(start) else {
            return false
        }
        // The core (the line without spaces, bullets and brackets) and the bracketed form (`[`
        // read as `【`), as UTF-8 bytes; a chrome line is short, so a long one is turned down early.
        var core: [UInt8] = []
        var bracketed: [UInt8] = []
        var coreLength = 0
        for s in line.unicodeScalars {
            switch s {
            case " ", "\t", "•", "·": continue
            case "[": bracketed.append(contentsOf: Self.openBracket)
            case "]": bracketed.append(contentsOf: Self.closeBracket)
            case "【", "】": UTF8.encode(s) { bracketed.append($0) }
            default:
                coreLength += 1
                if coreLength > 60 { return false }
                UTF8.encode(s) { core.append($0); bracketed.append($0) }
            }
        }
        guard !core.isEmpty else { return false }
        if exactLines.contains(String(decoding: core, as: UTF8.self)) { return true }
        // Bracketed prefixes (`【关闭`) match with their bracket (`[` counts as `【`): a sentence
        // that opens with 关闭 or 打印 is text.
        return prefixBytes.contains { prefix, isBracketed in
            isBracketed ? bracketed.starts(with: prefix) : core.starts(with: prefix)
        }
    }

    static let openBracket = Array("【".utf8)
    static let closeBracket = Array("】".utf8)
    static let prefixBytes: [(bytes: [UInt8], bracketed: Bool)] = prefixes.map { (Array($0.utf8), $0.hasPrefix("【")) }
}

extension PageChrome {
    /// The document without its chrome lines: those of headings and paragraphs (a block left
    /// without lines goes); tables are never chrome.
    public static func strip(_ document: Document) -> (document: Document, removedLines: Int) {
        var removed = 0
        var blocks: [Document.Block] = []
        blocks.reserveCapacity(document.blocks.count)
        for block in document.blocks {
            switch block {
            case .heading(let level, let text):
                let (kept, count) = blockText(text)
                removed += count
                if count == 0 { blocks.append(block) } else if let kept { blocks.append(.heading(level: level, text: kept)) }
            case .paragraph(let text):
                let (kept, count) = blockText(text)
                removed += count
                if count == 0 { blocks.append(block) } else if let kept { blocks.append(.paragraph(kept)) }
            case .table:
                blocks.append(block)
            }
        }
        return (removed == 0 ? document : Document(blocks: blocks), removed)
    }

    /// A block's text without its chrome lines; nil when no line is left.
    private static func blockText(_ text: String) -> (text: String?, removed: Int) {
        // (Most blocks of a page are one line.)
        if !text.containsASCII(0x0A) { return isChrome(text[...]) ? (nil, 1) : (text, 0) }
        let (kept, removed) = strip(text)
        if removed == 0 { return (text, 0) }
        // (`strip` gives "" both for no line kept and for one empty line kept.)
        let lines = text.linesSplitAtLF().count
        return (lines == removed ? nil : kept, removed)
    }
}
