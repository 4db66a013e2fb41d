import CorpusGenerator
import Foundation
import Testing
@testable import Pipeline

/// The cache's header line is read without JSONDecoder on the no-change path: it must read what
/// JSONEncoder wrote, awkward strings included, and give up (nil) on anything else.
@Suite("Cache header reader")
struct CacheHeaderTests {
    @Test("Reads what JSONEncoder writes, escapes and all")
    func roundTrip() throws {
        struct Sample: Codable {
            var status: String
            var reportsRow: [String]
            var errors: [[String]]
            var blobRows: [Int]
        }
        let awkward = ["a\"b", "back\\slash", "a/b", "line\nbreak\ttab\r", "\u{01}\u{1F}", "江夏区人民政府", "😀 emoji", "", "-3"]
        let sample = Sample(status: "ok", reportsRow: awkward, errors: [awkward, []], blobRows: [0, -12, 345_678])
        for formatting in [JSONEncoder.OutputFormatting(), [.sortedKeys], [.withoutEscapingSlashes]] {
            let encoder = JSONEncoder()
            encoder.outputFormatting = formatting
            let fields = try #require(CacheHeaderReader.read(try encoder.encode(sample)))
            #expect(fields["status"]?.string == "ok")
            #expect(fields["reportsRow"]?.strings == awkward)
            #expect(fields["errors"]?.stringRows == [awkward, []])
            #expect(fields["blobRows"]?.ints == [0, -12, 345_678])
        }
    }

    static let awkward = ["a\"b", "back\\slash", "a/b", "line\nbreak\ttab\r", "\u{01}\u{1F}", "江夏区人民政府", "😀 emoji", "", "-3"]

    /// A header of the awkward strings as the writer writes it.
    static func written() -> Data {
        var writer = CacheHeaderWriter()
        writer.field("status", "ok")
        writer.field("reportsRow", awkward)
        writer.field("errors", [awkward, []])
        writer.field("blobRows", [0, -12, 345_678])
        return Data(writer.finish())
    }

    @Test("What the header writer writes is JSON that both readers read back")
    func writer() throws {
        let awkward = Self.awkward
        let bytes = Self.written()
        #expect(String(decoding: bytes.prefix(15), as: UTF8.self) == "{\"status\":\"ok\",")
        let fields = try #require(CacheHeaderReader.read(bytes))
        #expect(fields["reportsRow"]?.strings == awkward)
        #expect(fields["errors"]?.stringRows == [awkward, []])
        #expect(fields["blobRows"]?.ints == [0, -12, 345_678])
        struct Sample: Codable {
            var status: String
            var reportsRow: [String]
            var errors: [[String]]
            var blobRows: [Int]
        }
        let decoded = try JSONDecoder().decode(Sample.self, from: bytes)
        #expect(decoded.reportsRow == awkward && decoded.errors == [awkward, []] && decoded.blobRows == [0, -12, 345_678])
    }

    @Test("The ordered reader reads the writer's fields in their order, and nothing else")
    func orderedFields() throws {
        let awkward = Self.awkward
        let bytes = Self.written()
        typealias Read = (String, [String], [[String]], [Int])
        func inOrder(_ f: inout CacheHeaderReader.OrderedFields) -> Read? {
            guard let status = f.string("status"), let row = f.strings("reportsRow"), let errors = f.stringRows("errors"),
                  let rows = f.ints("blobRows") else { return nil }
            return (status, row, errors, rows)
        }
        let read = try #require(CacheHeaderReader.OrderedFields.read(bytes, inOrder))
        #expect(read.0 == "ok" && read.1 == awkward && read.2 == [awkward, []] && read.3 == [0, -12, 345_678])
        // Another order, a field missing or one more: nil (the tree reader takes over).
        #expect(CacheHeaderReader.OrderedFields.read(bytes) { f -> String? in f.strings("reportsRow").map { _ in "" } } == nil)
        #expect(CacheHeaderReader.OrderedFields.read(bytes) { f -> String? in f.string("status") } == nil)
        let sorted = try { () throws -> Data in
            struct Sample: Codable { var status: String; var reportsRow: [String]; var errors: [[String]]; var blobRows: [Int] }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return try encoder.encode(Sample(status: "ok", reportsRow: awkward, errors: [awkward, []], blobRows: [1]))
        }()
        #expect(CacheHeaderReader.OrderedFields.read(sorted, inOrder) == nil)
        #expect(CacheHeaderReader.read(sorted) != nil)
    }

    @Test("Anything else is left to JSONDecoder", arguments: [
        "", "{", "[1,2]", "{\"a\":true}", "{\"a\":1.5}", "{\"a\":null}", "{\"a\":\"x\"} trailing", "{\"a\":\"\\q\"}",
    ])
    func refuses(_ text: String) {
        #expect(CacheHeaderReader.read(Data(text.utf8)) == nil)
    }

    @Test("A report's cache entry reads back the same, through the fast reader")
    func cacheEntry() throws {
        let report = try CorpusGenerator(seed: 9).report(index: 4)
        let processed = Shared.processor.process(data: Data(report.bytes), sourcePath: "a\"b/c.txt")
        let rendered = RenderedReport(processed, layout: .files)
        let data = try rendered.serialized()
        // Made again, the entry has the same bytes: a `--full` run leaves it alone.
        #expect(try RenderedReport(processed, layout: .files).serialized() == data)
        let newline = try #require(data.firstIndex(of: 10))
        #expect(CacheHeaderReader.read(data[..<newline]) != nil)
        // Read typed and in order, as the tree reader reads it.
        let ordered = try #require(RenderedReport.Header.ordered(data[..<newline]))
        let tree = try #require(RenderedReport.Header.tree(data[..<newline]))
        #expect(ordered.reportsRow == tree.reportsRow && ordered.facts == tree.facts && ordered.textRows == tree.textRows
                && ordered.blobBytes == tree.blobBytes && ordered.chartTotals == tree.chartTotals && !ordered.facts.isEmpty)
        let back = try #require(RenderedReport(serialized: data))
        #expect(back.reportsRow == rendered.reportsRow)
        #expect(back.errors == rendered.errors)
        #expect(back.flags == rendered.flags)
        #expect(back.status == rendered.status && back.reportYear == rendered.reportYear)
        for file in RenderedReport.detailFiles {
            #expect(back.blobs[file]?.bytes == rendered.blobs[file]?.bytes && back.blobs[file]?.rows == rendered.blobs[file]?.rows)
        }
    }
}
