import Foundation

/// Interns byte slices to dense ids without making a `String` until the chunk is merged.
///
/// Ids are given in order of first appearance, which keeps the merged string table deterministic.
struct ByteInterner {
    private var arena: [UInt8] = []
    private var starts: [Int] = []
    private var hashes: [UInt64] = []
    private var slots: [Int32] = Array(repeating: -1, count: 64)

    var count: Int { starts.count }

    /// An empty interner with room for about `capacity` values before its table grows.
    init(capacity: Int = 0) {
        var slotCount = 64
        while slotCount < capacity * 2 { slotCount *= 2 }
        slots = Array(repeating: -1, count: slotCount)
    }

    /// The id of the bytes, adding them if new.
    @inline(__always)
    mutating func intern(_ bytes: UnsafePointer<UInt8>, _ count: Int, hash: UInt64) -> Int32 {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if hashes[Int(id)] == hash && matches(Int(id), bytes, count) { return id }
            slot = (slot + 1) & mask
        }
        let id = Int32(starts.count)
        starts.append(arena.count)
        arena.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
        hashes.append(hash)
        slots[slot] = id
        if starts.count * 2 > slots.count { grow() }
        return id
    }

    /// The id of the bytes if they were interned.
    @inline(__always)
    func id(of bytes: UnsafePointer<UInt8>, _ count: Int, hash: UInt64) -> Int32? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[slot]
            if id < 0 { return nil }
            if hashes[Int(id)] == hash && matches(Int(id), bytes, count) { return id }
            slot = (slot + 1) & mask
        }
    }

    /// The id of the bytes, adding them if new.
    mutating func intern(_ bytes: [UInt8]) -> Int32 {
        bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
            return intern(base, buffer.count, hash: ByteHash.hash(buffer.baseAddress, buffer.count))
        }
    }

    @inline(__always)
    private func matches(_ id: Int, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        let start = starts[id]
        let end = id + 1 < starts.count ? starts[id + 1] : arena.count
        guard end - start == count else { return false }
        if count == 0 { return true }
        return arena.withUnsafeBufferPointer { ByteHash.equal($0.baseAddress! + start, bytes, count) }
    }

    private mutating func grow() {
        slots = ByteHash.slots(for: hashes, count: slots.count * 2)
    }

    /// Every interned value as a string, by id.
    func strings() -> [String] {
        (0..<starts.count).map { string(Int32($0)) }
    }

    /// The value of `id` as a string.
    func string(_ id: Int32) -> String {
        let index = Int(id)
        let end = index + 1 < starts.count ? starts[index + 1] : arena.count
        return String(decoding: arena[starts[index]..<end], as: UTF8.self)
    }
}
