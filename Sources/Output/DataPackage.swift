import Foundation

/// `datapackage.json`: the outputs described as a Frictionless Data Package (v1) with a Table
/// Schema per file, so that Frictionless tools (Python's `frictionless`, R's `frictionless`) read
/// them typed: field types, `""` as the missing value, primary keys, `report_id` as a foreign key
/// into `reports`, units, allowed keys, and the English and Chinese descriptions.
package enum DataPackage {
    package static let fileName = "datapackage.json"

    /// Columns that identify a row of each file (checked by `frictionless validate`).
    static func primaryKey(_ file: OutputFile) -> [String] {
        switch file {
        case .reports, .applicationsWide, .activeDisclosureWide, .reviewLitigationWide: ["report_id"]
        case .sections: ["report_id", "section_no"]
        case .activeDisclosure: ["report_id", "item_key", "measure_key"]
        case .applications: ["report_id", "row_key", "column_key"]
        case .reviewLitigation: ["report_id", "proceeding_key", "outcome_key"]
        case .inputs: ["source_path"]
        case .checks, .errors, .consistency, .coverage: []
        }
    }

    /// The table files among `written` (paths relative to the folder), by table, sorted.
    package static func paths(of written: [String]) -> [OutputFile: [String]] {
        var paths: [OutputFile: [String]] = [:]
        for path in written {
            let head = path.split(separator: "/").first.map(String.init) ?? path
            let name = head.split(separator: ".").first.map(String.init) ?? head
            if let file = OutputFile(rawValue: name) { paths[file, default: []].append(path) }
        }
        return paths.mapValues { $0.sorted() }
    }

    /// `paths`: each file's paths relative to the folder, as written (several in the dataset layout).
    package static func json(compression: Compression, layout: OutputLayout, paths: [OutputFile: [String]]) throws -> Data {
        try PrettyJSON.data(object(compression: compression, layout: layout, paths: paths))
    }

    /// The package as JSON values (strings, integers, booleans, arrays, dictionaries).
    package static func object(compression: Compression, layout: OutputLayout, paths: [OutputFile: [String]]) -> [String: Any] {
        let resources: [[String: Any]] = OutputFile.allCases.map { file in
            let columns = Set(layout.columns(of: file))
            let fields: [[String: Any]] = file.specs.filter { columns.contains($0.name) }.map(field)
            var schema: [String: Any] = ["fields": fields, "missingValues": [""]]
            let key = primaryKey(file)
            if !key.isEmpty { schema["primaryKey"] = key }
            if file != .reports, columns.contains("report_id") {
                schema["foreignKeys"] = [["fields": ["report_id"], "reference": ["resource": "reports", "fields": ["report_id"]]]]
            }
            let filePaths = paths[file] ?? [file.rawValue + compression.fileExtension]
            var resource: [String: Any] = [
                "name": file.rawValue, "path": filePaths.count == 1 ? filePaths[0] as Any : filePaths as Any,
                "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                "title": file.description.zh, "description": file.description.en,
                "dialect": ["delimiter": ",", "quoteChar": "\"", "doubleQuote": true, "header": true, "lineTerminator": "\n"],
                "schema": schema,
            ]
            switch compression {
            case .zstd: resource["compression"] = "zstd"
            case .gzip: resource["compression"] = "gz"
            case .none: break
            }
            return resource
        }
        return [
            "profile": "tabular-data-package",
            "name": "gov-disclosure",
            "title": "政府信息公开工作年度报告 — analysis tables",
            "description": "Chinese government information-disclosure annual reports, as tables; see the README's output contract.",
            "contract_version": OutputContract.version,
            "resources": resources,
        ]
    }

    static func field(_ spec: ColumnSpec) -> [String: Any] {
        var field: [String: Any] = [
            "name": spec.name, "type": spec.type.rawValue,
            "title": spec.descriptionZH, "description": "\(spec.descriptionEN) — \(spec.descriptionZH)",
        ]
        if !spec.unit.isEmpty { field["unit"] = spec.unit }
        if spec.type == .date { field["format"] = "%Y-%m-%d" }
        if spec.type == .boolean { field["trueValues"] = ["true"]; field["falseValues"] = ["false"] }
        // `flags` holds several keys joined by `;`: its keys are listed, not enforced.
        if !spec.allowed.isEmpty {
            let keys = spec.allowed.map(\.key)
            if spec.name == "flags" {
                field["allowedKeys"] = keys
            } else {
                field["constraints"] = ["enum": keys]
            }
            let labels = spec.allowed.filter { !$0.label.isEmpty }
            if !labels.isEmpty {
                field["keyLabels"] = Dictionary(labels.map { ($0.key, $0.label) }, uniquingKeysWith: { a, _ in a })
            }
        }
        return field
    }
}
