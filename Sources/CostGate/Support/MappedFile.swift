public import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only file mapped into memory, whose pages can be handed back once read.
///
/// A traffic file is read once, front to back, in chunks. Mapped pages of a file count in the process's resident
/// set (`/usr/bin/time` reports them), so a 1.5 GB log would hold 1.5 GB after it is parsed. `release(_:_:)` drops
/// the pages of a parsed range from the mapping: they stay in the page cache, and a later read of them faults them
/// back in from the file, with the same bytes. It acts only on mappings made here, never on other memory, where
/// dropping pages would lose their contents.
public enum MappedFile {
    /// The mappings alive now, as address ranges.
    private static let live = Mutex<[Range<UInt>]>([])

    /// The bytes of the file at `path`, mapped (an empty `Data` for an empty file).
    ///
    /// - Throws: the `POSIXError` of `open`, `fstat` or `mmap`; `EISDIR` for a directory.
    public static func map(_ path: String) throws -> Data {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        guard status.st_mode & S_IFMT != S_IFDIR else { throw POSIXError(.EISDIR) }
        guard status.st_mode & S_IFMT == S_IFREG else {
            // A pipe or device cannot be mapped: read it.
            return try Data(contentsOf: URL(fileURLWithPath: path))
        }
        let count = Int(status.st_size)
        guard count > 0 else { return Data() }
        guard let address = mmap(nil, count, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ENOMEM)
        }
        let start = UInt(bitPattern: address)
        live.withLock { $0.append(start..<start + UInt(count)) }
        return Data(bytesNoCopy: address, count: count, deallocator: .custom { pointer, length in
            let start = UInt(bitPattern: pointer)
            live.withLock { ranges in ranges.removeAll { $0.lowerBound == start } }
            munmap(pointer, length)
        })
    }

    /// Drops the whole pages of `range` (bytes from `base`) from their mapping when `base` lies in a mapping made by
    /// `map(_:)`; does nothing otherwise. The bytes stay readable.
    public static func release(_ base: UnsafeRawPointer, _ range: Range<Int>) {
        let page = UInt(sysconf(Int32(_SC_PAGESIZE)))
        let lower = UInt(bitPattern: base) + UInt(range.lowerBound)
        let upper = UInt(bitPattern: base) + UInt(range.upperBound)
        let first = (lower + page - 1) / page * page
        let last = upper / page * page
        guard last > first, live.withLock({ ranges in ranges.contains { $0.contains(first) && $0.contains(last - 1) } }) else {
            return
        }
        _ = madvise(UnsafeMutableRawPointer(bitPattern: first), Int(last - first), MADV_DONTNEED)
    }
}
