import SystemBytes
import ReportModel

/// Stage 2: a decoded report in, simplified-script clean text out.
///
/// Order matters: pinyin annotations go first (they would mislead the converter), then the
/// script conversion, applied only to lines that hold a traditional character; the character
/// cleanup, then injected spam tokens cut out.
public struct ScriptNormalizer: Sendable {
    public struct Result: Sendable {
        public var text: String
        public var sourceScript: SourceScript
        public var pinyinAnnotationsRemoved: Int
        public var linesConverted: Int
        public var questionMarksRemoved: Int
        /// Injected spam brand tokens found (most frequent first); their occurrences are cut out
        /// of `text`, `spamTokensRemoved` of them.
        public var spamTokens: [String] = []
        public var spamTokensRemoved = 0
    }

    let converter: ChineseConverter
    let traditional: TraditionalCharacters

    public init(converter: ChineseConverter) {
        self.converter = converter
        self.traditional = TraditionalCharacters(converter: converter)
    }

    public func normalize(_ input: String) -> Result {
        let (stripped, pinyin) = PinyinAnnotations.strip(input)
        let script = classify(stripped)
        var converted = 0
        var text = stripped
        if script != .simplified {
            var lines = Self.linesAtLineFeed(stripped)
            for i in lines.indices where lines[i].unicodeScalars.contains(where: traditional.contains) {
                lines[i] = converter.convert(lines[i])
                converted += 1
            }
            text = lines.joined(separator: "\n")
        }
        let folded = TextCleanup.foldFullWidthPipes(TextCleanup.foldSpacesAndWidths(text))
        let (clean, questionMarks) = TextCleanup.removeQuestionMarkArtefacts(folded)
        let spam = SpamTokens.cut(clean)
        return Result(text: spam.text, sourceScript: script, pinyinAnnotationsRemoved: pinyin,
                      linesConverted: converted, questionMarksRemoved: questionMarks,
                      spamTokens: spam.tokens, spamTokensRemoved: spam.removed)
    }

    /// The text cut at each `\n` that is a character of its own (not the end of a `\r\n`), as
    /// `split(separator: "\n")` cuts it, on bytes.
    static func linesAtLineFeed(_ text: String) -> [String] {
        var lines: [String] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var previous: UInt8 = 0
        var i = utf8.startIndex
        while i != utf8.endIndex {
            let b = utf8[i]
            if b == 0x0A && previous != 0x0D {
                lines.append(String(Substring(utf8[start..<i])))
                start = utf8.index(after: i)
            }
            previous = b
            i = utf8.index(after: i)
        }
        lines.append(String(Substring(utf8[start...])))
        return lines
    }

    /// `traditional` when at least 3 % of the Han characters are traditional-only (most characters
    /// are shared by both scripts), `mixed` when some are, else `simplified`.
    public func classify(_ text: String) -> SourceScript {
        var han = 0
        var trad = 0
        // Over the UTF-8 bytes: every Han character is a 3- or 4-byte sequence.
        var text = text
        text.withUTF8 { b in
            let n = b.count
            var i = 0
            while i < n {
                if b[i] < 0xE0 { i += 1; continue }  // ASCII, 2-byte sequences, continuation bytes
                guard let (value, length) = UTF8Scalar.decode(b, at: i) else { return }
                i += length
                if PinyinAnnotations.isHan(value: value) {
                    han += 1
                    if traditional.contains(value: value) { trad += 1 }
                }
            }
        }
        if trad == 0 { return .simplified }
        return trad * 100 >= han * 3 ? .traditional : .mixed
    }
}
