/// The autoscaler's memory between evaluations: the metric's recent values and when it last acted.
///
/// Without hold times, a replica is added when the metric is above `scaleUpAt` and removed when it is below
/// `scaleDownAt` (once `cooldown` has passed since the last action). With `scaleUpFor` (or `scaleDownFor`), the
/// rule looks at the metric's mean over that many seconds instead, as a cloud alarm on a window average does
/// ("above 70% for 5 minutes"), and only once a whole window has been observed since the last action, so one
/// burst does not add a replica and the load a new replica takes is seen before the next decision.
struct AutoscaleHold {
    /// What one evaluation decides.
    enum Decision { case up, down, stay }

    /// A window over the values since the last action: where it starts in `history`, and the running sum of the
    /// values from there on. The sum is double-double, so adding each value once and taking it away once keeps
    /// it at the exact sum to well below a double's precision; each evaluation is O(1), where summing the window
    /// again cost O(window) and a year of 15-second ticks under a one-day window took minutes.
    private struct Window {
        var head = 0
        var sum = PreciseSum()
    }

    /// Values seen since the last action, oldest first, with their times.
    private var history: [(t: Double, value: Double)] = []
    /// How many of the newest values in `history` are 0 in a row.
    private var zeroRun = 0
    private var up = Window()
    private var down = Window()
    /// Since when values have been observed: the simulation's start, then the last action (each value
    /// covers the interval before it).
    private var since: Double
    private var lastAction = -Double.infinity

    /// A hold for a run that starts at `start`.
    init(start: Double = 0) { since = start }

    /// Records `value` at `now` and says whether to scale.
    mutating func decide(_ value: Double, now: Double, policy: AutoscalePolicy) -> Decision {
        history.append((now, value))
        zeroRun = value == 0 ? zeroRun + 1 : 0
        advance(&up, by: value, seconds: policy.scaleUpFor, now: now)
        advance(&down, by: value, seconds: policy.scaleDownFor, now: now)
        let oldest = min(up.head, down.head)
        if oldest > 1024, oldest * 2 > history.count {
            history.removeFirst(oldest)
            up.head -= oldest
            down.head -= oldest
        }
        guard now - lastAction >= policy.cooldown else { return .stay }
        if let mean = mean(up, seconds: policy.scaleUpFor, now: now, current: value), mean > policy.scaleUpAt { return .up }
        if let mean = mean(down, seconds: policy.scaleDownFor, now: now, current: value), mean < policy.scaleDownAt { return .down }
        return .stay
    }

    /// Adds the newest value to `window` and drops the values older than `seconds` before `now` from it. A window
    /// that holds only zeros sums to exactly 0: adding and taking away other values may leave a remainder far below
    /// a double's precision, which would make an idle fleet's mean a tiny nonzero number.
    private func advance(_ window: inout Window, by value: Double, seconds: Double, now: Double) {
        window.sum.add(value)
        while window.head < history.count, history[window.head].t <= now - seconds {
            window.sum.add(-history[window.head].value)
            window.head += 1
        }
        if history.count - window.head <= zeroRun { window.sum = PreciseSum() }
    }

    /// Whether every later evaluation that sees the value 0 decides as the last one did: the cooldown has passed,
    /// each window has been observed whole, and each holds only zeros (so its mean is 0, whatever its length).
    /// Only the values of the longer window's last seconds matter from then on.
    func isSettledAtZero(now: Double, policy: AutoscalePolicy) -> Bool {
        guard zeroRun > 0, now - lastAction >= policy.cooldown else { return false }
        return holdsOnlyZeros(up, seconds: policy.scaleUpFor, now: now) && holdsOnlyZeros(down, seconds: policy.scaleDownFor, now: now)
    }

    /// Whether `window`, of `seconds`, has been observed whole and holds only zeros (any window of 0 seconds reads the
    /// current value alone).
    private func holdsOnlyZeros(_ window: Window, seconds: Double, now: Double) -> Bool {
        seconds <= 0 || (now - since >= seconds && history.count - window.head <= zeroRun)
    }

    /// The mean of the values in the last `seconds` (the current value when 0); nil until a whole window has
    /// been observed since the last action.
    private func mean(_ window: Window, seconds: Double, now: Double, current: Double) -> Double? {
        guard seconds > 0 else { return current }
        guard now - since >= seconds else { return nil }
        let count = history.count - window.head
        return count > 0 ? window.sum.value / Double(count) : nil
    }

    /// Notes a scaling action at `now`: the cooldown and both windows start again.
    mutating func acted(at now: Double) {
        lastAction = now
        since = now
        history.removeAll(keepingCapacity: true)
        zeroRun = 0
        up = Window()
        down = Window()
    }
}
