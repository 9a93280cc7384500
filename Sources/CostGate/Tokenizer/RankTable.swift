import Foundation

/// The mergeable ranks of one encoding: token bytes to rank, in an open-addressing hash table.
///
/// All token bytes live in one flat buffer. A 16-byte slot holds a token's first eight bytes, its
/// length and its rank, so a lookup of a token up to eight bytes long (nearly all of them) is decided
/// within one cache line; longer ones compare the rest with the flat buffer. Built once per process
/// and never mutated.
struct RankTable: @unchecked Sendable {
    /// A rank that is not in the table.
    static let missing = UInt32.max

    /// Token bytes, back to back, in rank order.
    private let bytes: UnsafeMutablePointer<UInt8>
    /// Start of each rank's bytes in `bytes`; `offsets[rank + 1]` is its end.
    private let offsets: UnsafeMutablePointer<UInt32>
    /// The open-addressing table; a slot with length 0 is empty.
    private let slots: UnsafeMutablePointer<Slot>
    private let shift: UInt64
    /// The rank of each single byte.
    private let byteRanks: UnsafeMutablePointer<UInt32>
    /// The rank of each two-byte string, indexed `first << 8 | second` (the first merges of every piece).
    private let pairRanks: UnsafeMutablePointer<UInt32>
    /// How many ranks there are (one more than the highest).
    let rankCount: Int
    /// Keeps the memory behind the pointers above alive.
    private let storage: Storage

    /// Parses a `.tiktoken` file (`base64 SPACE rank` per line).
    ///
    /// Fails with the line and reason when a line is malformed, a rank is duplicated or missing, or a
    /// byte has no rank.
    static func parse(_ file: UnsafeRawBufferPointer) -> Result<RankTable, FileError> {
        var tokens: [(start: Int, length: Int, rank: Int)] = []
        tokens.reserveCapacity(file.count / 16)
        let decoded = UnsafeMutablePointer<UInt8>.allocate(capacity: file.count + 8)
        func fail(_ error: FileError) -> Result<RankTable, FileError> {
            decoded.deallocate()
            return .failure(error)
        }
        var written = 0
        var line = 1
        var index = 0
        let count = file.count
        while index < count {
            let start = written
            var quad: UInt32 = 0
            var quadCount = 0
            let table = base64Table
            while index < count, file[index] != 0x20, file[index] != 0x0A {
                let value = table[Int(file[index])]
                if value >= 0x40 {
                    if value == 0x40 { index += 1; continue }  // '=' padding
                    return fail(FileError(line: line, reason: "bad base64 byte \(file[index])"))
                }
                quad = quad << 6 | UInt32(value)
                quadCount += 1
                if quadCount == 4 {
                    decoded[written] = UInt8(truncatingIfNeeded: quad >> 16)
                    decoded[written + 1] = UInt8(truncatingIfNeeded: quad >> 8)
                    decoded[written + 2] = UInt8(truncatingIfNeeded: quad)
                    written += 3
                    quad = 0
                    quadCount = 0
                }
                index += 1
            }
            if quadCount == 2 {
                decoded[written] = UInt8(truncatingIfNeeded: quad >> 4)
                written += 1
            } else if quadCount == 3 {
                decoded[written] = UInt8(truncatingIfNeeded: quad >> 10)
                decoded[written + 1] = UInt8(truncatingIfNeeded: quad >> 2)
                written += 2
            } else if quadCount == 1 {
                return fail(FileError(line: line, reason: "truncated base64"))
            }
            guard index < count, file[index] == 0x20, written > start else {
                return fail(FileError(line: line, reason: "expected 'base64 rank'"))
            }
            index += 1
            var rank = 0
            var digits = 0
            while index < count, file[index] >= 0x30, file[index] <= 0x39, digits < 10 {
                rank = rank * 10 + Int(file[index] - 0x30)
                digits += 1
                index += 1
            }
            guard digits > 0 else { return fail(FileError(line: line, reason: "expected a rank")) }
            if index < count, file[index] == 0x0D { index += 1 }
            guard index == count || file[index] == 0x0A else {
                return fail(FileError(line: line, reason: "expected end of line"))
            }
            index += 1
            tokens.append((start, written - start, rank))
            line += 1
        }
        let rankCount = (tokens.map(\.rank).max() ?? -1) + 1
        var seen = [Bool](repeating: false, count: rankCount)
        for (line, token) in tokens.enumerated() {
            if seen[token.rank] { return fail(FileError(line: line + 1, reason: "duplicate rank \(token.rank)")) }
            seen[token.rank] = true
        }
        guard rankCount == tokens.count else {
            return fail(FileError(line: 0, reason: "ranks are not 0..<\(tokens.count) (a rank is missing)"))
        }
        return build(decoded: decoded, tokens: tokens, rankCount: rankCount)
    }

