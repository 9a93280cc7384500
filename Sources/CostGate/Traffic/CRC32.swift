/// CRC-32 (ISO 3309, as gzip uses it), sixteen bytes a step with slice-by-16 tables.
enum CRC32 {
    /// Sixteen 256-entry tables, one after another: table k gives the CRC of a byte followed by k zero bytes.
    /// Allocated once and read through a pointer, so the hot loop has no bounds checks.
    private nonisolated(unsafe) static let table: UnsafePointer<UInt32> = {
        let tables = UnsafeMutablePointer<UInt32>.allocate(capacity: 16 * 256)
        for index in 0..<256 {
            var value = UInt32(index)
            for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
            tables[index] = value
        }
        for level in 1..<16 {
            for index in 0..<256 {
                let previous = tables[(level - 1) * 256 + index]
                tables[level * 256 + index] = (previous >> 8) ^ tables[Int(previous & 0xFF)]
            }
        }
        return UnsafePointer(tables)
    }()

    /// The CRC-32 of `bytes`.
    static func checksum(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        update(0, bytes)
    }

    /// The CRC-32 of the bytes `checksum` was computed over, followed by `bytes`.
    static func update(_ checksum: UInt32, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var crc = checksum ^ 0xFFFF_FFFF
        let table = Self.table
        guard var pointer = bytes.baseAddress else { return checksum }
        var remaining = bytes.count
        @inline(__always) func lookup(_ level: Int, _ byte: UInt64) -> UInt32 { table[level << 8 | Int(truncatingIfNeeded: byte & 0xFF)] }
        while remaining >= 16 {
            let low = UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self)) ^ UInt64(crc)
            let high = UInt64(littleEndian: UnsafeRawPointer(pointer + 8).loadUnaligned(as: UInt64.self))
            crc = lookup(15, low) ^ lookup(14, low >> 8) ^ lookup(13, low >> 16) ^ lookup(12, low >> 24)
                ^ lookup(11, low >> 32) ^ lookup(10, low >> 40) ^ lookup(9, low >> 48) ^ lookup(8, low >> 56)
                ^ lookup(7, high) ^ lookup(6, high >> 8) ^ lookup(5, high >> 16) ^ lookup(4, high >> 24)
                ^ lookup(3, high >> 32) ^ lookup(2, high >> 40) ^ lookup(1, high >> 48) ^ lookup(0, high >> 56)
            pointer += 16
            remaining -= 16
        }
        while remaining > 0 {
            crc = table[Int((crc ^ UInt32(pointer[0])) & 0xFF)] ^ (crc >> 8)
            pointer += 1
            remaining -= 1
        }
        return crc ^ 0xFFFF_FFFF
    }
}
