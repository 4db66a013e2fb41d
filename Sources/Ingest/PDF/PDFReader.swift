import CPDF
import Foundation

/// Stage 1 for PDF files: the words of every page with their boxes, through poppler
/// (`CPDF`), and the document's own metadata. The layout is rebuilt by `PDFLayout`.
public enum PDFReader {
    public struct Word: Sendable, Equatable {
        public var text: String
        public var x0: Double, y0: Double, x1: Double, y1: Double
        public var spaceAfter: Bool

        public init(_ text: String, x0: Double, y0: Double, x1: Double, y1: Double, spaceAfter: Bool = false) {
            self.text = text
            self.x0 = x0
            self.y0 = y0
            self.x1 = x1
            self.y1 = y1
            self.spaceAfter = spaceAfter
        }

        var height: Double { y1 - y0 }
        var centerY: Double { (y0 + y1) / 2 }
    }

    public struct Page: Sendable, Equatable {
        public var width: Double
        public var height: Double
        public var words: [Word]

        public init(width: Double, height: Double, words: [Word]) {
            self.width = width
            self.height = height
            self.words = words
        }
    }

    public struct Document: Sendable {
        public var pages: [Page]
        /// The PDF's information dictionary: `Title`, and `CreationDate` as a date.
        public var title: String?
        public var creationDate: Date?
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// Not a PDF poppler can open: damaged, truncated or empty.
        case broken
        /// Encrypted with a password.
        case encrypted
        /// Pages without any text: a scan.
        case noTextLayer(pages: Int)

        public var code: String {
            switch self {
            case .broken: "broken_pdf"
            case .encrypted: "encrypted_pdf"
            case .noTextLayer: "no_text_layer"
            }
        }

        public var description: String {
            switch self {
            case .broken: "the PDF could not be opened (damaged or truncated)"
            case .encrypted: "the PDF is encrypted with a password"
            case .noTextLayer(let pages): "the PDF's \(pages) page(s) hold no text (a scan; OCR is out of scope)"
            }
        }
    }

    /// `%PDF-` within the first kilobyte, where the format puts it.
    public static func looksLikePDF(_ data: Data) -> Bool {
        let head = data.prefix(1024)
        return head.range(of: Data("%PDF-".utf8)) != nil
    }

    public static func read(_ data: Data) -> Result<Document, Failure> {
        data.withUnsafeBytes { raw -> Result<Document, Failure> in
            guard let base = raw.baseAddress, raw.count > 0 else { return .failure(.broken) }
            var status: Int32 = 0
            guard let pdf = etl_pdf_open(base.assumingMemoryBound(to: CChar.self), raw.count, &status) else {
                // poppler refuses some password-protected files outright (AES-256) instead of
                // opening them locked: their trailer names an /Encrypt dictionary.
                let encrypted = status == Int32(ETL_PDF_LOCKED) || data.range(of: Data("/Encrypt".utf8)) != nil
                return .failure(encrypted ? .encrypted : .broken)
            }
            defer { etl_pdf_close(pdf) }
            var pages: [Page] = []
            let count = Int(etl_pdf_page_count(pdf))
            for index in 0..<count {
                var words: UnsafePointer<etl_pdf_word>?
                var width = 0.0, height = 0.0
                let n = etl_pdf_page_words(pdf, Int32(index), &words, &width, &height)
                var page = Page(width: width, height: height, words: [])
                if let words {
                    page.words.reserveCapacity(n)
                    for w in UnsafeBufferPointer(start: words, count: n) {
                        let text = String(decoding: UnsafeRawBufferPointer(start: w.text, count: w.length), as: UTF8.self)
                        guard !text.allSatisfy(\.isWhitespace) else { continue }
                        page.words.append(Word(text, x0: w.x0, y0: w.y0, x1: w.x1, y1: w.y1, spaceAfter: w.space_after != 0))
                    }
                }
                pages.append(page)
            }
            guard count > 0 else { return .failure(.broken) }
            if pages.allSatisfy({ $0.words.isEmpty }) { return .failure(.noTextLayer(pages: count)) }
            let title = etl_pdf_info(pdf, "Title").map { String(cString: $0) }
            let created = etl_pdf_info_date(pdf, "CreationDate")
            return .success(Document(pages: pages, title: title,
                                     creationDate: created >= 0 ? Date(timeIntervalSince1970: TimeInterval(created)) : nil))
        }
    }
}
