/// The event loop behind `ServingSimulator.run` for a GPU service (`"kind": "service"`): a multi-server queue
/// with batching.
///
/// Requests join one first-come-first-served queue in front of the fleet. An idle ready replica takes up to
/// `batch_size` of them at once; the batch runs for the longest service time among them, then every member
/// finishes together. There is no batching delay: a replica never waits to fill a batch. The autoscaler
/// (every `autoscaleInterval` seconds) sees queued requests per ready replica (`queue_depth`), requests in
/// service per ready replica (`running_requests`) or the busy share of the last interval (`gpu_utilization`),
/// and adds replicas (ready after the cold start, billed from the decision) or drains them as
/// `SimulationLoop` does. A request without a service time (`serviceMs` 0) is rejected. Closed-loop options
/// are ignored: a service is always driven by arrivals.
struct ServiceLoop {
    private let requests: [SimRequest]
    private let deployment: Deployment
    private let options: ServingSimulator.Options
    private let batchSize: Int

    private enum ReplicaState: UInt8 { case starting, ready, draining, stopped }
    private var state: [ReplicaState] = []
    private var readyAt: [Double] = []
    private var billStart: [Double] = []
    /// When the current batch ends; infinity when idle.
    private var batchEnd: [Double] = []
    private var batch: [[Int32]] = []
    private var busyByReplica: [Double] = []
    private var busyAtTick: [Double] = []

    private var queue: [Int32] = []
    private var queueHead = 0
    private var finish: [Double]
    private var gpuSeconds: [Double]
    private var hold = AutoscaleHold()
    private var billedSeconds = 0.0
    private var busySeconds = 0.0
    private var busySequenceSeconds = 0.0
    private var timeline: [(t: Double, replicas: Int)] = []
    private var billedCount = 0
    private var replicasMax = 0
    private var rejected = 0

    init(requests: [SimRequest], deployment: Deployment, options: ServingSimulator.Options) {
        self.requests = requests
        self.deployment = deployment
        self.options = options
        batchSize = deployment.service?.batchSize ?? 1
        finish = [Double](repeating: .nan, count: requests.count)
        gpuSeconds = [Double](repeating: 0, count: requests.count)
    }

    mutating func run() -> SimulationResult {
        let n = requests.count
        var order = (0..<Int32(n)).map { $0 }
        order.sort { requests[Int($0)].arrival != requests[Int($1)].arrival ? requests[Int($0)].arrival < requests[Int($1)].arrival : $0 < $1 }
        let start = n > 0 ? min(0, requests[Int(order[0])].arrival) : 0
        let autoscale: AutoscalePolicy? = { if case .autoscale(let p) = deployment.replicas { return p } else { return nil } }()
        hold = AutoscaleHold(start: start)
        for _ in 0..<deployment.replicas.initial { addReplica(at: start, ready: true) }
        var nextArrival = 0
        var nextTick = autoscale != nil ? start + options.autoscaleInterval : Double.infinity
        var now = start
        while true {
            var tBatch = Double.infinity
            var batchReplica = -1
            var tReady = Double.infinity
            var readyReplica = -1
            for r in 0..<state.count {
                if batchEnd[r] < tBatch { tBatch = batchEnd[r]; batchReplica = r }
                if state[r] == .starting, readyAt[r] < tReady { tReady = readyAt[r]; readyReplica = r }
            }
            let tArrival = nextArrival < n ? max(start, requests[Int(order[nextArrival])].arrival) : Double.infinity
            if !tBatch.isFinite, !tArrival.isFinite, queueHead == queue.count { break }
            if !tBatch.isFinite, !tArrival.isFinite, !tReady.isFinite, autoscale == nil { break }
            let tTick = autoscale != nil ? nextTick : Double.infinity
            if tBatch <= tReady, tBatch <= tArrival, tBatch <= tTick {
                now = tBatch
                for q in batch[batchReplica] { finish[Int(q)] = now }
                batch[batchReplica].removeAll(keepingCapacity: true)
                batchEnd[batchReplica] = .infinity
                if state[batchReplica] == .draining {
                    stopReplica(batchReplica, at: now)
                } else {
                    dispatch(batchReplica, now: now)
                }
            } else if tReady <= tArrival, tReady <= tTick {
                now = tReady
                state[readyReplica] = .ready
                dispatch(readyReplica, now: now)
            } else if tArrival <= tTick {
                now = tArrival
                let q = order[nextArrival]
                nextArrival += 1
                if requests[Int(q)].serviceMs > 0 {
                    queue.append(q)
                    if let idle = (0..<state.count).first(where: { state[$0] == .ready && !batchEnd[$0].isFinite }) {
                        dispatch(idle, now: now)
                    }
                } else {
                    rejected += 1
                }
            } else {
                now = tTick
                nextTick += options.autoscaleInterval
                if let autoscale { evaluate(autoscale, now: now) }
            }
        }
        let end = max(now, start)
        for r in 0..<state.count where state[r] != .stopped { billedSeconds += end - billStart[r] }
        timeline.append((end, billedCount))
        return result(start: start, end: end)
    }

