/// A line of a document whose layout had to be rebuilt (PDF pages, Word files): text, or a table
/// row of cells. Rendered for the text pipeline as plain lines and `| a | b |` rows.
public enum LaidOutLine: Sendable, Equatable {
    case text(String)
    case row([String])

    public static func text(of lines: [LaidOutLine]) -> String {
        lines.map { line in
            switch line {
            case .text(let text): text
            case .row(let cells): "| " + cells.map { $0.replacingOccurrences(of: "|", with: "｜") }.joined(separator: " | ") + " |"
            }
        }.joined(separator: "\n")
    }
}
