import Foundation

/// A raw DEFLATE decoder (RFC 1951): stored, fixed-Huffman and dynamic-Huffman blocks. Pure Swift, so reading a
/// `.gz` traffic file needs no system library.
///
/// Bits are read least-significant first through a 64-bit buffer; each Huffman code is decoded by one lookup in
/// a table indexed by the next `maxLength` bits (bit-reversed canonical codes), so decoding costs a table load,
/// not a loop over code lengths. Away from the ends of the input and the output buffer, a fast loop refills the
/// bit buffer eight bytes at a time (enough for a whole length/distance pair), decodes two literals per refill and
/// copies matches eight bytes at a time; the last bytes go through the checked loop.
///
/// Every member of a gzip file appends to one output buffer (`restart(at:)`); a buffer outgrown is kept until
/// `releaseRetired()`, so a reader of the bytes decoded so far (`TrafficReader`'s gzip pipeline) never sees it freed.
struct Inflater {
    /// Why the stream could not be decoded, and the input byte it was found at.
    struct Failure: Error {
        var reason: String
        var offset: Int
    }

    private let input: UnsafePointer<UInt8>
    private let end: Int
    private var position: Int
    private var bits: UInt64 = 0
    private var bitCount = 0
    /// The decoded bytes (owned; handed to the caller by `finish`).
    private var output: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var length = 0
    /// Where the current member's output starts: a back-reference may not reach before it.
    private var windowStart = 0
    /// Buffers outgrown by `reserve`, freed by `releaseRetired()` or `discard()`.
    private var retired: [UnsafeMutablePointer<UInt8>] = []
    /// Whether an outgrown buffer is freed at once: true when nothing reads the output between blocks (`Gzip.stream`).
    var freesOutgrownBuffers = false

    /// Starts decoding `input[start..<end]`, appending to a buffer sized for about `expectedSize` bytes.
    init(_ input: UnsafePointer<UInt8>, from start: Int, to end: Int, expectedSize: Int) {
        self.input = input
        self.end = end
        self.position = start
        capacity = max(1 << 16, expectedSize)
        output = Self.allocateOutput(capacity, prefault: (end - start) * 64)
    }

    /// `count` bytes from `malloc`. A large buffer is aligned to 2 MiB and asked to be backed by huge pages, and its
    /// first `prefault` bytes are mapped in one call: filling it page by page took a fault per 4 KiB, which showed in
    /// profiles of large files as much as the decoding. (`prefault` is bounded by the compressed size, so a forged
    /// length field cannot make it map much more than the data can fill.)
    private static func allocateOutput(_ count: Int, prefault: Int = 0) -> UnsafeMutablePointer<UInt8> {
        #if os(Linux)
        if count >= 1 << 22 {
            var raw: UnsafeMutableRawPointer?
            if posix_memalign(&raw, 1 << 21, count) == 0, let raw {
                _ = madvise(raw, count, MADV_HUGEPAGE)
                // MADV_POPULATE_WRITE (Linux 5.14; an older kernel refuses it and the pages fault in as they fill).
                // The first 4 MiB now, the rest on another thread while this one decodes into the first: mapping
                // never changes the bytes, so it may race the writes (or a free, which makes it fail harmlessly).
                let now = min(count, prefault, 1 << 22)
                if now > 0 { _ = madvise(raw, now, 23) }
                let later = min(count, prefault) - now
                if later > 0 {
                    let rest = UInt(bitPattern: raw + now)
                    DispatchQueue.global().async { _ = madvise(UnsafeMutableRawPointer(bitPattern: rest), later, 23) }
                }
                return raw.assumingMemoryBound(to: UInt8.self)
            }
        }
        #endif
        guard let raw = malloc(count) else { fatalError("out of memory for \(count) bytes of inflated data") }
        return raw.assumingMemoryBound(to: UInt8.self)
    }

    /// The input offset just after the stream (whole bytes of the bit buffer not consumed are given back).
    var consumedOffset: Int { position - bitCount / 8 }

    /// Starts the next member's deflate stream at `start`, appending to the same output.
    mutating func restart(at start: Int) {
        position = start
        bits = 0
        bitCount = 0
        windowStart = length
    }

