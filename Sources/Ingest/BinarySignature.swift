/// The first bytes of the binary formats a scraper's folder holds besides text: documents,
/// images, archives, executables. A file that starts with one is binary whatever follows (a PDF's
/// first kilobytes can be plain ASCII).
enum BinarySignature {
    /// Signatures at offset 0.
    static let leading: [[UInt8]] = [
        Array("%PDF-".utf8),
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],  // PNG
        [0xFF, 0xD8, 0xFF],  // JPEG
        Array("GIF87a".utf8), Array("GIF89a".utf8),
        [0x49, 0x49, 0x2A, 0x00], [0x4D, 0x4D, 0x00, 0x2A],  // TIFF
        [0x50, 0x4B, 0x03, 0x04], [0x50, 0x4B, 0x05, 0x06], [0x50, 0x4B, 0x07, 0x08],  // zip, docx, xlsx, odt
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],  // OLE2: doc, xls, ppt, wps
        [0x1F, 0x8B],  // gzip
        Array("BZh".utf8),
        [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00],  // xz
        [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C],  // 7z
        Array("Rar!".utf8) + [0x1A, 0x07],
        [0x28, 0xB5, 0x2F, 0xFD],  // zstd
        [0x7F, 0x45, 0x4C, 0x46],  // ELF
        Array("MZ".utf8) + [0x90, 0x00],  // Windows executables
        Array("OggS".utf8), Array("fLaC".utf8), Array("wOFF".utf8), Array("wOF2".utf8),
        Array("SQLite format 3".utf8) + [0x00],
        [0x00, 0x61, 0x73, 0x6D],  // wasm
        [0xCA, 0xFE, 0xBA, 0xBE],  // Java class, Mach-O fat
    ]

    static func matches(_ bytes: [UInt8]) -> Bool {
        if leading.contains(where: { bytes.starts(with: $0) }) { return true }
        // RIFF containers (WebP, WAV, AVI) and ISO media (MP4, MOV, HEIC): a tag at offset 8 or 4.
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)) { return true }
        if bytes.count >= 12, bytes[4..<8].elementsEqual("ftyp".utf8) { return true }
        // BMP: "BM", then the file size and two reserved fields that are zero.
        if bytes.count >= 14, bytes[0] == 0x42, bytes[1] == 0x4D, bytes[6..<10].allSatisfy({ $0 == 0 }) { return true }
        return false
    }
}
