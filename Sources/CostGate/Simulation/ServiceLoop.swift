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

    private var fleet: FleetLedger
    /// When the current batch ends; infinity when idle.
    private var batchEnd: [Double] = []
    private var batch: [[Int32]] = []
    /// Each replica's load at an autoscaling tick, reused from tick to tick (a year of 15-second ticks is two
    /// million of them).
    private var tickLoad: [Int] = []

    private var queue: [Int32] = []
    private var queueHead = 0
    private var finish: [Double]
    private var gpuSeconds: [Double]
    private var rejected = 0

    init(requests: [SimRequest], deployment: Deployment, options: ServingSimulator.Options) {
        self.requests = requests
        self.deployment = deployment
        self.options = options
        batchSize = deployment.service?.batchSize ?? 1
        finish = [Double](repeating: .nan, count: requests.count)
        gpuSeconds = [Double](repeating: 0, count: requests.count)
        fleet = FleetLedger(start: 0, replicas: deployment.replicas, autoscaleInterval: options.autoscaleInterval)
    }

    mutating func run() -> SimulationResult {
        let n = requests.count
        var order = (0..<Int32(n)).map { $0 }
        order.sort { requests[Int($0)].arrival != requests[Int($1)].arrival ? requests[Int($0)].arrival < requests[Int($1)].arrival : $0 < $1 }
        let start = n > 0 ? min(0, requests[Int(order[0])].arrival) : 0
        let autoscale: AutoscalePolicy? = { if case .autoscale(let p) = deployment.replicas { return p } else { return nil } }()
        fleet = FleetLedger(start: start, replicas: deployment.replicas, autoscaleInterval: options.autoscaleInterval)
        for _ in 0..<deployment.replicas.initial { addReplica(at: start, ready: true) }
        var nextArrival = 0
        var nextTick = autoscale != nil ? start + options.autoscaleInterval : Double.infinity
        var now = start
        while true {
            var tBatch = Double.infinity
            var batchReplica = -1
            var tReady = Double.infinity
            var readyReplica = -1
            for r in 0..<fleet.count {
                if batchEnd[r] < tBatch { tBatch = batchEnd[r]; batchReplica = r }
                if fleet.state[r] == .starting, fleet.readyAt[r] < tReady { tReady = fleet.readyAt[r]; readyReplica = r }
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
                if fleet.state[batchReplica] == .draining {
                    fleet.stop(batchReplica, at: now)
                } else {
                    dispatch(batchReplica, now: now)
                }
            } else if tReady <= tArrival, tReady <= tTick {
                now = tReady
                fleet.markReady(readyReplica)
                dispatch(readyReplica, now: now)
            } else if tArrival <= tTick {
                now = tArrival
                let q = order[nextArrival]
                nextArrival += 1
                if requests[Int(q)].serviceMs > 0 {
                    queue.append(q)
                    if let idle = (0..<fleet.count).first(where: { fleet.state[$0] == .ready && !batchEnd[$0].isFinite }) {
                        dispatch(idle, now: now)
                    }
                } else {
                    rejected += 1
                }
            } else {
                now = tTick
                nextTick += options.autoscaleInterval
                if let autoscale {
                    evaluate(autoscale, now: now)
                    if options.skipsQuietTicks, queueHead == queue.count, !batchEnd.contains(where: \.isFinite) {
                        nextTick = fleet.quietTicks(next: nextTick, until: tArrival, policy: autoscale)
                    }
                }
            }
        }
        let end = max(now, start)
        fleet.close(at: end)
        return result(start: start, end: end)
    }

    /// Starts a batch on idle replica `r` from the head of the queue.
    private mutating func dispatch(_ r: Int, now: Double) {
        guard fleet.state[r] == .ready, !batchEnd[r].isFinite, queueHead < queue.count else { return }
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
        fleet.recordBusy(r, seconds: duration, sequences: taken)
    }

    private mutating func addReplica(at now: Double, ready: Bool) {
        let (slot, isNew) = fleet.open(at: now, ready: ready)
        if isNew {
            batchEnd.append(.infinity)
            batch.append([])
        } else {
            batch[slot].removeAll(keepingCapacity: true)
            batchEnd[slot] = .infinity
        }
    }

    private mutating func evaluate(_ policy: AutoscalePolicy, now: Double) {
        let queued = queue.count - queueHead
        // A service's queue is the fleet's, not a replica's: only running requests count per replica.
        tickLoad.removeAll(keepingCapacity: true)
        for running in batch { tickLoad.append(policy.metric == .runningRequests ? running.count : 0) }
        switch fleet.evaluate(policy, now: now, busyUntil: batchEnd, load: tickLoad, queued: queued) {
        case .none: break
        case .add: addReplica(at: now, ready: false)
        case .drain:
            // Drain an idle replica if there is one, else the one with the smallest batch, keeping at least one
            // ready replica unless the policy scales to zero and nothing is in flight or queued.
            var ready = 0
            var victim = -1
            for r in 0..<fleet.count where fleet.state[r] == .ready {
                ready += 1
                if victim < 0 || batch[r].count < batch[victim].count { victim = r }
            }
            guard victim >= 0, ready > 1 || (policy.min == 0 && batch[victim].isEmpty && queued == 0) else { return }
            fleet.acted(at: now)
            if batch[victim].isEmpty {
                fleet.stop(victim, at: now)
            } else {
                fleet.markDraining(victim)
            }
        }
    }

    private func result(start: Double, end: Double) -> SimulationResult {
        var e2e = [Double](repeating: .nan, count: requests.count)
        for q in requests.indices where finish[q].isFinite {
            e2e[q] = (finish[q] - max(start, requests[q].arrival)) * 1000
        }
        let span = max(0, end - start)
        let stats = fleet.stats(span: span, gpusPerReplica: deployment.gpusPerReplica,
                                pricePerGPUHour: deployment.pricePerGPUHour)
        return SimulationResult(ttftMs: e2e, tpotMs: [Double](repeating: .nan, count: requests.count), e2eMs: e2e,
                                gpuSeconds: gpuSeconds, fleet: stats, span: span, rejected: rejected, preemptions: 0,
                                prefixCacheHitTokens: 0, outputTokens: 0)
    }
}
