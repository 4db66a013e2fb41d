import Foundation

/// Bytes appended by `memcpy`: `Array.append(contentsOf:)` cost ~150 instructions a call, most
/// of a short field's encoding. A value type (copied on write, like an array).
package struct ByteBuffer {
    private final class Storage {
        var pointer: UnsafeMutablePointer<UInt8>
        let capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            pointer = .allocate(capacity: capacity)
        }

        deinit { pointer.deallocate() }
    }

    private var storage: Storage
    package private(set) var count = 0

    package init(capacity: Int = 4096) {
        storage = Storage(capacity: max(16, capacity))
    }

    @inline(__always)
    package mutating func append(_ bytes: UnsafeRawPointer, count n: Int) {
        if count + n > storage.capacity || !isKnownUniquelyReferenced(&storage) { grow(to: count + n) }
        (storage.pointer + count).update(from: bytes.assumingMemoryBound(to: UInt8.self), count: n)
        count += n
    }

    @inline(__always)
    package mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        append(base, count: bytes.count)
    }

    @inline(__always)
    package mutating func append(_ byte: UInt8) {
        if count == storage.capacity || !isKnownUniquelyReferenced(&storage) { grow(to: count + 1) }
        storage.pointer[count] = byte
        count += 1
    }

    package mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// A string's UTF-8.
    @inline(__always)
    package mutating func append(utf8 string: String) {
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { append($0) }
        if done == nil { append(Array(string.utf8)) }
    }

    private mutating func grow(to minimum: Int) {
        let capacity = minimum > storage.capacity ? max(storage.capacity * 2, minimum) : storage.capacity
        let new = Storage(capacity: capacity)
        new.pointer.update(from: storage.pointer, count: count)
        storage = new
    }

    /// The bytes, copied out.
    package var array: [UInt8] {
        [UInt8](UnsafeBufferPointer(start: storage.pointer, count: count))
    }

    /// Empties it, keeping its room.
    package mutating func removeAll() {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(capacity: storage.capacity) }
        count = 0
    }
}
