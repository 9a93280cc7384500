/// A fast non-cryptographic hash of a byte slice, for the readers' interning tables.
///
/// Reads whole words, with overlapping loads for the tail instead of a byte loop (keys and values are
/// mostly 3–20 bytes), then applies MurmurHash3's 64-bit finalizer so the low bits used for slots mix
/// every input bit.
enum ByteHash {
    @inline(__always)
    static func hash(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> UInt64 {
        guard let bytes, count > 0 else { return 0x9E37_79B9_7F4A_7C15 }
        let raw = UnsafeRawPointer(bytes)
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ (UInt64(count) &* 0x9E37_79B9_7F4A_7C15)
        if count >= 8 {
            var index = 0
            while index + 8 < count {
                h = mix(h, UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
                index += 8
            }
            h = mix(h, UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)))
        } else if count >= 4 {
            let low = UInt64(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
            let high = UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)))
            h = mix(h, low | high << 32)
        } else {
            h = mix(h, UInt64(bytes[0]) | UInt64(bytes[count >> 1]) << 8 | UInt64(bytes[count - 1]) << 16)
        }
        return avalanche(h)
    }

    /// Whether the `count` bytes at `a` and `b` are equal: eight bytes at a time, the last eight overlapping, inline.
    /// Keys and names are a few to a few dozen bytes, where a call to `memcmp` costs more than the comparison (3% of
    /// a check's time went to `memcmp` from the JSON Lines scanner).
    @inline(__always)
    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        let left = UnsafeRawPointer(a)
        let right = UnsafeRawPointer(b)
        if count >= 8 {
            var index = 0
            while index + 8 < count {
                guard left.loadUnaligned(fromByteOffset: index, as: UInt64.self) == right.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                else { return false }
                index += 8
            }
            return left.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) == right.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        }
        if count >= 4 {
            return left.loadUnaligned(as: UInt32.self) == right.loadUnaligned(as: UInt32.self)
                && left.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self) == right.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
        }
        for index in 0..<count where a[index] != b[index] { return false }
        return true
    }

    /// An open-addressing slot table of `count` (a power of two) slots holding ids 0..<hashes.count at their
    /// hashes' slots, linear probing; -1 marks an empty slot. Used when an interner's table grows.
    static func slots(for hashes: [UInt64], count: Int) -> [Int32] {
        var slots = [Int32](repeating: -1, count: count)
        let mask = count - 1
        for id in 0..<hashes.count {
            var slot = Int(truncatingIfNeeded: hashes[id]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
        return slots
    }

    /// MurmurHash3's fmix64: makes every output bit depend on every input bit.
    static func avalanche(_ value: UInt64) -> UInt64 {
        var h = value
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    @inline(__always)
    private static func mix(_ h: UInt64, _ word: UInt64) -> UInt64 {
        var h = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
        return h
    }
}
