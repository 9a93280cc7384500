/// Small dense indices by a pair of 32-bit ids (a route and a model's string ids): the lookup every record of a
/// replay makes, since records of different routes interleave. An open-addressing table with linear probing and a
/// multiplicative hash: `Dictionary<Int64, Int>` hashes each key with SipHash, about 2% of a check's time.
struct PairIndex: Sendable {
    private var keys: [Int64] = []
    private var values: [Int32] = []
    private var mask = -1
    private var shift: UInt64 = 64
    private(set) var count = 0

    init() {}

    /// The index stored for `key`, or nil.
    @inline(__always)
    func index(of key: Int64) -> Int? {
        guard count > 0 else { return nil }
        var slot = self.slot(key)
        while true {
            let value = values[slot]
            if value < 0 { return nil }
            if keys[slot] == key { return Int(value) }
            slot = (slot + 1) & mask
        }
    }

    /// Stores `index` for `key`, which must not be stored yet.
    mutating func insert(_ key: Int64, index: Int) {
        // Grow at half full, so that probes stay short.
        if 2 * (count + 1) > keys.count { grow() }
        var slot = self.slot(key)
        while values[slot] >= 0 { slot = (slot + 1) & mask }
        keys[slot] = key
        values[slot] = Int32(index)
        count += 1
    }

    /// The key's home slot: the top bits of its product with 2^64 / φ (Fibonacci hashing).
    @inline(__always)
    private func slot(_ key: Int64) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> shift) & mask
    }

    private mutating func grow() {
        let capacity = max(16, 2 * keys.count)
        let old = zip(keys, values).filter { $0.1 >= 0 }
        keys = [Int64](repeating: 0, count: capacity)
        values = [Int32](repeating: -1, count: capacity)
        mask = capacity - 1
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        count = 0
        for (key, value) in old { insert(key, index: Int(value)) }
    }
}
