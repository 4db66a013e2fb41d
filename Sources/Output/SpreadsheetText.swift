import Foundation

/// Text a spreadsheet would run as a formula, made inert in the outputs meant for spreadsheets
/// (the `excel_bom` flavour; a workbook would call the same rule). OWASP's rule for CSV
/// injection: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return and is not a
/// number gets a leading `'`, so that spreadsheets read it as text. The analysis CSVs keep every
/// text as found.
package enum SpreadsheetText {
    /// `text` as a spreadsheet cell should get it.
    package static func neutralised(_ text: String) -> String {
        isFormulaLike(text.utf8) ? "'" + text : text
    }

    /// Whether a cell starting with these bytes would be taken for a formula: it starts with a
    /// trigger and is not a plain number (`-5`, `+1.5`, `-0.25e3` stay as they are).
    package static func isFormulaLike(_ bytes: some Collection<UInt8>) -> Bool {
        guard let first = bytes.first, isTrigger(first) else { return false }
        return !isNumber(bytes)
    }

    @inline(__always)
    static func isTrigger(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: true
        default: false
        }
    }

    /// A decimal number as spreadsheets read one: a sign, digits with at most one point, an exponent.
    static func isNumber(_ bytes: some Collection<UInt8>) -> Bool {
        var i = bytes.makeIterator()
        var byte = i.next()
        if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") { byte = i.next() }
        var digits = 0
        var point = false
        while let b = byte {
            if b >= 0x30 && b <= 0x39 {
                digits += 1
            } else if b == UInt8(ascii: "."), !point {
                point = true
            } else {
                break
            }
            byte = i.next()
        }
        guard digits > 0 else { return false }
        guard let e = byte else { return true }
        guard e == UInt8(ascii: "e") || e == UInt8(ascii: "E") else { return false }
        byte = i.next()
        if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") { byte = i.next() }
        var exponentDigits = 0
        while let b = byte {
            guard b >= 0x30 && b <= 0x39 else { return false }
            exponentDigits += 1
            byte = i.next()
        }
        return exponentDigits > 0
    }

    /// CSV records as `CSVEncoding` writes them (rows encoded ahead, from the cache), with each
    /// formula-like field prefixed; nil when no field is. A field that needs quotes is never a
    /// number, so a quoted field is formula-like when its first character is a trigger.
    static func neutralised(records: UnsafeRawBufferPointer) -> [UInt8]? {
        let bytes = records.bindMemory(to: UInt8.self)
        guard let base = bytes.baseAddress else { return nil }
        let n = bytes.count
        var out: [UInt8]? = nil
        var copied = 0
        func prefix(at position: Int) {
            if out == nil { out = []; out!.reserveCapacity(n + n / 64 + 16) }
            out!.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<position]))
            out!.append(UInt8(ascii: "'"))
            copied = position
        }
        var i = 0
        while i < n {  // a field starts at i
            if base[i] == UInt8(ascii: "\"") {
                if i + 1 < n, isTrigger(base[i + 1]) { prefix(at: i + 1) }
                // The closing quote is the first one not doubled.
                var j = i + 1
                var end = n
                while j < n, let hit = memchr(base + j, 0x22, n - j) {
                    let k = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                    if k + 1 < n, base[k + 1] == UInt8(ascii: "\"") { j = k + 2; continue }
                    end = k + 1
                    break
                }
                i = end
            } else {
                var end = i
                while end < n, base[end] != UInt8(ascii: ","), base[end] != 10 { end += 1 }
                if end > i, isFormulaLike(UnsafeBufferPointer(rebasing: bytes[i..<end])) { prefix(at: i) }
                i = end
            }
            i += 1  // the comma or line end after the field
        }
        guard var result = out else { return nil }
        result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<n]))
        return result
    }
}
