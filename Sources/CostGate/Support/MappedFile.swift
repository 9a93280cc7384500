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
        return try map(descriptor: descriptor, count: Int(status.st_size))
    }

    /// The first `count` bytes of the open file `descriptor`, mapped (the descriptor may be closed afterwards).
    private static func map(descriptor: Int32, count: Int) throws -> Data {
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

    /// Standard input as mapped bytes: mapped in place when it is a regular file read from its start (`< log.jsonl`),
    /// else (a pipe) copied to a temporary file, removed from its folder before anything is written to it, and mapped.
    /// Either way its pages can be handed back as they are parsed, so a large log piped in is not held in memory;
    /// a piped log takes its size on the temporary folder's disk while it is read.
    ///
    /// - Throws: the `POSIXError` of the first call that fails.
    public static func mapStandardInput() throws -> Data {
        var status = stat()
        guard fstat(STDIN_FILENO, &status) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        if status.st_mode & S_IFMT == S_IFREG && lseek(STDIN_FILENO, 0, SEEK_CUR) == 0 {
            return try map(descriptor: STDIN_FILENO, count: Int(status.st_size))
        }
        var template = Array((NSTemporaryDirectory() + "/costgate-stdin-XXXXXX").utf8CString)
        let spool = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard spool >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(spool) }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var total = 0
        while true {
            let read = Self.readInput(buffer)
            if read == 0 { break }
            if read < 0 {
                if errno == EINTR { continue }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            var written = 0
            while written < read {
                let count = write(spool, buffer + written, read - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                written += count
            }
            total += read
        }
        return try map(descriptor: spool, count: total)
    }

    private static func readInput(_ buffer: UnsafeMutableRawPointer) -> Int {
        read(STDIN_FILENO, buffer, 1 << 20)
    }
}
