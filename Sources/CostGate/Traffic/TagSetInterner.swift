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
        // Final avalanche so the low bits used for the slot depend on every pair.
        return ByteHash.avalanche(h)
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
        slots = ByteHash.slots(for: hashes, count: slots.count * 2)
    }

    /// Every set, by id.
    func sets() -> [[Traffic.TagPair]] {
        (0..<hashes.count).map { id in Array(pairs[starts[id]..<starts[id + 1]]) }
    }
}
