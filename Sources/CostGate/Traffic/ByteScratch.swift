/// Growable scratch space for strings with escapes (a decoded string is never longer than its source).
final class ByteScratch {
    private(set) var key = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
    private(set) var value = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
    private var keyCapacity = 256
    private var valueCapacity = 256

    func reserve(key count: Int) {
        guard count > keyCapacity else { return }
        key.deallocate()
        keyCapacity = count
        key = .allocate(capacity: count)
    }

    func reserve(value count: Int) {
        guard count > valueCapacity else { return }
        value.deallocate()
        valueCapacity = count
        value = .allocate(capacity: count)
    }

    deinit {
        key.deallocate()
        value.deallocate()
    }
}
