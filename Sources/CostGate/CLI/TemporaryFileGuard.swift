import Foundation

/// Removes a half-written report's temporary file when the process is interrupted (SIGINT, SIGTERM, SIGHUP),
/// then lets the signal end the process as it would have.
///
/// A signal handler may only call async-signal-safe functions, so the path is kept as a C string prepared
/// before the write starts, and the handler only unlinks it, restores the default action and re-raises.
enum TemporaryFileGuard {
    /// The temporary file being written, or nil; read by the signal handler.
    nonisolated(unsafe) private static var pending: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) private static var installed = false
    private static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Runs `write` with `path` registered for removal should a signal arrive before it returns.
    static func guarding<T>(_ path: String, _ write: () throws -> T) rethrows -> T {
        installHandlers()
        let copy = strdup(path)
        pending = copy
        defer {
            pending = nil
            free(copy)
        }
        return try write()
    }

    private static func installHandlers() {
        guard !installed else { return }
        installed = true
        // A process inherits its parent's blocked-signal mask (a test runner's worker thread, some CI agents):
        // a blocked signal would stay pending through the write and the temporary file would survive a kill
        // that arrives later, so the signals guarded here are unblocked on this thread, which then receives them.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for number in signals { sigaddset(&unblock, number) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for number in signals {
            signal(number) { received in
                if let path = TemporaryFileGuard.pending { unlink(path) }
                signal(received, SIG_DFL)
                raise(received)
            }
        }
    }
}
