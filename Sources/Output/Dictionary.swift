import Foundation

/// The data dictionary written with every run: `dictionary.csv` (and `datapackage.json`, `DataPackage`).
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
}