    /// Starts a batch on idle replica `r` from the head of the queue.
    private mutating func dispatch(_ r: Int, now: Double) {
        guard state[r] == .ready, !batchEnd[r].isFinite, queueHead < queue.count else { return }
        let taken = min(batchSize, queue.count - queueHead)
        var duration = 0.0
        for q in queue[queueHead..<queueHead + taken] {
            batch[r].append(q)
            duration = max(duration, requests[Int(q)].serviceMs / 1000)
        }
        queueHead += taken
        if queueHead > 4096, queueHead * 2 > queue.count {
            queue.removeFirst(queueHead)
            queueHead = 0
        }
        for q in batch[r] { gpuSeconds[Int(q)] = duration / Double(taken) }
        batchEnd[r] = now + duration
        busySeconds += duration
        busyByReplica[r] += duration
        busySequenceSeconds += duration * Double(taken)
    }

    private mutating func addReplica(at now: Double, ready: Bool) {
        let slot: Int
        if let stopped = state.firstIndex(of: .stopped) {
            slot = stopped
            batch[slot].removeAll(keepingCapacity: true)
            busyByReplica[slot] = 0
            busyAtTick[slot] = 0
        } else {
            slot = state.count
            state.append(.starting)
            readyAt.append(0)
            billStart.append(0)
            batchEnd.append(.infinity)
            batch.append([])
            busyByReplica.append(0)
            busyAtTick.append(0)
        }
        let coldStart: Double = { if case .autoscale(let p) = deployment.replicas { return p.coldStart } else { return 0 } }()
        state[slot] = ready ? .ready : .starting
        readyAt[slot] = ready ? now : now + coldStart
        billStart[slot] = now
        batchEnd[slot] = .infinity
        billedCount += 1
        replicasMax = max(replicasMax, billedCount)
        recordTimeline(now)
    }

    private mutating func stopReplica(_ r: Int, at now: Double) {
        state[r] = .stopped
        billedSeconds += now - billStart[r]
        billedCount -= 1
        recordTimeline(now)
    }

    private mutating func recordTimeline(_ now: Double) {
        if let last = timeline.last, last.t == now {
            timeline[timeline.count - 1].replicas = billedCount
        } else {
            timeline.append((now, billedCount))
        }
    }

    /// Busy seconds of replica `r` up to `now` (a batch still running counts only its part before `now`).
    private func busy(_ r: Int, upTo now: Double) -> Double {
        busyByReplica[r] - (batchEnd[r].isFinite ? max(0, batchEnd[r] - now) : 0)
    }

    private mutating func evaluate(_ policy: AutoscalePolicy, now: Double) {
        var active = 0
        var ready = 0
        var load = 0
        var utilization = 0.0
        for r in 0..<state.count {
            let busyNow = busy(r, upTo: now)
            switch state[r] {
            case .starting: active += 1
            case .ready:
                active += 1
                ready += 1
                if policy.metric == .runningRequests { load += batch[r].count }
                utilization += min(1, max(0, busyNow - busyAtTick[r]) / options.autoscaleInterval)
            case .draining, .stopped: break
            }
            busyAtTick[r] = busyNow
        }
        let queued = queue.count - queueHead
        if active == 0 {
            if queued > 0 || policy.min > 0 {
                addReplica(at: now, ready: false)
                hold.acted(at: now)
            }
            return
        }
        let value: Double
        switch policy.metric {
        case .queueDepth: value = Double(queued) / Double(max(ready, 1))
        case .runningRequests: value = Double(load) / Double(max(ready, 1))
        case .gpuUtilization: value = ready > 0 ? utilization / Double(ready) : 1
        }
        let decision = hold.decide(value, now: now, policy: policy)
        if decision == .up, active < policy.max {
            addReplica(at: now, ready: false)
            hold.acted(at: now)
        } else if decision == .down, active > policy.min {
            if let starting = state.lastIndex(of: .starting) {
                hold.acted(at: now)
                stopReplica(starting, at: now)
                return
            }
            // Drain an idle replica if there is one, else the one with the smallest batch.
            var victim = -1
            for r in 0..<state.count where state[r] == .ready {
                if victim < 0 || batch[r].count < batch[victim].count { victim = r }
            }
            guard victim >= 0, ready > 1 || (policy.min == 0 && batch[victim].isEmpty && queued == 0) else { return }
            hold.acted(at: now)
            if batch[victim].isEmpty {
                stopReplica(victim, at: now)
            } else {
                state[victim] = .draining
            }
        }
    }

    private func result(start: Double, end: Double) -> SimulationResult {
        var e2e = [Double](repeating: .nan, count: requests.count)
        for q in requests.indices where finish[q].isFinite {
            e2e[q] = (finish[q] - max(start, requests[q].arrival)) * 1000
        }
        let span = max(0, end - start)
        var weighted = 0.0
        for k in 0..<max(0, timeline.count - 1) {
            weighted += Double(timeline[k].replicas) * (timeline[k + 1].t - timeline[k].t)
        }
        let gpuHours = billedSeconds * Double(deployment.gpusPerReplica) / 3600
        let fleet = FleetStats(
            gpuHours: gpuHours,
            replicasMean: span > 0 ? weighted / span : Double(timeline.last?.replicas ?? 0),
            replicasMax: replicasMax,
            utilization: billedSeconds > 0 ? min(1, busySeconds / billedSeconds) : 0,
            meanBatchSize: busySeconds > 0 ? busySequenceSeconds / busySeconds : 0,
            cost: gpuHours * deployment.pricePerGPUHour,
            replicaTimeline: timeline)
        return SimulationResult(ttftMs: e2e, tpotMs: [Double](repeating: .nan, count: requests.count), e2eMs: e2e,
                                gpuSeconds: gpuSeconds, fleet: fleet, span: span, rejected: rejected, preemptions: 0,
                                prefixCacheHitTokens: 0, outputTokens: 0)
    }
}
