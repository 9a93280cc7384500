import Synchronization

/// The minutes of one sample's timestamps, found by the first side that needs them and then read by the others (the
/// sides of a check forecast in parallel, and each needs them when its window is the timestamps' span).
final class SharedRecordedWindow: Sendable {
    private let found = Mutex<RecordedWindow?>(nil)

    init() {}

    /// The minutes of `traffic`'s timestamps: the sample this memo was made for, read whole.
    func window(of traffic: Traffic) -> RecordedWindow {
        found.withLock { found in
            if let found { return found }
            let window = RecordedWindow(traffic)
            found = window
            return window
        }
    }
}
