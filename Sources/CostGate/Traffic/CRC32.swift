/// CRC-32 (ISO 3309, as gzip uses it), eight bytes a step with slice-by-8 tables.
enum CRC32 {
    /// Eight 256-entry tables, one after another: table k gives the CRC of a byte followed by k zero bytes.
    private static let table: [UInt32] = {
        var first = [UInt32](repeating: 0, count: 256)
        for index in 0..<256 {
            var value = UInt32(index)
            for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
            first[index] = value
        }
        var tables = [first]
        for level in 1..<8 {
            tables.append((0..<256).map { index in
                let previous = tables[level - 1][index]
                return (previous >> 8) ^ first[Int(previous & 0xFF)]
            })
        }
        return tables.flatMap { $0 }
    }()

    /// The CRC-32 of `bytes`.
    static func checksum(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        table.withUnsafeBufferPointer { table in
            guard var pointer = bytes.baseAddress else { return }
            var remaining = bytes.count
            while remaining >= 8 {
                let low = crc ^ (UInt32(pointer[0]) | UInt32(pointer[1]) << 8 | UInt32(pointer[2]) << 16 | UInt32(pointer[3]) << 24)
                crc = table[7 * 256 + Int(low & 0xFF)] ^ table[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ table[5 * 256 + Int((low >> 16) & 0xFF)] ^ table[4 * 256 + Int(low >> 24)]
                    ^ table[3 * 256 + Int(pointer[4])] ^ table[2 * 256 + Int(pointer[5])]
                    ^ table[256 + Int(pointer[6])] ^ table[Int(pointer[7])]
                pointer += 8
                remaining -= 8
            }
            while remaining > 0 {
                crc = table[Int((crc ^ UInt32(pointer[0])) & 0xFF)] ^ (crc >> 8)
                pointer += 1
                remaining -= 1
            }
        }
        return crc ^ 0xFFFF_FFFF
    }
}