    /// Forgets the first `count` bytes decoded, moving the rest to the front of the buffer; call it only between
    /// blocks, and keep at least the last 32 KiB of the current member, which a back-reference may still copy.
    mutating func dropFirst(_ count: Int) {
        guard count > 0 else { return }
        memmove(output, output + count, length - count)
        length -= count
        // A member that began in the dropped bytes may now refer back to the buffer's start.
        windowStart = max(0, windowStart - count)
    }

    /// Frees the decoded bytes (when `takeOutput` was not called) and the outgrown buffers.
    mutating func discard() {
        free(output)
        releaseRetired()
    }

    /// Frees the buffers outgrown so far (once nothing reads them any more).
    mutating func releaseRetired() {
        for buffer in retired { free(buffer) }
        retired.removeAll()
    }

    /// The bytes decoded so far, from `from`.
    func bytes(from start: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: output + start, count: length - start) }

    /// The number of bytes decoded so far.
    var decodedCount: Int { length }

    /// The start of the output buffer (valid until the next `inflate`, or `releaseRetired()` once outgrown).
    var decodedBase: UnsafePointer<UInt8> { UnsafePointer(output) }

    /// Hands over the decoded bytes as `Data` (freed with it).
    func takeOutput() -> Data {
        Data(bytesNoCopy: output, count: length, deallocator: .free)
    }

    // MARK: Bits

    @inline(__always)
    private mutating func refill() {
        while bitCount <= 56 && position < end {
            bits |= UInt64(input[position]) << UInt64(bitCount)
            position += 1
            bitCount += 8
        }
    }

    @inline(__always)
    private mutating func take(_ count: Int) throws(Failure) -> Int {
        if bitCount < count {
            refill()
            guard bitCount >= count else { throw Failure(reason: "the data ends inside a block", offset: end) }
        }
        let value = Int(truncatingIfNeeded: bits & ((1 << UInt64(count)) - 1))
        bits >>= UInt64(count)
        bitCount -= count
        return value
    }

    // MARK: Output

    @inline(__always)
    private mutating func reserve(_ count: Int) {
        guard length + count > capacity else { return }
        var newCapacity = capacity * 2
        while newCapacity < length + count { newCapacity *= 2 }
        let grown = Self.allocateOutput(newCapacity, prefault: min(newCapacity, (end - position) * 64 + length))
        grown.update(from: output, count: length)
        if freesOutgrownBuffers { free(output) } else { retired.append(output) }
        output = grown
        capacity = newCapacity
    }

    // MARK: Huffman tables

    /// A decoding table: entry = symbol << 4 | code length (0: no code has these bits).
    struct Table {
        var entries: [UInt32]
        var bits: Int
    }

    /// Builds the table of canonical codes for `lengths` (0: symbol unused); nil when the lengths over-subscribe
    /// the code space. An incomplete code is allowed (a single distance code is common); its unused bit patterns
    /// decode as errors.
    static func table(_ lengths: [Int]) -> Table? {
        var counts = [Int](repeating: 0, count: 16)
        for length in lengths { counts[length] += 1 }
        counts[0] = 0
        var left = 1
        for length in 1...15 {
            left = left << 1 - counts[length]
            if left < 0 { return nil }
        }
        let maxBits = max(1, lengths.max() ?? 1)
        var next = [Int](repeating: 0, count: 16)
        var code = 0
        for length in 1...15 {
            code = (code + counts[length - 1]) << 1
            next[length] = code
        }
        // next[1] must start at 0: counts[0] was cleared above.
        var entries = [UInt32](repeating: 0, count: 1 << maxBits)
        entries.withUnsafeMutableBufferPointer { table in
            for (symbol, length) in lengths.enumerated() where length > 0 {
                let code = next[length]
                next[length] += 1
                var reversed = 0
                for bit in 0..<length where code & (1 << bit) != 0 { reversed |= 1 << (length - 1 - bit) }
                let entry = UInt32(symbol) << 4 | UInt32(length)
                var index = reversed
                while index < table.count {
                    table[index] = entry
                    index += 1 << length
                }
            }
        }
        return Table(entries: entries, bits: maxBits)
    }

    @inline(__always)
    private mutating func decode(_ table: UnsafeBufferPointer<UInt32>, bits tableBits: Int) throws(Failure) -> Int {
        if bitCount < tableBits { refill() }
        let entry = table[Int(truncatingIfNeeded: bits & ((1 << UInt64(tableBits)) - 1))]
        let length = Int(entry & 15)
        guard length > 0 else { throw Failure(reason: "an invalid Huffman code", offset: consumedOffset) }
        guard length <= bitCount else { throw Failure(reason: "the data ends inside a block", offset: end) }
        bits >>= UInt64(length)
        bitCount -= length
        return Int(entry >> 4)
    }

    private static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    private static let distanceExtra: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    private static let fixedLiterals = table((0..<288).map { $0 < 144 ? 8 : $0 < 256 ? 9 : $0 < 280 ? 7 : 8 })!
    private static let fixedDistances = table([Int](repeating: 5, count: 30))!
    /// `lengthBase[code] << 8 | lengthExtra[code]`, and the same for distances, for the fast loop.
    private nonisolated(unsafe) static let lengthCodes: UnsafeMutablePointer<UInt32> = packed(lengthBase, lengthExtra)
    private nonisolated(unsafe) static let distanceCodes: UnsafeMutablePointer<UInt32> = packed(distanceBase, distanceExtra)
    private static func packed(_ base: [Int], _ extra: [Int]) -> UnsafeMutablePointer<UInt32> {
        let table = UnsafeMutablePointer<UInt32>.allocate(capacity: 32)
        table.initialize(repeating: 0, count: 32)
        for code in base.indices { table[code] = UInt32(base[code]) << 8 | UInt32(extra[code]) }
        return table
    }
    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    // MARK: Blocks

    /// Decodes blocks until the final one, calling `progress` with the output so far after each block.
    mutating func inflate(progress: (UnsafePointer<UInt8>, Int) -> Void = { _, _ in }) throws(Failure) {
        try inflate(afterBlock: { (output, length, _) throws(Failure) -> Int in
            progress(output, length)
            return 0
        })
    }

    /// Decodes blocks until the final one. After each block, `afterBlock` gets the output buffer, its length and the
    /// input bytes consumed so far (`consumedOffset`), and returns how many bytes at the buffer's start to forget
    /// (`dropFirst`): at most all but the last 32 KiB of the member. It may throw to stop decoding.
    mutating func inflate(afterBlock: (UnsafePointer<UInt8>, Int, _ consumed: Int) throws(Failure) -> Int) throws(Failure) {
        var final = false
        while !final {
            final = try take(1) == 1
            switch try take(2) {
            case 0: try storedBlock()
            case 1: try huffmanBlock(Self.fixedLiterals, Self.fixedDistances)
            case 2:
                let (literals, distances) = try dynamicTables()
                try huffmanBlock(literals, distances)
            default: throw Failure(reason: "a block of the reserved type 3", offset: consumedOffset)
            }
            dropFirst(try afterBlock(UnsafePointer(output), length, consumedOffset))
        }
    }

    private mutating func storedBlock() throws(Failure) {
        // Drop to a byte boundary, then give back the whole bytes the bit buffer holds.
        _ = try take(bitCount % 8)
        position -= bitCount / 8
        bits = 0
        bitCount = 0
        guard position + 4 <= end else { throw Failure(reason: "the data ends inside a stored block's header", offset: end) }
        let count = Int(input[position]) | Int(input[position + 1]) << 8
        let complement = Int(input[position + 2]) | Int(input[position + 3]) << 8
        guard count == ~complement & 0xFFFF else { throw Failure(reason: "a stored block whose length check fails", offset: position) }
        position += 4
        guard position + count <= end else { throw Failure(reason: "the data ends inside a stored block", offset: end) }
        reserve(count)
        (output + length).update(from: input + position, count: count)
        length += count
        position += count
    }

    private mutating func dynamicTables() throws(Failure) -> (Table, Table) {
        let literalCount = try take(5) + 257
        let distanceCount = try take(5) + 1
        let codeLengthCount = try take(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else {
            throw Failure(reason: "a dynamic block with too many codes", offset: consumedOffset)
        }
        var codeLengths = [Int](repeating: 0, count: 19)
        for index in 0..<codeLengthCount { codeLengths[Self.codeLengthOrder[index]] = try take(3) }
        guard let lengthTable = Self.table(codeLengths) else {
            throw Failure(reason: "an over-subscribed code-length code", offset: consumedOffset)
        }
        var lengths: [Int] = []
        lengths.reserveCapacity(literalCount + distanceCount)
        try lengthTable.entries.withUnsafeBufferPointer { table throws(Failure) in
            while lengths.count < literalCount + distanceCount {
                let symbol = try decode(table, bits: lengthTable.bits)
                switch symbol {
                case 0...15: lengths.append(symbol)
                case 16:
                    guard let previous = lengths.last else { throw Failure(reason: "a repeat with no previous length", offset: consumedOffset) }
                    lengths += repeatElement(previous, count: 3 + (try take(2)))
                case 17: lengths += repeatElement(0, count: 3 + (try take(3)))
                default: lengths += repeatElement(0, count: 11 + (try take(7)))
                }
            }
        }
        guard lengths.count == literalCount + distanceCount else {
            throw Failure(reason: "code lengths that run past the declared count", offset: consumedOffset)
        }
        guard lengths[256] > 0 else { throw Failure(reason: "a block without an end-of-block code", offset: consumedOffset) }
        guard let literals = Self.table(Array(lengths[..<literalCount])), let distances = Self.table(Array(lengths[literalCount...])) else {
            throw Failure(reason: "an over-subscribed Huffman code", offset: consumedOffset)
        }
        return (literals, distances)
    }

    private mutating func huffmanBlock(_ literals: Table, _ distances: Table) throws(Failure) {
        try literals.entries.withUnsafeBufferPointer { literalTable throws(Failure) in
            try distances.entries.withUnsafeBufferPointer { distanceTable throws(Failure) in
                let lengthCodes = Self.lengthCodes
                let distanceCodes = Self.distanceCodes
                let literalMask = UInt64(1) << UInt64(literals.bits) - 1
                let distanceMask = UInt64(1) << UInt64(distances.bits) - 1
                while true {
                    // Fast path: two refills' worth of input, and room for a longest match plus an 8-byte overshoot.
                    // The state lives in locals here (the closures would otherwise keep it in memory), written back
                    // when the loop leaves.
                    if position + 16 <= end && capacity - length >= 258 + 16 {
                        var bits = self.bits
                        var bitCount = self.bitCount
                        var position = self.position
                        var length = self.length
                        let input = self.input
                        let output = self.output
                        let inputLimit = end - 16
                        let outputLimit = capacity - (258 + 16)
                        let windowStart = self.windowStart
                        var failure: Failure?
                        var blockEnded = false
                        // Fills the bit buffer to at least 56 bits with one unaligned load. Bits above `bitCount` may
                        // be set: they are the next input bits, in place, so a later refill ORs the same bits.
                        @inline(__always) func refill() {
                            let word = UInt64(littleEndian: UnsafeRawPointer(input + position).loadUnaligned(as: UInt64.self))
                            bits |= word << UInt64(bitCount)
                            position += (63 - bitCount) >> 3
                            bitCount |= 56
                        }
                        @inline(__always) func consume(_ count: Int) {
                            bits >>= UInt64(count)
                            bitCount -= count
                        }
                        decoding: while position <= inputLimit && length <= outputLimit {
                            refill()
                            var entry = literalTable[Int(truncatingIfNeeded: bits & literalMask)]
                            var codeLength = Int(entry & 15)
                            guard codeLength > 0 else {
                                failure = Failure(reason: "an invalid Huffman code", offset: position - bitCount / 8)
                                break decoding
                            }
                            consume(codeLength)
                            var symbol = Int(entry >> 4)
                            if symbol < 256 {
                                output[length] = UInt8(truncatingIfNeeded: symbol)
                                length += 1
                                // At least 41 bits are left: room for a second code without a refill.
                                entry = literalTable[Int(truncatingIfNeeded: bits & literalMask)]
                                codeLength = Int(entry & 15)
                                guard codeLength > 0 else {
                                    failure = Failure(reason: "an invalid Huffman code", offset: position - bitCount / 8)
                                    break decoding
                                }
                                consume(codeLength)
                                symbol = Int(entry >> 4)
                                if symbol < 256 {
                                    output[length] = UInt8(truncatingIfNeeded: symbol)
                                    length += 1
                                    continue
                                }
                                refill()
                            }
                            if symbol == 256 {
                                blockEnded = true
                                break decoding
                            }
                            let lengthCode = symbol - 257
                            guard lengthCode < 29 else {
                                failure = Failure(reason: "an invalid length code", offset: position - bitCount / 8)
                                break decoding
                            }
                            // 56 bits cover the length's extra bits, the distance code and its extra bits (5 + 15 + 13).
                            let lengthEntry = lengthCodes[lengthCode]
                            let lengthExtra = Int(lengthEntry & 0xFF)
                            let count = Int(lengthEntry >> 8) + Int(truncatingIfNeeded: bits & (1 << UInt64(lengthExtra) - 1))
                            consume(lengthExtra)
                            let distanceEntry = distanceTable[Int(truncatingIfNeeded: bits & distanceMask)]
                            let distanceLength = Int(distanceEntry & 15)
                            guard distanceLength > 0 else {
                                failure = Failure(reason: "an invalid Huffman code", offset: position - bitCount / 8)
                                break decoding
                            }
                            consume(distanceLength)
                            let distanceCode = Int(distanceEntry >> 4)
                            guard distanceCode < 30 else {
                                failure = Failure(reason: "an invalid distance code", offset: position - bitCount / 8)
                                break decoding
                            }
                            let packedDistance = distanceCodes[distanceCode]
                            let distanceExtra = Int(packedDistance & 0xFF)
                            let distance = Int(packedDistance >> 8) + Int(truncatingIfNeeded: bits & (1 << UInt64(distanceExtra) - 1))
                            consume(distanceExtra)
                            guard distance <= length - windowStart else {
                                failure = Failure(reason: "a back-reference before the start of the data", offset: position - bitCount / 8)
                                break decoding
                            }
                            let target = output + length
                            let source = target - distance
                            if distance >= 8 {
                                // Eight bytes a step; each word read was written at least eight bytes earlier. The last
                                // step may write up to 7 bytes past the match, inside the room checked above.
                                var offset = 0
                                repeat {
                                    UnsafeMutableRawPointer(target + offset).storeBytes(
                                        of: UnsafeRawPointer(source + offset).loadUnaligned(as: UInt64.self), as: UInt64.self)
                                    offset += 8
                                } while offset < count
                            } else if distance == 1 {
                                target.update(repeating: source[0], count: count)
                            } else {
                                for offset in 0..<count { target[offset] = source[offset] }
                            }
                            length += count
                        }
                        self.bits = bits
                        self.bitCount = bitCount
                        self.position = position
                        self.length = length
                        if let failure { throw failure }
                        if blockEnded { return }
                        continue
                    }
                    let symbol = try decode(literalTable, bits: literals.bits)
                    if symbol < 256 {
                        reserve(1)
                        output[length] = UInt8(truncatingIfNeeded: symbol)
                        length += 1
                        continue
                    }
                    if symbol == 256 { return }
                    let lengthCode = symbol - 257
                    guard lengthCode < 29 else { throw Failure(reason: "an invalid length code", offset: consumedOffset) }
                    let count = Self.lengthBase[lengthCode] + (try take(Self.lengthExtra[lengthCode]))
                    let distanceCode = try decode(distanceTable, bits: distances.bits)
                    guard distanceCode < 30 else { throw Failure(reason: "an invalid distance code", offset: consumedOffset) }
                    let distance = Self.distanceBase[distanceCode] + (try take(Self.distanceExtra[distanceCode]))
                    guard distance <= length - windowStart else {
                        throw Failure(reason: "a back-reference before the start of the data", offset: consumedOffset)
                    }
                    reserve(count)
                    let target = output + length
                    let source = target - distance
                    if distance >= count {
                        target.update(from: source, count: count)
                    } else {
                        // Overlapping: each byte may repeat one just written.
                        for offset in 0..<count { target[offset] = source[offset] }
                    }
                    length += count
                }
            }
        }
    }
}
