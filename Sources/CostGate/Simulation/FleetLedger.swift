/// The replicas of a simulated fleet and their bill, shared by `SimulationLoop` and `ServiceLoop`.
///
/// It keeps each replica's state (starting, ready, draining, stopped), when it becomes ready and since when it
/// is billed, the billed replica-seconds and the replica-count timeline, the busy time the autoscaler samples,
/// and the autoscaler's memory. A loop keeps its own per-replica work (queues, batches, KV blocks) in arrays
/// indexed by the same slots: `open` says whether a slot is new or a stopped one reused, so the loop appends or
/// resets its own.
struct FleetLedger {
    enum ReplicaState: UInt8 { case starting, ready, draining, stopped }

    /// What an autoscaler evaluation asks the loop to do.
    enum Action: Equatable {
        case none
        /// Open a replica (ready after the cold start); the decision is already recorded.
        case add
        /// Drain a ready replica of the loop's choosing, if the loop's rule allows; call `acted` when it does.
        case drain
    }

    private(set) var state: [ReplicaState] = []
    private(set) var readyAt: [Double] = []
    private var billStart: [Double] = []
    private var busyByReplica: [Double] = []
    private var busyAtTick: [Double] = []
    private var busySeconds = 0.0
    private var busySequenceSeconds = 0.0
    private var billedSeconds = 0.0
    private var timeline: [(t: Double, replicas: Int)] = []
    private var billedCount = 0
    private var replicasMax = 0
    private var hold: AutoscaleHold
    /// Whether the last evaluation left the fleet and the autoscaler's decision as they were, with nothing starting
    /// or draining (`quietTicks`).
    private var lastEvaluationWasIdle = false
    private var evaluations = 0
    private let coldStart: Double
    private let interval: Double

    /// A fleet whose run starts at `start`; replicas opened by an autoscaling policy are ready its cold start
    /// later, and the autoscaler evaluates every `autoscaleInterval` seconds.
    init(start: Double, replicas: ReplicaPolicy, autoscaleInterval: Double) {
        hold = AutoscaleHold(start: start)
        if case .autoscale(let policy) = replicas { coldStart = policy.coldStart } else { coldStart = 0 }
        interval = autoscaleInterval
    }

    var count: Int { state.count }

    /// Opens a replica, in the first stopped slot if there is one, billed from `now`.
    /// - Returns: the slot, and whether it is new (the loop appends its own per-replica state) rather than reused.
    mutating func open(at now: Double, ready: Bool) -> (slot: Int, isNew: Bool) {
        let slot: Int
        let isNew: Bool
        if let stopped = state.firstIndex(of: .stopped) {
            slot = stopped
            isNew = false
            busyByReplica[slot] = 0
            busyAtTick[slot] = 0
        } else {
            slot = state.count
            isNew = true
            state.append(.starting)
            readyAt.append(0)
            billStart.append(0)
            busyByReplica.append(0)
            busyAtTick.append(0)
        }
        state[slot] = ready ? .ready : .starting
        readyAt[slot] = ready ? now : now + coldStart
        billStart[slot] = now
        billedCount += 1
        replicasMax = max(replicasMax, billedCount)
        recordTimeline(now)
        return (slot, isNew)
    }

    mutating func markReady(_ r: Int) { state[r] = .ready }

    mutating func markDraining(_ r: Int) { state[r] = .draining }

    /// Stops billing replica `r` at `now`.
    mutating func stop(_ r: Int, at now: Double) {
        state[r] = .stopped
        billedSeconds += now - billStart[r]
        billedCount -= 1
        recordTimeline(now)
    }

    /// Replica `r` runs a step (or batch) of `seconds` over `sequences` requests.
    mutating func recordBusy(_ r: Int, seconds: Double, sequences: Int) {
        busySeconds += seconds
        busyByReplica[r] += seconds
        busySequenceSeconds += seconds * Double(sequences)
    }

