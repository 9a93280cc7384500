import Foundation

/// Collects one stream's output.
final class Buffer: @unchecked Sendable {
    private var storage = ""
    private let lock = NSLock()
    func append(_ text: String) { lock.lock(); storage += text; lock.unlock() }
    var text: String { lock.lock(); defer { lock.unlock() }; return storage }
}
