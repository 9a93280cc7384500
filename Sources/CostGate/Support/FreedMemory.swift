#if canImport(Glibc)
import Glibc
#endif

/// Hands memory the process has freed back to the system.
///
/// glibc's allocator keeps freed blocks for reuse, and it raises its threshold for mapping large blocks on their
/// own once a mapped block is freed, so the chunks a parallel read builds and then frees (1.4 GB for 10 million
/// records) stay resident after they are merged, while the large arrays allocated later are mapped anew and cannot
/// reuse them. `returnToSystem()` calls `malloc_trim(0)`, which releases the free pages of every arena. The
/// function is looked up at run time: elsewhere (another C library, another system) it is absent and this does
/// nothing. It changes no result, only the resident set.
enum FreedMemory {
    private typealias Trim = @convention(c) (Int) -> Int32

    /// `malloc_trim`, when the C library has one.
    private static let trim: Trim? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: Trim.self)
        #else
        return nil
        #endif
    }()

    /// Releases freed memory to the system.
    static func returnToSystem() {
        _ = trim?(0)
    }
}