    /// One autoscaler evaluation at `now`. `busyUntil[r]` is when replica r's current step or batch ends
    /// (infinity when idle): only its part before `now` counts as busy. `load[r]` is what a ready replica adds
    /// to the metric (queued or running requests; unused for `gpu_utilization`), `queued` the requests waiting
    /// for any replica, counted in `queue_depth`.
    mutating func evaluate(_ policy: AutoscalePolicy, now: Double, busyUntil: [Double], load: [Int], queued: Int) -> Action {
        lastEvaluationWasIdle = false
        evaluations += 1
        var active = 0
        var ready = 0
        var total = 0
        var busy = 0.0
        for r in state.indices {
            let busyNow = busyByReplica[r] - (busyUntil[r].isFinite ? max(0, busyUntil[r] - now) : 0)
            switch state[r] {
            case .starting: active += 1
            case .ready:
                active += 1
                ready += 1
                switch policy.metric {
                case .queueDepth, .runningRequests: total += load[r]
                case .gpuUtilization: busy += min(1, max(0, busyNow - busyAtTick[r]) / interval)
                }
            case .draining, .stopped: break
            }
            busyAtTick[r] = busyNow
        }
        if active == 0 {
            guard queued > 0 || policy.min > 0 else {
                lastEvaluationWasIdle = isSteady
                return .none
            }
            hold.acted(at: now)
            return .add
        }
        let value = policy.metric == .gpuUtilization
            ? (ready > 0 ? busy / Double(ready) : 1)
            : Double(total + (policy.metric == .queueDepth ? queued : 0)) / Double(max(ready, 1))
        let decision = hold.decide(value, now: now, policy: policy)
        if decision == .up, active < policy.max {
            hold.acted(at: now)
            return .add
        }
        guard decision == .down, active > policy.min else {
            lastEvaluationWasIdle = hold.isSettledAtZero(now: now, policy: policy) && isSteady
            return .none
        }
        // Cancel a pending cold start first.
        if let starting = state.lastIndex(of: .starting) {
            hold.acted(at: now)
            stop(starting, at: now)
            return .none
        }
        return .drain
    }

    /// The first autoscaler tick a loop must still evaluate, when the evaluation just made at `now` left a quiet
    /// fleet as it was: the loop has nothing running, queued or waiting, and `next` (the tick after `now`) comes
    /// before `until`, its next arrival. Until then every tick sees the value 0 and changes nothing, so the loop
    /// may skip them; it still evaluates the last ticks that cover the autoscaler's longest window, which
    /// leaves the autoscaler's memory as if it had seen every one. Tick times are added up one interval at a
    /// time, as the loop does, so the ticks evaluated are the very same. Without this, a year of 15-second
    /// ticks between sparse requests took 0.2 s in a release build and a minute under AddressSanitizer.
    func quietTicks(next: Double, until: Double, policy: AutoscalePolicy) -> Double {
        guard lastEvaluationWasIdle, interval > 0, until.isFinite, next < until else { return next }
        // With no replica left (a policy that scales to zero), an evaluation reads nothing from the hold.
        let keep = state.contains(.ready) ? Int((max(policy.scaleUpFor, policy.scaleDownFor) / interval).rounded(.up)) + 2 : 0
        // The ticks kept are evaluated one by one, each asking again: a cheap estimate answers those, or counting the
        // ticks each time would cost the square of a window's ticks (a one-day window has 5,760).
        guard (until - next) / interval > Double(keep + 4) else { return next }
        var ticks = 0
        var t = next
        while t < until {
            t += interval
            ticks += 1
        }
        guard ticks > keep else { return next }
        t = next
        for _ in 0..<(ticks - keep) { t += interval }
        return t
    }

    /// Whether no replica is starting or draining.
    private var isSteady: Bool { !state.contains(.starting) && !state.contains(.draining) }

    /// The loop acted on `.drain`.
    mutating func acted(at now: Double) { hold.acted(at: now) }

    /// Bills every replica still running up to `end`, the end of the run.
    mutating func close(at end: Double) {
        for r in state.indices where state[r] != .stopped {
            billedSeconds += end - billStart[r]
        }
        timeline.append((end, billedCount))
    }

    /// The fleet's figures over a run of `span` seconds (after `close`).
    func stats(span: Double, gpusPerReplica: Int, pricePerGPUHour: Double) -> FleetStats {
        var weighted = 0.0
        for k in 0..<max(0, timeline.count - 1) {
            weighted += Double(timeline[k].replicas) * (timeline[k + 1].t - timeline[k].t)
        }
        let gpuHours = billedSeconds * Double(gpusPerReplica) / 3600
        return FleetStats(
            gpuHours: gpuHours,
            replicasMean: span > 0 ? weighted / span : Double(timeline.last?.replicas ?? 0),
            replicasMax: replicasMax,
            utilization: billedSeconds > 0 ? min(1, busySeconds / billedSeconds) : 0,
            meanBatchSize: busySeconds > 0 ? busySequenceSeconds / busySeconds : 0,
            cost: gpuHours * pricePerGPUHour,
            replicaTimeline: timeline, evaluations: evaluations)
    }

    private mutating func recordTimeline(_ now: Double) {
        if let last = timeline.last, last.t == now {
            timeline[timeline.count - 1].replicas = billedCount
        } else {
            timeline.append((now, billedCount))
        }
    }
}
