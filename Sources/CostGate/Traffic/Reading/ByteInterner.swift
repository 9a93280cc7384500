import Foundation

/// A fast non-cryptographic hash of a byte slice (FNV-1a over 8-byte words, then mixed).
enum ByteHash {
    @inline(__always)
    static func hash(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> UInt64 {
        guard let bytes, count > 0 else { return 0x9E37_79B9_7F4A_7C15 }
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(count)
        var index = 0
        let raw = UnsafeRawPointer(bytes)
        while index + 8 <= count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0x0000_0100_0000_01B3
            h ^= h >> 29
            index += 8
        }
        while index < count {
            h = (h ^ UInt64(bytes[index])) &* 0x0000_0100_0000_01B3
            index += 1
        }
        h ^= h >> 32
        h = h &* 0xD6E8_FEB8_6659_FD93
        h ^= h >> 32
        return h
    }
}

/// Interns byte slices to dense ids without making a `String` until the chunk is merged.
///
/// Ids are given in order of first appearance, which keeps the merged string table deterministic.
struct ByteInterner {
    private var arena: [UInt8] = []
    private var starts: [Int] = []
    private var hashes: [UInt64] = []
    private var slots: [Int32] = Array(repeating: -1, count: 64)

    var count: Int { starts.count }

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
        return arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, bytes, count) == 0 }
    }

    private mutating func grow() {
        var newSlots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = newSlots.count - 1
        for id in 0..<hashes.count {
            var slot = Int(truncatingIfNeeded: hashes[id]) & mask
            while newSlots[slot] >= 0 { slot = (slot + 1) & mask }
            newSlots[slot] = Int32(id)
        }
        slots = newSlots
    }

    /// Every interned value as a string, by id.
    func strings() -> [String] {
        (0..<starts.count).map { id in
            let end = id + 1 < starts.count ? starts[id + 1] : arena.count
            return String(decoding: arena[starts[id]..<end], as: UTF8.self)
        }
    }
}

/// Interns tag sets (sorted lists of key/value id pairs) to dense ids; set 0 is the empty set.
struct TagSetInterner {
    private var pairs: [Traffic.TagPair] = []
    /// Set `id` spans `pairs[starts[id]..<starts[id + 1]]`.
    private var starts: [Int] = [0, 0]
    private var hashes: [UInt64] = [0]
    private var slots: [Int32] = Array(repeating: -1, count: 64)

    init() {
        slots[0] = 0
    }

    var count: Int { hashes.count }

    private static func hash(_ set: UnsafeBufferPointer<Traffic.TagPair>) -> UInt64 {
        var h: UInt64 = 0x243F_6A88_85A3_08D3
        for pair in set {
            h = (h ^ (UInt64(UInt32(bitPattern: pair.key)) << 32 | UInt64(UInt32(bitPattern: pair.value)))) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 31
        }
        return set.isEmpty ? 0 : h | 1
    }

    /// The id of `set` (sorted by key), adding it if new.
    mutating func intern(_ set: UnsafeBufferPointer<Traffic.TagPair>) -> Int32 {
        if set.isEmpty { return 0 }
        let hash = Self.hash(set)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if hashes[Int(id)] == hash && matches(Int(id), set) { return id }
            slot = (slot + 1) & mask
        }
        let id = Int32(hashes.count)
        pairs.append(contentsOf: set)
        starts.append(pairs.count)
        hashes.append(hash)
        slots[slot] = id
        if hashes.count * 2 > slots.count { grow() }
        return id
    }

    private func matches(_ id: Int, _ set: UnsafeBufferPointer<Traffic.TagPair>) -> Bool {
        let start = starts[id]
        let end = starts[id + 1]
        guard end - start == set.count else { return false }
        for index in 0..<set.count where pairs[start + index] != set[index] { return false }
        return true
    }

    private mutating func grow() {
        var newSlots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = newSlots.count - 1
        for id in 0..<hashes.count {
            var slot = Int(truncatingIfNeeded: hashes[id]) & mask
            while newSlots[slot] >= 0 { slot = (slot + 1) & mask }
            newSlots[slot] = Int32(id)
        }
        slots = newSlots
    }

    /// Every set, by id.
    func sets() -> [[Traffic.TagPair]] {
        (0..<hashes.count).map { id in Array(pairs[starts[id]..<starts[id + 1]]) }
    }
}
