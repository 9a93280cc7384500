public import Foundation

/// Reads gzip files (RFC 1952) with `Inflater`: one or more members, each header's optional fields skipped (its
/// header CRC checked when present), each member's CRC-32 and length verified.
public enum Gzip {
    /// Whether `data` starts with the gzip magic bytes.
    public static func isGzip(_ data: Data) -> Bool {
        data.count >= 2 && data[data.startIndex] == 0x1F && data[data.startIndex + 1] == 0x8B
    }

    /// The decompressed bytes of every member of `data`, concatenated.
    ///
    /// - Parameters:
    ///   - data: The gzip file's bytes.
    ///   - file: The name to show in errors.
    /// - Throws: `CostGateError.io` naming the file, the byte offset and what is wrong (a bad header, corrupt
    ///   deflate data, a CRC or length mismatch, trailing garbage).
    public static func decompress(_ data: Data, file: String) throws(CostGateError) -> Data {
        let result: Result<Data, Inflater.Failure> = data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return .success(Data()) }
            do throws(Inflater.Failure) {
                return .success(try decompress(base, count: raw.count))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let bytes): return bytes
        case .failure(let failure):
            throw .io(path: file, reason: "is not valid gzip data: \(failure.reason) (at byte \(failure.offset))")
        }
    }

    /// The decompressed bytes of every member, in one buffer.
    ///
    /// - Parameters:
    ///   - progress: Called after each deflate block with the output buffer and how many bytes of it are final; those
    ///     bytes stay valid (at that address) until `settle` has returned. Called once more with `true` after the
    ///     last member's CRC-32 and length have been checked, and never when the data is bad.
    ///   - settle: Called before any output buffer is freed (on success or failure): it must wait until nothing
    ///     reads the buffers handed to `progress`.
    static func decompress(_ base: UnsafePointer<UInt8>, count: Int,
                           progress: (UnsafePointer<UInt8>, Int, _ isComplete: Bool) -> Void = { _, _, _ in },
                           settle: () -> Void = {}) throws(Inflater.Failure) -> Data {
        // The last member's ISIZE is the usual size of a single-member file: a first guess for the buffer, bounded
        // by deflate's largest ratio (about 1032:1) so a forged trailer cannot reserve more than the data can fill.
        let hint = count >= 18 ? min(Int(readUInt32(base + count - 4)), count * 1032) : 0
        var start = 0
        var members = 0
        var inflater = Inflater(base, from: 0, to: count, expectedSize: min(hint, 1 << 30))
        do throws(Inflater.Failure) {
            while start < count {
                if members > 0 && (start..<count).allSatisfy({ base[$0] == 0 }) { break } // zero padding after the last member
                let bodyStart = try header(base, from: start, count: count)
                inflater.restart(at: bodyStart)
                let memberStart = inflater.decodedCount
                // The CRC follows each block while its bytes are still in cache.
                var crc: UInt32 = 0
                var checked = memberStart
                try inflater.inflate(progress: { output, length in
                    crc = CRC32.update(crc, UnsafeBufferPointer(start: output + checked, count: length - checked))
                    checked = length
                    progress(output, length, false)
                })
                let trailer = inflater.consumedOffset
                guard trailer + 8 <= count else {
                    throw Inflater.Failure(reason: "the member ends before its CRC-32 and length", offset: count)
                }
                let decoded = inflater.bytes(from: memberStart)
                guard crc == readUInt32(base + trailer) else {
                    throw Inflater.Failure(reason: "a CRC-32 mismatch (the data is corrupt)", offset: trailer)
                }
                guard UInt32(truncatingIfNeeded: decoded.count) == readUInt32(base + trailer + 4) else {
                    throw Inflater.Failure(reason: "a length (ISIZE) mismatch", offset: trailer + 4)
                }
                members += 1
                start = trailer + 8
            }
        } catch {
            settle()
            inflater.discard()
            throw error
        }
        progress(inflater.decodedBase, inflater.decodedCount, true)
        settle()
        inflater.releaseRetired()
        return inflater.takeOutput()
    }

    /// Decompresses `data` a piece at a time, for a reader that needs only a window of the output.
    ///
    /// After each deflate block, `consume` gets the output buffer and the range of its bytes not consumed yet, and
    /// returns how many of them (from the range's start) it is done with. The buffer keeps only the bytes not
    /// consumed and the last 32 KiB (what a back-reference may copy), moved to its front, so memory stays near what
    /// `consume` leaves plus one block's output. A last call has `isComplete` true, once every member's CRC-32 and
    /// length are checked: bytes handed over before it are not checked yet, and a fault found later is still thrown.
    ///
    /// - Throws: `CostGateError.io` naming `file` for a bad stream; whatever `consume` throws.
    public static func stream(_ data: Data, file: String,
                              consume: (UnsafePointer<UInt8>, Range<Int>, _ isComplete: Bool) throws(CostGateError) -> Int) throws(CostGateError) {
        var caught: CostGateError?
        let result: Result<Void, Inflater.Failure> = data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return .success(()) }
            let count = raw.count
            var inflater = Inflater(base, from: 0, to: count, expectedSize: 1 << 22)
            inflater.freesOutgrownBuffers = true
            defer { inflater.discard() }
            var pending = 0 // the first byte not consumed
            var released = 0 // the input handed back up to here
            // The sentinel thrown when `consume` throws; `caught` holds its error.
            let stopped = Inflater.Failure(reason: "stopped by the reader", offset: -1)
            func handOver(_ output: UnsafePointer<UInt8>, _ length: Int, isComplete: Bool) throws(Inflater.Failure) {
                do throws(CostGateError) {
                    pending += try consume(output, pending..<length, isComplete)
                } catch {
                    caught = error
                    throw stopped
                }
            }
            do throws(Inflater.Failure) {
                var start = 0
                var members = 0
                while start < count {
                    if members > 0 && (start..<count).allSatisfy({ base[$0] == 0 }) { break } // zero padding after the last member
                    let bodyStart = try header(base, from: start, count: count)
                    inflater.restart(at: bodyStart)
                    var crc: UInt32 = 0
                    var checked = inflater.decodedCount
                    var memberBytes = 0
                    try inflater.inflate(afterBlock: { (output, length, consumed) throws(Inflater.Failure) -> Int in
                        // The compressed bytes read so far are not needed again: a mapped file's pages go back.
                        if consumed - released >= 1 << 20 {
                            MappedFile.release(base, released..<consumed)
                            released = consumed
                        }
                        crc = CRC32.update(crc, UnsafeBufferPointer(start: output + checked, count: length - checked))
                        memberBytes += length - checked
                        try handOver(output, length, isComplete: false)
                        // What was consumed, but the last 32 KiB, can go; dropping less than 1 MiB is not worth the move.
                        let drop = min(pending, length - (1 << 15))
                        guard drop >= 1 << 20 else {
                            checked = length
                            return 0
                        }
                        pending -= drop
                        checked = length - drop
                        return drop
                    })
                    let trailer = inflater.consumedOffset
                    guard trailer + 8 <= count else {
                        throw Inflater.Failure(reason: "the member ends before its CRC-32 and length", offset: count)
                    }
                    guard crc == readUInt32(base + trailer) else {
                        throw Inflater.Failure(reason: "a CRC-32 mismatch (the data is corrupt)", offset: trailer)
                    }
                    guard UInt32(truncatingIfNeeded: memberBytes) == readUInt32(base + trailer + 4) else {
                        throw Inflater.Failure(reason: "a length (ISIZE) mismatch", offset: trailer + 4)
                    }
                    members += 1
                    start = trailer + 8
                }
                try handOver(inflater.decodedBase, inflater.decodedCount, isComplete: true)
            } catch {
                return .failure(error)
            }
            return .success(())
        }
        if let caught { throw caught }
        if case .failure(let failure) = result {
            throw .io(path: file, reason: "is not valid gzip data: \(failure.reason) (at byte \(failure.offset))")
        }
    }

    /// Checks a member header at `start`; returns where its deflate data begins.
    private static func header(_ base: UnsafePointer<UInt8>, from start: Int, count: Int) throws(Inflater.Failure) -> Int {
        guard base[start] == 0x1F, start + 1 < count, base[start + 1] == 0x8B else {
            throw Inflater.Failure(reason: start == 0 ? "no gzip magic bytes (1f 8b)" : "no gzip magic bytes (1f 8b) after the last member: trailing data", offset: start)
        }
        guard start + 10 <= count else { throw Inflater.Failure(reason: "a truncated gzip header", offset: start) }
        guard base[start + 2] == 8 else { throw Inflater.Failure(reason: "compression method \(base[start + 2]), not deflate (8)", offset: start + 2) }
        let flags = base[start + 3]
        guard flags & 0xE0 == 0 else { throw Inflater.Failure(reason: "reserved header flags set", offset: start + 3) }
        var index = start + 10
        if flags & 0x04 != 0 { // FEXTRA
            guard index + 2 <= count else { throw Inflater.Failure(reason: "a truncated extra field", offset: index) }
            index += 2 + (Int(base[index]) | Int(base[index + 1]) << 8)
        }
        for flag in [UInt8(0x08), 0x10] where flags & flag != 0 { // FNAME, FCOMMENT: zero-terminated
            while index < count && base[index] != 0 { index += 1 }
            index += 1
        }
        if flags & 0x02 != 0 { // FHCRC: the low 16 bits of the header's CRC-32
            guard index + 2 <= count else { throw Inflater.Failure(reason: "a truncated header CRC", offset: index) }
            let crc = CRC32.checksum(UnsafeBufferPointer(start: base + start, count: index - start)) & 0xFFFF
            guard crc == UInt32(base[index]) | UInt32(base[index + 1]) << 8 else {
                throw Inflater.Failure(reason: "a header CRC mismatch", offset: index)
            }
            index += 2
        }
        guard index <= count else { throw Inflater.Failure(reason: "a truncated gzip header", offset: count) }
        return index
    }

    private static func readUInt32(_ pointer: UnsafePointer<UInt8>) -> UInt32 {
        UInt32(pointer[0]) | UInt32(pointer[1]) << 8 | UInt32(pointer[2]) << 16 | UInt32(pointer[3]) << 24
    }
}
