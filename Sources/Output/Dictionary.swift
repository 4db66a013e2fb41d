import Foundation

/// The data dictionary written with every run: `dictionary.csv` and `schema.json`.
public enum DataDictionary {
    public static let columns = ["file", "column", "type", "unit", "description_en", "description_zh", "allowed_keys"]

    /// One row per column of every file; allowed keys as `key=标签` joined by `;`.
    public static func rows(compression: Compression) -> [[String]] {
        OutputFile.allCases.flatMap { file in
            file.specs.map { spec in
                [file.rawValue + compression.fileExtension, spec.name, spec.type.rawValue, spec.unit,
                 spec.descriptionEN, spec.descriptionZH,
                 spec.allowed.map { $0.label.isEmpty ? $0.key : "\($0.key)=\($0.label)" }.joined(separator: ";")]
            }
        }
    }

    public static func csv(compression: Compression) -> [UInt8] {
        CSVEncoding.encode([columns] + rows(compression: compression))
    }

    public static func schemaJSON(compression: Compression) throws -> Data {
        struct File: Encodable {
            let file: String
            let name: String
            let description_en: String
            let description_zh: String
            let columns: [ColumnSpec]
        }
        struct Schema: Encodable {
            let contract_version = OutputContract.version
            let files: [File]
        }
        let files = OutputFile.allCases.map {
            File(file: $0.rawValue + compression.fileExtension, name: $0.rawValue, description_en: $0.description.en,
                 description_zh: $0.description.zh, columns: $0.specs)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(Schema(files: files))
    }
}
