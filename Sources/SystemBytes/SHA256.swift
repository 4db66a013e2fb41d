import COpenSSL
import Foundation

/// SHA-256 through the system's OpenSSL (libcrypto's EVP interface): the content hashes, cache
/// keys and output checksums. Incremental (`update`, `finalize`) or one-shot (`hash(data:)`).
package struct SHA256 {
    /// The EVP context, owned by one hasher. A class so that the context is freed with it.
    private final class Context {
        let pointer: OpaquePointer

        init() {
            guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
                fatalError("OpenSSL cannot create a SHA-256 context")
            }
            pointer = context
        }

        init(adopting pointer: OpaquePointer) { self.pointer = pointer }

        deinit { EVP_MD_CTX_free(pointer) }
    }

    private let context: Context

    package init() { context = Context() }

    private init(copying other: Context) {
        guard let context = EVP_MD_CTX_new(), EVP_MD_CTX_copy_ex(context, other.pointer) == 1 else {
            fatalError("OpenSSL cannot copy a SHA-256 context")
        }
        self.context = Context(adopting: context)
    }

    /// A hasher that goes on from what this one has been given (this one is left as it is): a
    /// common prefix hashed once serves many digests.
    package func copy() -> SHA256 { SHA256(copying: context) }

    package mutating func update(bufferPointer bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        EVP_DigestUpdate(context.pointer, base, bytes.count)
    }

    package mutating func update(data: some DataProtocol) {
        for region in data.regions {
            region.withUnsafeBytes { update(bufferPointer: $0) }
        }
    }

    /// The digest of everything given so far. The hasher is spent afterwards.
    package func finalize() -> SHA256Digest {
        var digest = SHA256Digest()
        withUnsafeMutableBytes(of: &digest.bytes) { raw in
            var length: UInt32 = 0
            _ = EVP_DigestFinal_ex(context.pointer, raw.baseAddress!.assumingMemoryBound(to: UInt8.self), &length)
        }
        return digest
    }

    package static func hash(data: some DataProtocol) -> SHA256Digest {
        var hasher = SHA256()
        hasher.update(data: data)
        return hasher.finalize()
    }
}

/// The 32 bytes of a SHA-256, inline (no allocation).
package struct SHA256Digest: Sequence, Hashable, Sendable {
    fileprivate var bytes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    package func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try Swift.withUnsafeBytes(of: bytes, body)
    }

    package func makeIterator() -> Array<UInt8>.Iterator {
        withUnsafeBytes { Array($0) }.makeIterator()
    }

    package var underestimatedCount: Int { 32 }

    package var lowercaseHex: String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        return withUnsafeBytes { raw in
            String(unsafeUninitializedCapacity: 64) { out in
                for (i, byte) in raw.enumerated() {
                    out[2 * i] = digits[Int(byte >> 4)]
                    out[2 * i + 1] = digits[Int(byte & 0x0F)]
                }
                return 64
            }
        }
    }

    package static func == (a: SHA256Digest, b: SHA256Digest) -> Bool {
        a.bytes.0 == b.bytes.0 && a.bytes.1 == b.bytes.1 && a.bytes.2 == b.bytes.2 && a.bytes.3 == b.bytes.3
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(bytes.0)
        hasher.combine(bytes.1)
        hasher.combine(bytes.2)
        hasher.combine(bytes.3)
    }
}
