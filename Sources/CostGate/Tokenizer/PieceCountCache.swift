import Foundation

/// A direct-mapped cache from piece bytes (up to 64) to token count, owned by one merger (one thread).
final class PieceCountCache {
    /// The longest piece cached.
    static let maxLength = 64
    private static let entries = 1 << 14
    private let hashes: UnsafeMutablePointer<UInt64>
    private let lengths: UnsafeMutablePointer<UInt32>
    private let counts: UnsafeMutablePointer<UInt32>
    private let bytes: UnsafeMutablePointer<UInt8>

    init() {
        hashes = .allocate(capacity: Self.entries)
        lengths = .allocate(capacity: Self.entries)
        lengths.initialize(repeating: 0, count: Self.entries)
        counts = .allocate(capacity: Self.entries)
        bytes = .allocate(capacity: Self.entries * Self.maxLength)
    }

    deinit {
        hashes.deallocate()
        lengths.deallocate()
        counts.deallocate()
        bytes.deallocate()
    }

    /// The cached count of the piece, compared byte for byte, or nil.
    @inline(__always)
    func count(_ pointer: UnsafePointer<UInt8>, _ length: Int, hash: UInt64) -> Int? {
        let slot = Int(truncatingIfNeeded: hash) & (Self.entries - 1)
        guard lengths[slot] == UInt32(length), hashes[slot] == hash,
              memcmp(bytes + slot * Self.maxLength, pointer, length) == 0 else { return nil }
        return Int(counts[slot])
    }

    /// Remembers a piece's count, replacing whatever shared its slot.
    @inline(__always)
    func store(_ pointer: UnsafePointer<UInt8>, _ length: Int, hash: UInt64, count: Int) {
        let slot = Int(truncatingIfNeeded: hash) & (Self.entries - 1)
        hashes[slot] = hash
        lengths[slot] = UInt32(length)
        counts[slot] = UInt32(count)
        (bytes + slot * Self.maxLength).update(from: pointer, count: length)
    }
}
