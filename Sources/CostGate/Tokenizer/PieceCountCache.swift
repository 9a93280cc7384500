import Foundation

/// A direct-mapped cache from piece bytes (up to 64) to token count, owned by one merger (one thread).
final class PieceCountCache {
    /// The longest piece cached.
    static let maxLength = 64
    /// The most entries a cache has (1.3 MB): enough for a long text's distinct pieces.
    static let maximumEntries = 1 << 14
    private let entries: Int
    private let hashes: UnsafeMutablePointer<UInt64>
    private let lengths: UnsafeMutablePointer<UInt32>
    private let counts: UnsafeMutablePointer<UInt32>
    private let bytes: UnsafeMutablePointer<UInt8>

    /// A cache sized for a text of `textBytes` bytes: one entry per 8 bytes (a text has at most one piece per 2 bytes,
    /// usually one per 4 to 5), a power of two between 256 and `maximumEntries`, so a short text does not pay for
    /// 1.3 MB it cannot fill.
    init(textBytes: Int = .max) {
        var entries = 256
        while entries < Self.maximumEntries && entries < textBytes / 8 { entries *= 2 }
        self.entries = entries
        hashes = .allocate(capacity: entries)
        lengths = .allocate(capacity: entries)
        lengths.initialize(repeating: 0, count: entries)
        counts = .allocate(capacity: entries)
        bytes = .allocate(capacity: entries * Self.maxLength)
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
        let slot = Int(truncatingIfNeeded: hash) & (entries - 1)
        guard lengths[slot] == UInt32(length), hashes[slot] == hash,
              memcmp(bytes + slot * Self.maxLength, pointer, length) == 0 else { return nil }
        return Int(counts[slot])
    }

    /// Remembers a piece's count, replacing whatever shared its slot.
    @inline(__always)
    func store(_ pointer: UnsafePointer<UInt8>, _ length: Int, hash: UInt64, count: Int) {
        let slot = Int(truncatingIfNeeded: hash) & (entries - 1)
        hashes[slot] = hash
        lengths[slot] = UInt32(length)
        counts[slot] = UInt32(count)
        (bytes + slot * Self.maxLength).update(from: pointer, count: length)
    }
}
