import Foundation
import ReportModel

/// One input form's reader: decoded text in, a `Document` out; nil when the form's parser could
/// not read the text at all (the caller then reads it as plain text, with an `errors` row).
package protocol DocumentReader: Sendable {
    func read(_ text: String) -> Document?
}

/// The input forms, each with its reader.
public enum InputForm: String, Sendable, CaseIterable {
    case text, markdown, html

    /// The form of a file: an HTML page is told by its head whatever its name (a page saved under
    /// any extension, as today; see `HTMLText.looksLikeHTML`); otherwise `.md` and `.markdown`
    /// are Markdown, and so is a text whose section headings are written in Markdown's markup
    /// (`MarkdownReader.headsSectionsInMarkup`: Markdown saved as `.txt`); anything else is plain text. (Markdown's own HTML blocks do not make a file
    /// a page: the sniffing needs a page mark, or a first tag and an HTML element.)
    public static func of(path: String, text: String) -> InputForm {
        if HTMLText.looksLikeHTML(text) { return .html }
        let ext = (path as NSString).pathExtension.lowercased()
        if ext == "md" || ext == "markdown" || MarkdownReader.headsSectionsInMarkup(text) { return .markdown }
        return .text
    }

    package var reader: any DocumentReader {
        switch self {
        case .text: PlainTextReader()
        case .markdown: MarkdownReader()
        case .html: HTMLReader()
        }
    }
}