    private static func build(decoded: UnsafeMutablePointer<UInt8>, tokens: [(start: Int, length: Int, rank: Int)],
                              rankCount: Int) -> Result<RankTable, FileError> {
        // Lay the tokens out in rank order so `offsets` is a prefix sum; OpenAI's files already are.
        var inOrder = tokens.count == rankCount
        var expectedStart = 0
        for (index, token) in tokens.enumerated() where inOrder {
            inOrder = token.rank == index && token.start == expectedStart
            expectedStart += token.length
        }
        let bytes: UnsafeMutablePointer<UInt8>
        let offsets = UnsafeMutablePointer<UInt32>.allocate(capacity: rankCount + 1)
        var lengths = [Int](repeating: -1, count: rankCount)
        if inOrder {
            bytes = decoded
            for (index, token) in tokens.enumerated() {
                offsets[index] = UInt32(token.start)
                lengths[index] = token.length
            }
            offsets[rankCount] = UInt32(expectedStart)
            (bytes + expectedStart).initialize(repeating: 0, count: 8)
        } else {
            bytes = relayout(decoded: decoded, tokens: tokens, offsets: offsets, lengths: &lengths)
        }
        return index(bytes: bytes, offsets: offsets, lengths: lengths, rankCount: rankCount)
    }

    /// Copies tokens listed out of rank order into rank order.
    private static func relayout(decoded: UnsafeMutablePointer<UInt8>, tokens: [(start: Int, length: Int, rank: Int)],
                                 offsets: UnsafeMutablePointer<UInt32>, lengths: inout [Int]) -> UnsafeMutablePointer<UInt8> {
        let rankCount = lengths.count
        var sources = [Int](repeating: 0, count: rankCount)
        for token in tokens {
            lengths[token.rank] = token.length
            sources[token.rank] = token.start
        }
        let total = tokens.reduce(0) { $0 + $1.length }
        let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: total + 8)
        bytes.initialize(repeating: 0, count: total + 8)
        var cursor = 0
        for rank in 0..<rankCount {
            offsets[rank] = UInt32(cursor)
            let length = max(lengths[rank], 0)
            (bytes + cursor).update(from: decoded + sources[rank], count: length)
            cursor += length
        }
        offsets[rankCount] = UInt32(cursor)
        decoded.deallocate()
        return bytes
    }

    /// Builds the hash table and the byte and pair tables over laid-out tokens.
    private static func index(bytes: UnsafeMutablePointer<UInt8>, offsets: UnsafeMutablePointer<UInt32>, lengths: [Int],
                              rankCount: Int) -> Result<RankTable, FileError> {
        var capacityBits: UInt64 = 4
        while (1 << capacityBits) < rankCount * 2 { capacityBits += 1 }
        let capacity = 1 << Int(capacityBits)
        let slots = UnsafeMutablePointer<Slot>.allocate(capacity: capacity)
        slots.initialize(repeating: Slot(head: 0, rank: 0, length: 0), count: capacity)
        let byteRanks = UnsafeMutablePointer<UInt32>.allocate(capacity: 256)
        byteRanks.initialize(repeating: missing, count: 256)
        let pairRanks = UnsafeMutablePointer<UInt32>.allocate(capacity: 1 << 16)
        pairRanks.initialize(repeating: missing, count: 1 << 16)
        let storage = Storage(bytes: bytes, offsets: offsets, slots: slots, byteRanks: byteRanks, pairRanks: pairRanks)
        let shift = 64 - capacityBits
        let mask = capacity - 1
        for rank in 0..<rankCount where lengths[rank] > 0 {
            let start = Int(offsets[rank])
            let length = lengths[rank]
            let hash = RankTable.hash(UnsafePointer(bytes + start), length)
            var slot = Int(hash >> shift)
            while slots[slot].length != 0 { slot = (slot + 1) & mask }
            slots[slot] = Slot(head: RankTable.load(UnsafePointer(bytes + start), length), rank: UInt32(rank),
                               length: UInt32(length))
            if length == 1 { byteRanks[Int(bytes[start])] = UInt32(rank) }
            if length == 2 { pairRanks[Int(bytes[start]) << 8 | Int(bytes[start + 1])] = UInt32(rank) }
        }
        for byte in 0..<256 where byteRanks[byte] == missing {
            return .failure(FileError(line: 0, reason: "no rank for byte \(byte)"))
        }
        return .success(RankTable(storage: storage, shift: shift, rankCount: rankCount))
    }

    private init(storage: Storage, shift: UInt64, rankCount: Int) {
        self.storage = storage
        bytes = storage.bytes
        offsets = storage.offsets
        slots = storage.slots
        byteRanks = storage.byteRanks
        pairRanks = storage.pairRanks
        self.shift = shift
        self.rankCount = rankCount
    }

    /// Base64 digit values; 0x40 marks `=`, 0xFF anything else.
    nonisolated(unsafe) private static let base64Table: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        table.initialize(repeating: 0xFF, count: 256)
        for (value, character) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(character)] = UInt8(value)
        }
        table[Int(UInt8(ascii: "="))] = 0x40
        return UnsafePointer(table)
    }()

    @inline(__always)
    private static func mix(_ value: UInt64) -> UInt64 {
        let product = value.multipliedFullWidth(by: 0x9E37_79B9_7F4A_7C15)
        return product.high ^ product.low
    }

    /// The low `length` bytes (at most 8) of a word loaded from `pointer`, which must have 8 readable bytes.
    @inline(__always)
    static func load(_ pointer: UnsafePointer<UInt8>, _ length: Int) -> UInt64 {
        let word = UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self)
        return length >= 8 ? word : word & ((1 << UInt64(truncatingIfNeeded: length &* 8)) &- 1)
    }

    /// A fast hash of a byte string (multiply-fold over 8-byte words, seeded by the length).
    ///
    /// `pointer` must have 8 readable bytes past `length` (callers pad their buffers).
    @inline(__always)
    static func hash(_ pointer: UnsafePointer<UInt8>, _ length: Int) -> UInt64 {
        var state = UInt64(truncatingIfNeeded: length) &* 0xA076_1D64_78BD_642F
        var index = 0
        while length &- index > 8 {
            let word = UnsafeRawPointer(pointer + index).loadUnaligned(as: UInt64.self)
            state = mix(state ^ word ^ 0xE703_7ED1_A0B4_28DB)
            index &+= 8
        }
        state = mix(state ^ load(pointer + index, length &- index) ^ 0x8EBC_6AF0_9C88_C6E3)
        return mix(state ^ 0x5899_65CC_7537_4CC3)
    }

    /// The rank of the `length` bytes at `pointer`, or `missing`; 8 bytes past the end must be readable.
    @inline(__always)
    func rank(_ pointer: UnsafePointer<UInt8>, _ length: Int) -> UInt32 {
        if length <= 2 {
            if length == 1 { return byteRanks[Int(pointer[0])] }
            return pairRanks[Int(pointer[0]) << 8 | Int(pointer[1])]
        }
        let hash = RankTable.hash(pointer, length)
        let mask = (1 << (64 - Int(shift))) - 1
        var slot = Int(hash >> shift)
        let head = RankTable.load(pointer, length)
        let length32 = UInt32(truncatingIfNeeded: length)
        while true {
            let entry = slots[slot]
            if entry.length == 0 { return RankTable.missing }
            if entry.head == head, entry.length == length32,
               length <= 8 || memcmp(bytes + Int(offsets[Int(entry.rank)]) + 8, pointer + 8, length - 8) == 0 {
                return entry.rank
            }
            slot = (slot + 1) & mask
        }
    }

    /// The bytes of `rank`, or nil when no token has that rank.
    func tokenBytes(_ rank: Int) -> UnsafeBufferPointer<UInt8>? {
        guard rank >= 0, rank < rankCount else { return nil }
        let start = Int(offsets[rank])
        let end = Int(offsets[rank + 1])
        guard end > start else { return nil }
        return UnsafeBufferPointer(start: bytes + start, count: end - start)
    }

    /// One hash-table slot: a token's first eight bytes (little-endian, zero-padded), rank and length.
    struct Slot {
        var head: UInt64
        var rank: UInt32
        var length: UInt32
    }

    /// Why a rank file could not be parsed.
    struct FileError: Error, Sendable {
        var line: Int
        var reason: String
    }

    /// Owns the table's memory, freed when the last copy of the table goes away.
    private final class Storage: @unchecked Sendable {
        let bytes: UnsafeMutablePointer<UInt8>
        let offsets: UnsafeMutablePointer<UInt32>
        let slots: UnsafeMutablePointer<Slot>
        let byteRanks: UnsafeMutablePointer<UInt32>
        let pairRanks: UnsafeMutablePointer<UInt32>

        init(bytes: UnsafeMutablePointer<UInt8>, offsets: UnsafeMutablePointer<UInt32>, slots: UnsafeMutablePointer<Slot>,
             byteRanks: UnsafeMutablePointer<UInt32>, pairRanks: UnsafeMutablePointer<UInt32>) {
            self.bytes = bytes
            self.offsets = offsets
            self.slots = slots
            self.byteRanks = byteRanks
            self.pairRanks = pairRanks
        }

        deinit {
            bytes.deallocate()
            offsets.deallocate()
            slots.deallocate()
            byteRanks.deallocate()
            pairRanks.deallocate()
        }
    }
}
