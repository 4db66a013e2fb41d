import SystemBytes
import Foundation
import ReportModel
import Testing

/// The byte-level searches the hot loops use find what Foundation's literal search finds.
@Suite("UTF-8 byte search")
struct UTF8SearchTests {
    static let texts = ["江夏区人民政府2021年政府信息公开工作年度报告", "a政府b政府c", "政府", "", "ab", "政府信息公开政府信息公开",
                        "😀政府😀", "一、总体情况\n二、主动公开政府信息情况"]
    static let needles = ["政府", "信息公开", "a", "😀", "情况\n二", "不在", "政府信息公开政府信息公开政府"]

    @Test("first ranges, from the start and from later offsets")
    func ranges() {
        for text in Self.texts {
            for needle in Self.needles {
                var from = text.startIndex
                while true {
                    let expected = text.range(of: needle, options: .literal, range: from..<text.endIndex)
                    #expect(text.rangeUTF8(of: needle, from: from) == expected, "\(needle) in \(text) from \(from.utf16Offset(in: text))")
                    #expect(text.containsUTF8(needle) == text.contains(needle), "\(needle) in \(text)")
                    guard let found = expected else { break }
                    from = found.upperBound
                }
            }
        }
    }

    @Test("every occurrence replaced")
    func replacing() {
        for text in Self.texts {
            for needle in Self.needles {
                #expect(text.replacingUTF8(needle, with: "\n") == text.replacingOccurrences(of: needle, with: "\n", options: .literal))
            }
        }
        #expect("政府资讯公开，政府资讯公开".replacingUTF8("政府资讯公开", with: "政府信息公开") == "政府信息公开，政府信息公开")
    }
}
