@testable import CostGate
import Foundation
import Testing

/// The per-record lookups that replaced library calls on the hot path: `ByteHash.equal` for `memcmp`, and
/// `PairIndex` for `Dictionary<Int64, Int>`. Each is checked against the call it replaced.
struct LookupTablesTests {
    /// Every length from 0 to 40, equal bytes and a difference at each position (in the low and the high bit), at
    /// every alignment of the two buffers.
    @Test func byteEqualityAgreesWithMemcmp() {
        var generator = SystemRandomNumberGenerator()
        let storage = (0..<96).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for count in 0...40 {
            for offset in 0..<8 {
                let left = storage
                var right = [UInt8](repeating: 0, count: offset) + storage
                let check = { (left: [UInt8], right: [UInt8]) in
                    left.withUnsafeBufferPointer { a in
                        right.withUnsafeBufferPointer { b in
                            let expected = count == 0 || memcmp(a.baseAddress!, b.baseAddress! + offset, count) == 0
                            #expect(ByteHash.equal(a.baseAddress!, b.baseAddress! + offset, count) == expected,
                                    "count \(count), offset \(offset)")
                        }
                    }
                }
                check(left, right)
                for position in 0..<count {
                    for bit in [0, 7] {
                        right[offset + position] ^= 1 << bit
                        check(left, right)
                        #expect(!left.withUnsafeBufferPointer { a in
                            right.withUnsafeBufferPointer { b in ByteHash.equal(a.baseAddress!, b.baseAddress! + offset, count) }
                        })
                        right[offset + position] ^= 1 << bit
                    }
                }
            }
        }
    }

    /// Keys of routes and models as replays make them, and keys that collide in the table's low bits, against a
    /// dictionary: the same index for every key stored, nil for every other, across the table's growth.
    @Test func pairIndexAgreesWithADictionary() {
        var index = PairIndex()
        var reference: [Int64: Int] = [:]
        var keys: [Int64] = []
        for route in 0..<40 { for model in 0..<25 { keys.append(Int64(route) << 32 | Int64(model * 7)) } }
        // Multiples of 2^40 share every low bit.
        for step in 1...50 { keys.append(Int64(step) << 40) }
        keys.append(-1)
        keys.append(Int64.min)
        var generator = SystemRandomNumberGenerator()
        keys.shuffle(using: &generator)
        for (position, key) in keys.enumerated() {
            #expect(index.index(of: key) == nil)
            index.insert(key, index: position)
            reference[key] = position
            #expect(index.count == reference.count)
        }
        for key in keys { #expect(index.index(of: key) == reference[key]) }
        for absent in [Int64(1) << 33 | 1, Int64(3) << 40 | 5, 12_345, Int64.max] { #expect(index.index(of: absent) == nil) }
        #expect(PairIndex().index(of: 0) == nil)
    }
}
