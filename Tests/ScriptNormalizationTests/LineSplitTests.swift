@testable import ScriptNormalization
import Testing

@Suite struct LineSplitTests {
    /// The byte split gives the lines `split(separator: "\n")` gives: a `\r\n` is one character,
    /// so it is not cut; a lone `\r`, blank lines and the ends are kept.
    @Test(arguments: ["", "\n", "a", "a\nb", "a\r\nb\nc", "\r\n\r\n", "\n\r", "a\r", "\r\na\n", "萬\n\n萬\r\n说\r", "a\n\u{301}b"])
    func linesAreCutAsCharactersCutThem(_ text: String) {
        #expect(ScriptNormalizer.linesAtLineFeed(text) == text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }
}
