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

    /// Values seen since the last action, oldest first, with their times.
    private var history: [(t: Double, value: Double)] = []
    private var head = 0
    /// Since when values have been observed: the simulation's start, then the last action (each value
    /// covers the interval before it).
    private var since: Double
    private var lastAction = -Double.infinity

    /// A hold for a run that starts at `start`.
    init(start: Double = 0) { since = start }

    /// Records `value` at `now` and says whether to scale.
    mutating func decide(_ value: Double, now: Double, policy: AutoscalePolicy) -> Decision {
        history.append((now, value))
        let longest = max(policy.scaleUpFor, policy.scaleDownFor)
        while head < history.count, history[head].t <= now - longest, longest > 0 { head += 1 }
        if head > 1024, head * 2 > history.count {
            history.removeFirst(head)
            head = 0
        }
        guard now - lastAction >= policy.cooldown else { return .stay }
        if let mean = windowMean(policy.scaleUpFor, now: now, current: value), mean > policy.scaleUpAt { return .up }
        if let mean = windowMean(policy.scaleDownFor, now: now, current: value), mean < policy.scaleDownAt { return .down }
        return .stay
    }

    /// The mean of the values in the last `seconds` (the current value when 0); nil until a whole window has
    /// been observed since the last action.
    private func windowMean(_ seconds: Double, now: Double, current: Double) -> Double? {
        guard seconds > 0 else { return current }
        guard now - since >= seconds else { return nil }
        var sum = 0.0
        var count = 0
        for index in stride(from: history.count - 1, through: head, by: -1) {
            guard history[index].t > now - seconds else { break }
            sum += history[index].value
            count += 1
        }
        return count > 0 ? sum / Double(count) : nil
    }

    /// Notes a scaling action at `now`: the cooldown and both windows start again.
    mutating func acted(at now: Double) {
        lastAction = now
        since = now
        history.removeAll(keepingCapacity: true)
        head = 0
    }
}
