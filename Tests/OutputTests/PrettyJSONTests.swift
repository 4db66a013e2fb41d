import Foundation
import Testing
@testable import Output

/// `datapackage.json` written by `PrettyJSON` is what `JSONSerialization` writes, byte for byte.
@Suite("Pretty JSON")
struct PrettyJSONTests {
    static let options: JSONSerialization.WritingOptions = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]

    @Test("every output setting's datapackage.json", arguments: Compression.allCases)
    func dataPackages(compression: Compression) throws {
        let datasetPaths: [OutputFile: [String]] = Dictionary(uniqueKeysWithValues: OutputFile.allCases.map { file in
            (file, ["2019", "2020", "2021", "unknown"].map { "\(file.rawValue)/report_year=\($0)/part-0\(compression.fileExtension)" })
        })
        for layout in OutputLayout.allCases {
            for paths in [[:], DataPackage.paths(of: OutputFile.allCases.map { $0.rawValue + compression.fileExtension }), datasetPaths] {
                let object = DataPackage.object(compression: compression, layout: layout, paths: paths)
                let expected = try JSONSerialization.data(withJSONObject: object, options: Self.options)
                #expect(try PrettyJSON.data(object) == expected, "\(compression) \(layout) \(paths.count) paths")
                #expect(try DataPackage.json(compression: compression, layout: layout, paths: paths) == expected)
            }
        }
    }

    @Test("keys in case, digit and punctuation order; empty containers; escapes")
    func awkwardValues() throws {
        let object: [String: Any] = [
            "b": [Any](), "a": [String: Any](), "B": ["z": 1, "Z": 2, "y": [["q": -7]]], "Ab": true, "aB": false, "ab": 0,
            "c": [1, true, "x/\"\n\r\t\u{8}\u{C}\u{1}\u{1F}é\\政府"], "d_1": 1, "d1": 2, "d10": 3, "d2": 4, "d02": 5, "dA": 6, "d_a": 7,
            "key2021": "2021", "key2019": "2019", "lineTerminator": "\n", "line": "", "lin": "x",
        ]
        #expect(try PrettyJSON.data(object) == JSONSerialization.data(withJSONObject: object, options: Self.options))
    }
}
