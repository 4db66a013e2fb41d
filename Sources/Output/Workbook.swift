import CXlsxWriter
import Foundation

/// What a run writes besides the CSV files: `csv` alone, or `xlsx` (the CSV files and
/// `gov-disclosure.xlsx`).
public enum OutputFormat: String, Codable, Sendable, CaseIterable {
    case csv, xlsx
}

/// `gov-disclosure.xlsx`, written through libxlsxwriter from the CSV files a run has just written
/// (so that it holds the same values): the sheets `reports`, the three wide tables, `checks`
/// (the failed identities only), `dictionary` and `notes`. Numbers are numbers, dates dates,
/// booleans booleans, and text is written as a string cell with `SpreadsheetText`'s rule applied,
/// so nothing in it is evaluated. Rows are streamed (libxlsxwriter's constant-memory mode).
package enum Workbook {
    package static let fileName = "gov-disclosure.xlsx"
    /// Excel's and LibreOffice's last row, the header included.
    package static let sheetRowLimit = 1_048_576
    /// Excel refuses longer cell text.
    static let maxCellCharacters = 32_767

    package struct Sheet: Sendable, Equatable {
        package var name: String
        /// The CSV file the sheet is made from.
        package var source: String
        package var rows: Int
        /// Rows past the sheet's limit, left out (they are in the CSV file).
        package var leftOut: Int
    }

    package struct Failure: Error, CustomStringConvertible {
        package let description: String
    }

    static let sheets: [(file: OutputFile, onlyFailedChecks: Bool)] = [
        (.reports, false), (.activeDisclosureWide, false), (.applicationsWide, false), (.reviewLitigationWide, false),
        (.checks, true),
    ]

    /// Writes the workbook to `path` from the CSV files in `folder`; returns each sheet's rows.
    /// `rowLimit` (the header included) is Excel's unless a test asks for less.
    package static func write(to path: String, from folder: URL, compression: Compression, layout: OutputLayout,
                              rowLimit: Int = sheetRowLimit) throws -> [Sheet] {
        var options = lxw_workbook_options()
        options.constant_memory = 1
        options.use_zip64 = 1
        guard let workbook = path.withCString({ workbook_new_opt($0, &options) }) else {
            throw Failure(description: "cannot create \(path)")
        }
        var closed = false
        defer { if !closed { workbook_close(workbook) } }
        // A fixed creation time: the same inputs give the same bytes (libxlsxwriter stamps "now" otherwise).
        var properties = lxw_doc_properties()
        properties.created = 1_577_836_800  // 2020-01-01T00:00:00Z
        workbook_set_properties(workbook, &properties)
        let formats = Formats(workbook)
        var written: [Sheet] = []
        for (file, onlyFailed) in sheets {
            let sheet = try Writer(workbook: workbook, name: file.rawValue, columns: file.specs, formats: formats,
                                   rowLimit: rowLimit)
            let passedColumn = file.columns.firstIndex(of: "passed")
            for part in try parts(of: file, in: folder, compression: compression, layout: layout) {
                let reader = try RecordReader(path: part.path, compression: compression)
                _ = try reader.next()  // the header
                while let record = try reader.next() {
                    var row = fields(record)
                    if let dropped = layout.droppedColumn(of: file) {
                        row.insert(part.partition == OutputLayout.missingPartition ? "" : part.partition, at: dropped)
                    }
                    if onlyFailed, let passedColumn, row.count > passedColumn, row[passedColumn] != "false" { continue }
                    try sheet.append(row)
                }
            }
            written.append(sheet.finish(source: layout == .files ? file.rawValue + compression.fileExtension
                                            : "\(file.rawValue)/*/part-*\(compression.fileExtension)"))
        }
        let dictionary = try Writer(workbook: workbook, name: "dictionary", columns: dictionaryColumns, formats: formats,
                                    rowLimit: rowLimit)
        for row in DataDictionary.rows(compression: compression) { try dictionary.append(row) }
        written.append(dictionary.finish(source: "dictionary.csv"))

        let notes = try Writer(workbook: workbook, name: "notes", columns: noteColumns, formats: formats, rowLimit: rowLimit)
        for sheet in written {
            try notes.append([sheet.name, sheet.source, String(sheet.rows), String(sheet.leftOut), note(sheet)])
        }
        _ = notes.finish(source: "")
        closed = true
        let status = workbook_close(workbook)
        guard status == LXW_NO_ERROR else {
            throw Failure(description: "cannot write \(path): \(String(cString: lxw_strerror(status)))")
        }
        return written
    }

    /// What the `notes` sheet and the run summary say of a sheet.
    package static func note(_ sheet: Sheet) -> String {
        sheet.leftOut == 0 ? "complete"
            : "\(sheet.leftOut) rows past the spreadsheet limit of \(sheetRowLimit) rows left out: read \(sheet.source)"
    }

    static let dictionaryColumns: [ColumnSpec] = DataDictionary.columns.map {
        ColumnSpec($0, .string, $0, $0)
    }
    static let noteColumns: [ColumnSpec] = [
        ColumnSpec("sheet", .string, "sheet", "工作表"),
        ColumnSpec("source", .string, "the CSV file it is made from", "来源文件"),
        ColumnSpec("rows", .integer, "rows in the sheet", "行数"),
        ColumnSpec("rows_left_out", .integer, "rows past the spreadsheet limit, only in the CSV", "超出上限未写入的行数"),
        ColumnSpec("note", .string, "", "说明"),
    ]

    /// The files of one table in this folder: one, or in the dataset layout one per partition.
    static func parts(of file: OutputFile, in folder: URL, compression: Compression,
                      layout: OutputLayout) throws -> [(path: String, partition: String)] {
        switch layout {
        case .files:
            return [(folder.appendingPathComponent(file.rawValue + compression.fileExtension).path, "")]
        case .dataset:
            let root = folder.appendingPathComponent(file.rawValue)
            let prefix = OutputLayout.partitionColumn + "="
            let partitions = try FileManager.default.contentsOfDirectory(atPath: root.path)
                .filter { $0.hasPrefix(prefix) }.sorted()
            return try partitions.flatMap { name in
                let dir = root.appendingPathComponent(name)
                return try FileManager.default.contentsOfDirectory(atPath: dir.path)
                    .filter { $0.hasSuffix(compression.fileExtension) }.sorted()
                    .map { (dir.appendingPathComponent($0).path, String(name.dropFirst(prefix.count))) }
            }
        }
    }

    /// The fields of one CSV record (RFC 4180, as `CSVEncoding` writes them).
    package static func fields(_ record: [UInt8]) -> [String] {
        var result: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var i = 0
        let n = record.last == 10 ? record.count - 1 : record.count
        while i < n {
            let byte = record[i]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if i + 1 < n, record[i + 1] == UInt8(ascii: "\"") { field.append(byte); i += 2; continue }
                    quoted = false
                } else {
                    field.append(byte)
                }
            } else if byte == UInt8(ascii: "\"") {
                quoted = true
            } else if byte == UInt8(ascii: ",") {
                result.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            } else {
                field.append(byte)
            }
            i += 1
        }
        result.append(String(decoding: field, as: UTF8.self))
        return result
    }

    final class Formats {
        let header: UnsafeMutablePointer<lxw_format>
        let date: UnsafeMutablePointer<lxw_format>
        let text: UnsafeMutablePointer<lxw_format>

        init(_ workbook: UnsafeMutablePointer<lxw_workbook>) {
            header = workbook_add_format(workbook)
            format_set_bold(header)
            format_set_num_format(header, "@")
            date = workbook_add_format(workbook)
            format_set_num_format(date, "yyyy-mm-dd")
            // Text cells also carry the Text number format, so that editing one keeps it text.
            text = workbook_add_format(workbook)
            format_set_num_format(text, "@")
        }
    }

    /// One sheet being written, row by row.
    final class Writer {
        let sheet: UnsafeMutablePointer<lxw_worksheet>
        let name: String
        let columns: [ColumnSpec]
        let formats: Formats
        let rowLimit: Int
        var row: UInt32 = 0
        var leftOut = 0
        var widths: [Int]

        init(workbook: UnsafeMutablePointer<lxw_workbook>, name: String, columns: [ColumnSpec], formats: Formats,
             rowLimit: Int) throws {
            guard let sheet = workbook_add_worksheet(workbook, name) else {
                throw Failure(description: "cannot add the sheet \(name)")
            }
            self.sheet = sheet
            self.name = name
            self.columns = columns
            self.formats = formats
            self.rowLimit = rowLimit
            widths = columns.map { Self.displayWidth($0.name) }
            worksheet_freeze_panes(sheet, 1, 0)
            for (i, column) in columns.enumerated() {
                try check(worksheet_write_string(sheet, 0, lxw_col_t(i), column.name, formats.header))
            }
            row = 1
        }

        func check(_ status: lxw_error) throws {
            guard status == LXW_NO_ERROR else {
                throw Failure(description: "sheet \(name), row \(row + 1): \(String(cString: lxw_strerror(status)))")
            }
        }

        func append(_ fields: [String]) throws {
            guard Int(row) < rowLimit else {
                leftOut += 1
                return
            }
            for (i, value) in fields.enumerated() where i < columns.count && !value.isEmpty {
                let col = lxw_col_t(i)
                switch columns[i].type {
                case .integer, .number:
                    if let number = Double(value), number.isFinite {
                        try check(worksheet_write_number(sheet, row, col, number, nil))
                        widths[i] = max(widths[i], value.utf8.count)
                        continue
                    }
                case .date:
                    if let date = Self.date(value) {
                        var when = date
                        try check(worksheet_write_datetime(sheet, row, col, &when, formats.date))
                        widths[i] = max(widths[i], 10)
                        continue
                    }
                case .boolean:
                    if value == "true" || value == "false" {
                        try check(worksheet_write_boolean(sheet, row, col, value == "true" ? 1 : 0, nil))
                        widths[i] = max(widths[i], 5)
                        continue
                    }
                case .string:
                    break
                }
                try writeText(value, col: col)
                widths[i] = max(widths[i], Self.displayWidth(value))
            }
            row += 1
        }

        private func writeText(_ value: String, col: lxw_col_t) throws {
            var text = SpreadsheetText.neutralised(value)
            if text.count > maxCellCharacters { text = String(text.prefix(maxCellCharacters)) }
            try check(worksheet_write_string(sheet, row, col, text, formats.text))
        }

        func finish(source: String) -> Sheet {
            for (i, width) in widths.enumerated() {
                worksheet_set_column(sheet, lxw_col_t(i), lxw_col_t(i), Double(min(max(width + 2, 8), 60)), nil)
            }
            return Sheet(name: name, source: source, rows: Int(row) - 1, leftOut: leftOut)
        }

        /// `yyyy-mm-dd`, as the CSV files write dates.
        static func date(_ text: String) -> lxw_datetime? {
            let parts = text.split(separator: "-")
            guard parts.count == 3, let y = Int32(parts[0]), let m = Int32(parts[1]), let d = Int32(parts[2]),
                  (1900...9999).contains(y), (1...12).contains(m), (1...31).contains(d)
            else { return nil }
            return lxw_datetime(year: y, month: m, day: d, hour: 0, min: 0, sec: 0)
        }

        /// Columns wide enough for their text: CJK characters take two widths.
        static func displayWidth(_ text: String) -> Int {
            var width = 0
            for scalar in text.unicodeScalars.prefix(80) { width += scalar.value >= 0x1100 ? 2 : 1 }
            return width
        }
    }
}
