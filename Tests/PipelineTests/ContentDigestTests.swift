import Foundation
import Testing
@testable import Pipeline
import SystemBytes

/// The driver keeps one SHA-256 per input as 32 bytes: it must spell, order and compare as the
/// hex strings it replaced.
@Suite struct ContentDigestTests {
    static let samples = ["", "一、总体情况", "abc", String(repeating: "政府信息公开", count: 500)].map { Data($0.utf8) }

    @Test func hexIsSHA256sSpelling() {
        // The SHA-256 of "abc" (FIPS 180-2's example).
        #expect(ContentDigest.of(Data("abc".utf8)).hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        for data in Self.samples {
            let digest = ContentDigest.of(data)
            #expect(digest.hex == ReportProcessor.sha256Hex(data))
            #expect(ContentDigest(hex: digest.hex) == digest)
        }
    }

    /// A cache key is the SHA-256 of the salt (build, settings), a zero byte and the content's
    /// hex digits, however it is computed (the salt's hasher is copied for each key).
    @Test func cacheKeysAreTheSaltedHexDigest() {
        let cache = ResultCache(folder: URL(fileURLWithPath: "/nonexistent"), buildIdentity: "build-id:0a1b", relevantSettings: "t2s;regions=9f")
        for data in Self.samples {
            let digest = ContentDigest.of(data)
            let expected = ContentDigest(SHA256.hash(data: Data(("build-id:0a1b\u{0}t2s;regions=9f\u{0}" + digest.hex).utf8)))
            #expect(cache.key(content: digest) == expected)
            #expect(cache.key(content: digest) == expected, "the shared prefix is left as it was")
        }
    }

    @Test func leadingWordOrdersAsTheReportID() {
        let digests = (0..<200).map { ContentDigest.of(Data("report \($0)".utf8)) }
        let byWord = digests.sorted { $0.leadingWord < $1.leadingWord }.map(\.hex)
        let byID = digests.map(\.hex).sorted { ReportProcessor.reportID(sha256: $0) < ReportProcessor.reportID(sha256: $1) }
        #expect(byWord == byID)
    }

    @Test func onlyCacheFileNamesParse() {
        let name = ContentDigest.of(Data("x".utf8)).hex
        #expect(ContentDigest(hex: name) != nil)
        #expect(ContentDigest(hex: name.uppercased()) == nil)
        #expect(ContentDigest(hex: name + ".tmp123-456") == nil)
        #expect(ContentDigest(hex: String(name.dropLast())) == nil)
        #expect(Set([ContentDigest(hex: name)!, .of(Data("x".utf8))]).count == 1)
    }

    @Test func aFileIsHashedInPieces() throws {
        let folder = try Support.temporaryFolder("digest")
        let url = folder.appendingPathComponent("big.bin")
        let data = Data((0..<(3 << 20) + 17).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        try data.write(to: url)
        let digest = UnchangedRun.fileDigest(url.path)
        #expect(digest?.bytes == data.count)
        #expect(digest?.sha256 == ReportProcessor.sha256Hex(data))
        #expect(UnchangedRun.fileDigest(folder.appendingPathComponent("missing").path) == nil)
    }
}

/// The cache is keyed by the build: the linker's build ID read from memory must be the one the
/// executable's file carries (its `NT_GNU_BUILD_ID` note, found here by scanning the bytes).
@Suite struct BuildIdentityTests {
    @Test func theBuildIDIsTheExecutablesNote() throws {
        let id = try #require(FileSystem.programBuildID())
        #expect(id.count >= 16)
        let file = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "/proc/self/exe")))
        // The note's header: name size 4, descriptor size, type 3, then "GNU\0" (little-endian).
        let header: [UInt8] = [4, 0, 0, 0, UInt8(id.count), 0, 0, 0, 3, 0, 0, 0] + Array("GNU\0".utf8)
        let at = try #require((0...(file.count - header.count)).first { i in
            file[i] == 4 && file[i ..< i + header.count].elementsEqual(header)
        })
        #expect(Array(file[at + header.count ..< at + header.count + id.count]) == id)
        #expect(BuildIdentity.digest == "build-id:" + id.map { String(format: "%02x", $0) }.joined())
    }
}
