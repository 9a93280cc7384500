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
