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

    /// The CRC-32 of the bytes `checksum` was computed over, followed by `bytes`. A long input is taken as two halves
    /// at once (two independent chains of table loads keep the core busier than one) and the halves' CRCs joined.
    static func update(_ checksum: UInt32, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard let base = bytes.baseAddress else { return checksum }
        let table = Self.table
        if bytes.count >= 1 << 14 {
            let half = bytes.count / 2 & ~15
            var first = checksum ^ 0xFFFF_FFFF
            var second: UInt32 = 0xFFFF_FFFF
            var offset = 0
            while offset < half {
                first = step(table, first, base + offset)
                second = step(table, second, base + half + offset)
                offset += 16
            }
            second = finish(table, second, base + 2 * half, count: bytes.count - 2 * half)
            return combine(first ^ 0xFFFF_FFFF, second ^ 0xFFFF_FFFF, secondLength: bytes.count - half)
        }
        return finish(table, checksum ^ 0xFFFF_FFFF, base, count: bytes.count) ^ 0xFFFF_FFFF
    }

    /// The register after 16 more bytes.
    @inline(__always)
    private static func step(_ table: UnsafePointer<UInt32>, _ crc: UInt32, _ pointer: UnsafePointer<UInt8>) -> UInt32 {
        @inline(__always) func lookup(_ level: Int, _ byte: UInt64) -> UInt32 { table[level << 8 | Int(truncatingIfNeeded: byte & 0xFF)] }
        let low = UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self)) ^ UInt64(crc)
        let high = UInt64(littleEndian: UnsafeRawPointer(pointer + 8).loadUnaligned(as: UInt64.self))
        return lookup(15, low) ^ lookup(14, low >> 8) ^ lookup(13, low >> 16) ^ lookup(12, low >> 24)
            ^ lookup(11, low >> 32) ^ lookup(10, low >> 40) ^ lookup(9, low >> 48) ^ lookup(8, low >> 56)
            ^ lookup(7, high) ^ lookup(6, high >> 8) ^ lookup(5, high >> 16) ^ lookup(4, high >> 24)
            ^ lookup(3, high >> 32) ^ lookup(2, high >> 40) ^ lookup(1, high >> 48) ^ lookup(0, high >> 56)
    }

    /// The register after `count` more bytes.
    private static func finish(_ table: UnsafePointer<UInt32>, _ crc: UInt32, _ start: UnsafePointer<UInt8>, count: Int) -> UInt32 {
        var crc = crc
        var pointer = start
        var remaining = count
        while remaining >= 16 {
            crc = step(table, crc, pointer)
            pointer += 16
            remaining -= 16
        }
        while remaining > 0 {
            crc = table[Int((crc ^ UInt32(pointer[0])) & 0xFF)] ^ (crc >> 8)
            pointer += 1
            remaining -= 1
        }
        return crc
    }

    /// The CRC-32 of A followed by B from A's and B's (zlib's `crc32_combine`): A's CRC times x^(8·|B|) modulo the
    /// polynomial, plus B's.
    static func combine(_ first: UInt32, _ second: UInt32, secondLength: Int) -> UInt32 {
        var power: UInt32 = 1 << 31 // x^0, bit-reflected
        var length = secondLength
        var level = 3 // x^(2^3) is one byte
        while length != 0 {
            if length & 1 != 0 { power = multiply(powers[level & 31], power) }
            length >>= 1
            level += 1
        }
        return multiply(power, first) ^ second
    }

    /// x^(2^n) modulo the polynomial, bit-reflected, for n in 0..<32.
    private static let powers: [UInt32] = {
        var power: UInt32 = 1 << 30 // x^1
        var powers = [power]
        for _ in 1..<32 {
            power = multiply(power, power)
            powers.append(power)
        }
        return powers
    }()

    /// `a` times `b` modulo the polynomial (bit-reflected; `a` is not zero).
    private static func multiply(_ a: UInt32, _ b: UInt32) -> UInt32 {
        var mask: UInt32 = 1 << 31
        var product: UInt32 = 0
        var b = b
        while true {
            if a & mask != 0 {
                product ^= b
                if a & (mask - 1) == 0 { break }
            }
            mask >>= 1
            b = b & 1 != 0 ? (b >> 1) ^ 0xEDB8_8320 : b >> 1
        }
        return product
    }
}
