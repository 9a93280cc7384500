/// The state and event loop behind `ServingSimulator.run`; per-request and per-replica state live in flat
/// arrays so that a step touches only contiguous memory.
struct SimulationLoop {
    private let requests: [SimRequest]
    private let deployment: Deployment
    private let options: ServingSimulator.Options
    private let stepModel: StepTimeModel
    private let frontEnd: EngineProfile.FrontEnd
    private let blockSize: Int
    private let totalBlocks: Int
    private let capacityTokens: Int
    private let maxSeqs: Int
    private let maxBatched: Int
    private let prefixCaching: Bool
    private let schedulerSteps: Int

    /// One request's scheduling state, kept together so a step touches one cache line per request.
    private struct RequestState {
        /// Tokens that must be computed before decoding (the prompt, or prompt + output after a preemption).
        var target: Int32
        /// Tokens whose KV is in the cache.
        var computed: Int32 = 0
        /// Output tokens produced.
        var generated: Int32 = 0
        /// KV blocks held.
        var blocks: Int32 = 0
        /// Tokens computed in the current step.
        var stepTokens: Int32 = 0
        /// Output tokens to produce.
        var outputLimit: Int32
        /// Whether the prompt's blocks were offered to the prefix cache.
        var cachedOnce = false
        var firstToken = Double.nan
        var finish = Double.nan
        var gpuSeconds = 0.0
    }

    // Per request.
    private var arrival: [Double]
    private var reqs: [RequestState]

    // Per replica, in the fleet ledger's slots.
    private var fleet: FleetLedger
    private var stepEnd: [Double] = []
    private var freeBlocks: [Int] = []
    private var running: [[Int32]] = []
    private var waiting: [[Int32]] = []
    private var waitHead: [Int] = []
    private var resume: [[Int32]] = []
    private var outstanding: [Int] = []
    private var caches: [PrefixCache] = []
    /// The requests in a replica's current step are `running[r][scheduledLo[r]..<scheduledHi[r]]`.
    private var scheduledLo: [Int] = []
    private var scheduledHi: [Int] = []
    private var stepSecondsPerToken: [Double] = []
    private var blockPos: [Int] = []
    private var steady: [SteadyDecode] = []
    private var watch: ObjectiveWatch
    /// Scratch list reused by `finishStep`.
    private var events: [Int32] = []

    // Fleet.
    private var pending: [Int32] = []
    private var pendingHead = 0
    private var preemptions = 0
    private var hitTokens = 0
    private var rejected = 0
    private var outputTokens = 0

    // Closed loop.
    private var issueQueue: [(t: Double, request: Int32)] = []
    private var issueHead = 0
    private var nextToIssue = 0

    init(requests: [SimRequest], deployment: Deployment, options: ServingSimulator.Options) {
        self.requests = requests
        self.deployment = deployment
        self.options = options
        stepModel = Self.stepModel(deployment: deployment, options: options)
        frontEnd = Self.frontEnd(deployment: deployment, options: options)
        blockSize = max(1, deployment.engine.blockSize)
        capacityTokens = max(0, deployment.kvCapacityTokens)
        totalBlocks = capacityTokens / blockSize
        maxSeqs = deployment.engine.maxNumSeqs
        maxBatched = deployment.engine.maxNumBatchedTokens
        prefixCaching = deployment.engine.prefixCaching
        schedulerSteps = max(1, deployment.engine.numSchedulerSteps)
        arrival = requests.map(\.arrival)
        watch = ObjectiveWatch(options.stopWhenFailing, requests: requests)
        fleet = FleetLedger(start: 0, replicas: deployment.replicas, autoscaleInterval: options.autoscaleInterval)
        reqs = requests.map {
            RequestState(target: Int32(clamping: $0.inputTokens), outputLimit: Int32(clamping: $0.outputTokens))
        }
    }

    /// The step times a run uses: the options' coefficients, else the deployment's calibration, else its
    /// engine profile's.
    static func stepModel(deployment: Deployment, options: ServingSimulator.Options) -> StepTimeModel {
        StepTimeModel(deployment: deployment,
                      coefficients: options.coefficients ?? deployment.calibration?.stepTime
                          ?? deployment.engine.profile.stepTime)
    }

    /// The front-end time a run adds, chosen as `stepModel` is.
    static func frontEnd(deployment: Deployment, options: ServingSimulator.Options) -> EngineProfile.FrontEnd {
        options.frontEnd ?? deployment.calibration?.frontEnd ?? deployment.engine.profile.frontEnd
    }

    mutating func run() -> SimulationResult {
        let n = requests.count
        var order: [Int32] = []
        let closed = options.concurrency.map { max(1, $0) }
        let start: Double
        if closed == nil {
            order = (0..<Int32(n)).map { $0 }
            let times = arrival
            order.sort { times[Int($0)] != times[Int($1)] ? times[Int($0)] < times[Int($1)] : $0 < $1 }
            start = n > 0 ? min(0, times[Int(order[0])]) : 0
        } else {
            start = 0
            // Clients start at reproducible pseudo-random phases over the ramp-up, as jitter spreads them.
            let clients = min(closed!, n)
            var rng = SplitMix64(seed: 0x5EED)
            let starts = (0..<clients).map { k in
                k == 0 ? 0 : options.closedLoopRampUp * Double(rng.next() >> 11) * 0x1p-53
            }.sorted()
            for t in starts { issue(at: t) }
        }
        let autoscale: AutoscalePolicy? = { if case .autoscale(let p) = deployment.replicas { return p } else { return nil } }()
        fleet = FleetLedger(start: start, replicas: deployment.replicas, autoscaleInterval: options.autoscaleInterval)
        for _ in 0..<deployment.replicas.initial { addReplica(at: start, ready: true) }
        var nextArrival = 0
        var nextTick = autoscale != nil ? start + options.autoscaleInterval : Double.infinity
        var now = start

        while !watch.failed {
            // The earliest event: a step end, a replica becoming ready, an arrival, an autoscaler tick.
            var stepReplica = -1
            var tStep = Double.infinity
            var tReady = Double.infinity
            var readyReplica = -1
            for r in 0..<stepEnd.count {
                if stepEnd[r] < tStep { tStep = stepEnd[r]; stepReplica = r }
                if fleet.state[r] == .starting, fleet.readyAt[r] < tReady { tReady = fleet.readyAt[r]; readyReplica = r }
            }
            var tArrival = Double.infinity
            if closed == nil {
                if nextArrival < n { tArrival = max(start, arrival[Int(order[nextArrival])]) }
            } else if issueHead < issueQueue.count {
                tArrival = issueQueue[issueHead].t
            }
            let workLeft = tStep.isFinite || tArrival.isFinite || pendingHead < pending.count
            if !workLeft { break }
            let tTick = autoscale != nil ? nextTick : .infinity

            if tStep <= tReady, tStep <= tArrival, tStep <= tTick {
                now = tStep
                finishStep(stepReplica, now: now)
                if steady[stepReplica].active, !watch.failed {
                    // Every other event this loop would weigh against the replica's next step end (a finished
                    // request of a closed loop may have issued another); the other replicas' step ends are read
                    // only when the rest leave room.
                    var horizon = min(tReady, tTick)
                    if closed == nil { horizon = min(horizon, tArrival) }
                    else if issueHead < issueQueue.count { horizon = min(horizon, issueQueue[issueHead].t) }
                    let next = stepEnd[stepReplica]
                    var s = 0
                    while next < horizon, s < stepEnd.count {
                        if s != stepReplica { horizon = min(horizon, stepEnd[s]) }
                        s += 1
                    }
                    if next < horizon { now = runSteadySteps(stepReplica, before: horizon, now: now) }
                }
            } else if tReady <= tArrival, tReady <= tTick {
                now = tReady
                fleet.markReady(readyReplica)
                while pendingHead < pending.count {
                    let q = pending[pendingHead]
                    pendingHead += 1
                    route(q, now: now)
                }
            } else if tArrival <= tTick {
                now = tArrival
                let q: Int32
                if closed == nil {
                    q = order[nextArrival]
                    nextArrival += 1
                } else {
                    q = issueQueue[issueHead].request
                    issueHead += 1
                }
                arrival[Int(q)] = now
                route(q, now: now)
            } else {
                now = tTick
                nextTick += options.autoscaleInterval
                if let autoscale {
                    evaluate(autoscale, now: now)
                    if options.skipsQuietTicks, isQuiet {
                        nextTick = fleet.quietTicks(next: nextTick, until: tArrival, policy: autoscale)
                    }
                }
            }
        }

        let end = max(now, start)
        fleet.close(at: end)
        return result(start: start, end: end)
    }

    // MARK: Fleet

    private mutating func addReplica(at now: Double, ready: Bool) {
        let (slot, isNew) = fleet.open(at: now, ready: ready)
        if isNew {
            stepEnd.append(.infinity)
            freeBlocks.append(totalBlocks)
            running.append([])
            waiting.append([])
            waitHead.append(0)
            resume.append([])
            outstanding.append(0)
            caches.append(PrefixCache(capacityTokens: capacityTokens))
            scheduledLo.append(0)
            scheduledHi.append(0)
            blockPos.append(0)
            stepSecondsPerToken.append(0)
            steady.append(SteadyDecode(blockSize: blockSize))
        } else {
            freeBlocks[slot] = totalBlocks
            running[slot].removeAll(keepingCapacity: true)
            waiting[slot].removeAll(keepingCapacity: true)
            waitHead[slot] = 0
            resume[slot].removeAll(keepingCapacity: true)
            outstanding[slot] = 0
            caches[slot] = PrefixCache(capacityTokens: capacityTokens)
            stepEnd[slot] = .infinity
            blockPos[slot] = 0
            steady[slot] = SteadyDecode(blockSize: blockSize)
        }
    }

    /// Whether no replica has a request running, waiting or to resume, and none waits for a replica.
    private var isQuiet: Bool {
        pendingHead == pending.count && !stepEnd.contains(where: \.isFinite) && !outstanding.contains(where: { $0 != 0 })
            && running.allSatisfy(\.isEmpty) && resume.allSatisfy(\.isEmpty) && waiting.indices.allSatisfy { waiting[$0].count == waitHead[$0] }
    }

    private mutating func evaluate(_ policy: AutoscalePolicy, now: Double) {
        let load = fleet.state.indices.map { r in
            policy.metric == .runningRequests ? running[r].count : waiting[r].count - waitHead[r] + resume[r].count
        }
        switch fleet.evaluate(policy, now: now, busyUntil: stepEnd, load: load, queued: pending.count - pendingHead) {
        case .none: break
        case .add: addReplica(at: now, ready: false)
        case .drain:
            // Drain the least loaded ready replica, keeping at least one ready replica unless the policy scales
            // to zero and nothing is in flight.
            var ready = 0
            var victim = -1
            for r in fleet.state.indices where fleet.state[r] == .ready {
                ready += 1
                if victim < 0 || outstanding[r] <= outstanding[victim] { victim = r }
            }
            guard victim >= 0, ready > 1 || (policy.min == 0 && outstanding[victim] == 0) else { return }
            fleet.markDraining(victim)
            fleet.acted(at: now)
            if outstanding[victim] == 0 { fleet.stop(victim, at: now) }
        }
    }

    private mutating func route(_ q: Int32, now: Double) {
        let request = requests[Int(q)]
        if request.inputTokens + request.outputTokens > totalBlocks * blockSize {
            rejected += 1
            if options.concurrency != nil { issue(at: now) }
            return
        }
        var best = -1
        for r in fleet.state.indices where fleet.state[r] == .ready {
            if best < 0 || outstanding[r] < outstanding[best] { best = r }
        }
        guard best >= 0 else {
            pending.append(q)
            return
        }
        outstanding[best] += 1
        waiting[best].append(q)
        if stepEnd[best] == .infinity { startStep(best, now: now) }
    }

    private mutating func issue(at now: Double) {
        guard nextToIssue < requests.count else { return }
        // Completions come in time order, but staggered first sends may still be ahead of them.
        var position = issueQueue.count
        while position > issueHead, issueQueue[position - 1].t > now { position -= 1 }
        issueQueue.insert((now, Int32(nextToIssue)), at: position)
        nextToIssue += 1
    }

    // MARK: Steps

    private func blocksFor(_ tokens: Int32) -> Int32 {
        (tokens + Int32(blockSize) - 1) / Int32(blockSize)
    }

    private mutating func preempt(_ r: Int) -> Int32 {
        let victim = running[r].removeLast()
        let v = Int(victim)
        freeBlocks[r] += Int(reqs[v].blocks)
        reqs[v].blocks = 0
        reqs[v].computed = 0
        reqs[v].target = Int32(clamping: requests[v].inputTokens) + reqs[v].generated
        resume[r].insert(victim, at: 0)
        preemptions += 1
        return victim
    }

    private mutating func prefixHit(_ r: Int, _ q: Int) -> Int32 {
        let request = requests[q]
        var hit = 0
        if request.prefixKey >= 0, request.prefixTokens > 0 {
            if caches[r].touch(Self.prefixCacheKey(request.prefixKey)) { hit = request.prefixTokens }
        }
        if !request.hashes.isEmpty {
            var blocksHit = 0
            for hash in request.hashes {
                if caches[r].touch(hash) { blocksHit += 1 } else { break }
            }
            hit = max(hit, blocksHit * ServingSimulator.hashBlockTokens)
        }
        hit = min(hit, Int(reqs[q].target) - 1)
        hit = hit / blockSize * blockSize
        return Int32(max(0, hit))
    }

    private static func prefixCacheKey(_ key: Int64) -> Int64 {
        (key &* -7_046_029_254_386_353_131) | Int64.min
    }

    /// What one step computes, accumulated while scheduling it.
    private struct StepLoad {
        var budget: Int32
        var tokens = 0
        var context = 0.0
        var pairs = 0.0
        var preempted = false
        var sequences = 0

        @inline(__always)
        mutating func add(computed: Int32, new n: Int32) {
            sequences += 1
            budget -= n
            tokens += Int(n)
            let c = Double(computed)
            context += c + Double(n)
            pairs += Double(n) * (c + Double(n) / 2)
        }
    }

    /// Schedules the running requests: one decode token each, or their next prefill chunk, preempting the
    /// most recently admitted request while KV blocks run out.
    private mutating func scheduleRunning(_ r: Int, _ load: inout StepLoad) {
        var i = 0
        let bs = Int32(blockSize)
        while true {
            // Fast path over contiguous memory until a request needs more blocks than are free.
            var free = freeBlocks[r]
            var needsPreemption = false
            do {
                let run = running[r]
                reqs.withUnsafeMutableBufferPointer { state in
                    while i < run.count, load.budget > 0 {
                        let q = Int(run[i])
                        let c = state[q].computed
                        let remaining = state[q].target - c
                        let n = remaining > 0 ? min(remaining, load.budget) : 1
                        let need = (c + n + bs - 1) / bs - state[q].blocks
                        if need > 0 {
                            if Int(need) > free { needsPreemption = true; return }
                            state[q].blocks += need
                            free -= Int(need)
                        }
                        state[q].stepTokens = n
                        load.add(computed: c, new: n)
                        i += 1
                    }
                }
            }
            freeBlocks[r] = free
            guard needsPreemption else { return }
            // Preempt the most recently admitted requests until request i fits (or is itself preempted).
            let q = Int(running[r][i])
            let c = reqs[q].computed
            let remaining = reqs[q].target - c
            let n = remaining > 0 ? min(remaining, load.budget) : 1
            let need = blocksFor(c + n) - reqs[q].blocks
            while Int(need) > freeBlocks[r] {
                load.preempted = true
                if preempt(r) == Int32(q) { return }
            }
            reqs[q].blocks += need
            freeBlocks[r] -= Int(need)
            reqs[q].stepTokens = n
            load.add(computed: c, new: n)
            i += 1
        }
    }

    /// Admits waiting requests (preempted ones first) while the batch, the token budget and the KV cache allow.
    private mutating func scheduleWaiting(_ r: Int, _ load: inout StepLoad) {
        while running[r].count < maxSeqs, load.budget > 0 {
            let fromResume = !resume[r].isEmpty
            let q: Int
            if fromResume {
                q = Int(resume[r][0])
            } else if waitHead[r] < waiting[r].count {
                q = Int(waiting[r][waitHead[r]])
            } else {
                break
            }
            if reqs[q].computed == 0, prefixCaching { reqs[q].computed = prefixHit(r, q) }
            let n = min(reqs[q].target - reqs[q].computed, load.budget)
            let need = blocksFor(reqs[q].computed + n) - reqs[q].blocks
            if Int(need) > freeBlocks[r] { break }
            hitTokens += Int(reqs[q].computed)
            if fromResume { resume[r].removeFirst() } else { waitHead[r] += 1 }
            reqs[q].blocks += need
            freeBlocks[r] -= Int(need)
            running[r].append(Int32(q))
            reqs[q].stepTokens = n
            load.add(computed: reqs[q].computed, new: n)
        }
        if waitHead[r] > 4096, waitHead[r] * 2 > waiting[r].count {
            waiting[r].removeFirst(waitHead[r])
            waitHead[r] = 0
        }
    }

    private func hasWaiting(_ r: Int) -> Bool { !resume[r].isEmpty || waitHead[r] < waiting[r].count }

    private mutating func startStep(_ r: Int, now: Double) {
        if steady[r].active || (options.aggregatesDecode && enterSteadyDecode(r)) {
            if startSteadyStep(r, now: now) { return }
            leaveSteadyDecode(r)
        }
        var load = StepLoad(budget: Int32(maxBatched))
        var lo = 0
        if schedulerSteps > 1 {
            // vLLM v0 multi-step: prefill-only steps between blocks of decode steps.
            if blockPos[r] == 0, hasWaiting(r), running[r].count < maxSeqs {
                lo = running[r].count
                scheduleWaiting(r, &load)
            }
            if load.sequences == 0 {
                lo = 0
                scheduleRunning(r, &load)
                if load.preempted, load.sequences == 0 { scheduleWaiting(r, &load) }
                blockPos[r] = (blockPos[r] + 1) % schedulerSteps
            }
        } else {
            // Running requests first; admitted ones are appended right after those scheduled, because the
            // running phase stops early only when the budget is spent or everything after it was preempted.
            scheduleRunning(r, &load)
            if !load.preempted || load.sequences == 0 { scheduleWaiting(r, &load) }
        }
        scheduledLo[r] = lo
        scheduledHi[r] = lo + load.sequences
        // Cached prompt blocks occupy free KV blocks: running requests' allocations evict them (LRU).
        if prefixCaching { caches[r].shrink(toTokens: freeBlocks[r] * blockSize) }
        guard load.sequences > 0 else {
            stepEnd[r] = .infinity
            blockPos[r] = 0
            return
        }
        let duration = stepModel.stepTime(tokens: load.tokens, sequences: load.sequences, contextTokens: load.context,
                                          attentionPairs: load.pairs)
        beginStep(r, now: now, duration: duration, tokens: load.tokens, sequences: load.sequences)
    }

    private mutating func beginStep(_ r: Int, now: Double, duration: Double, tokens: Int, sequences: Int) {
        stepEnd[r] = now + duration
        stepSecondsPerToken[r] = duration / Double(tokens)
        fleet.recordBusy(r, seconds: duration, sequences: sequences)
    }

    // MARK: Steady decode

    /// Begins a `SteadyDecode` stretch on replica r if its next step allows one: one scheduler step, nothing
    /// waiting, every running request past its first token and decoding within the token budget, each holding
    /// exactly the blocks its tokens need.
    private mutating func enterSteadyDecode(_ r: Int) -> Bool {
        guard schedulerSteps == 1, !running[r].isEmpty, running[r].count <= maxBatched, !hasWaiting(r) else {
            return false
        }
        let bs = Int32(blockSize)
        steady[r].begin()
        for q in running[r] {
            let s = reqs[Int(q)]
            guard s.computed >= s.target, s.generated >= 1, s.generated < s.outputLimit,
                  s.blocks == (s.computed + bs - 1) / bs else {
                steady[r].active = false
                return false
            }
            steady[r].add(q, computed: s.computed, blocks: s.blocks, stepsToFinish: s.outputLimit - s.generated)
        }
        return true
    }

    /// Starts the stretch's next step, as the general scheduler would (every request one token), unless a
    /// request waits or the KV cache cannot give the blocks the step needs.
    private mutating func startSteadyStep(_ r: Int, now: Double) -> Bool {
        let need = steady[r].blocksNeeded
        guard !hasWaiting(r), need <= freeBlocks[r] else { return false }
        freeBlocks[r] -= need
        if prefixCaching { caches[r].shrink(toTokens: freeBlocks[r] * blockSize) }
        let sequences = running[r].count
        let duration = stepModel.decodeStepTime(sequences: sequences, computedSum: steady[r].computedSum)
        beginStep(r, now: now, duration: duration, tokens: sequences, sequences: sequences)
        return true
    }

    /// Runs replica r's steady-decode step ends on the spot while each comes strictly before `horizon` (the earliest
    /// other event), no request finishes at it and the step after it gets its blocks: the event loop would take each
    /// of them next and do exactly this (`finishSteadyStep`, then `startSteadyStep`), in the same order and with the
    /// same arithmetic, so the run is the same; it only skips a pass through the loop per step. Nothing waits for
    /// the replica meanwhile: an arrival would be an event before the horizon, and preemption stops a stretch.
    /// Returns the time of the last step end it ran (`start` when none).
    @inline(never)  // rarely entered on busy fleets: kept out of the event loop's code
    private mutating func runSteadySteps(_ r: Int, before horizon: Double, now start: Double) -> Double {
        // The loop's first test, made before the stretch is copied out: most calls on a busy fleet run no step.
        guard steady[r].steps + 1 < steady[r].nextFinish, steady[r].blocksNeeded(afterSteps: 1) <= freeBlocks[r] else { return start }
        var now = start
        let sequences = running[r].count
        let blockSize = self.blockSize
        var stretch = steady[r]
        var free = freeBlocks[r]
        var end = stepEnd[r]
        var perToken = stepSecondsPerToken[r]
        var produced = 0
        while end < horizon, stretch.steps + 1 < stretch.nextFinish {
            let need = stretch.blocksNeeded(afterSteps: 1)
            guard need <= free else { break }
            // finishSteadyStep for the step ending at `end`…
            now = end
            stretch.steps += 1
            stretch.secondsPerToken += perToken
            stretch.computedSum += sequences
            produced += sequences
            // …and startSteadyStep for the next one.
            free -= need
            if prefixCaching { caches[r].shrink(toTokens: free * blockSize) }
            let duration = stepModel.decodeStepTime(sequences: sequences, computedSum: stretch.computedSum)
            end = now + duration
            perToken = duration / Double(sequences)
            fleet.recordBusy(r, seconds: duration, sequences: sequences)
        }
        outputTokens += produced
        steady[r] = stretch
        freeBlocks[r] = free
        stepEnd[r] = end
        stepSecondsPerToken[r] = perToken
        return now
    }

    private mutating func finishSteadyStep(_ r: Int, now: Double) {
        let sequences = running[r].count
        steady[r].steps += 1
        steady[r].secondsPerToken += stepSecondsPerToken[r]
        steady[r].computedSum += sequences
        outputTokens += sequences
        let steps = steady[r].steps
        var finished = 0
        var freed = 0
        steady[r].takeFinished(into: &events)
        for next in events {
            let q = Int(next)
            let first = steady[r].firstBlockStep(computed: reqs[q].computed, blocks: reqs[q].blocks)
            freed += Int(reqs[q].blocks) + steady[r].blocksAdded(after: steps, firstBlockStep: first)
            steady[r].remove(computed: reqs[q].computed, blocks: reqs[q].blocks)
            reqs[q].computed += Int32(steps)
            reqs[q].generated += Int32(steps)
            reqs[q].blocks = 0
            reqs[q].gpuSeconds += steady[r].secondsPerToken
            reqs[q].finish = now
            if watch.isWatching { watchFinished(q) }
            finished += 1
        }
        if finished > 0 {
            freeBlocks[r] += freed
            outstanding[r] -= finished
            running[r].removeAll { reqs[Int($0)].finish.isFinite }
            if running[r].isEmpty { steady[r].active = false }
            if options.concurrency != nil {
                for _ in 0..<finished { issue(at: now) }
            }
        }
        stepEnd[r] = .infinity
        startStep(r, now: now)
        if fleet.state[r] == .draining, outstanding[r] == 0 { fleet.stop(r, at: now) }
    }

    /// Ends the stretch: every running request takes what its steps did.
    private mutating func leaveSteadyDecode(_ r: Int) {
        let steps = steady[r].steps
        let seconds = steady[r].secondsPerToken
        for q in running[r] {
            let k = Int(q)
            let first = steady[r].firstBlockStep(computed: reqs[k].computed, blocks: reqs[k].blocks)
            reqs[k].blocks += Int32(steady[r].blocksAdded(after: steps, firstBlockStep: first))
            reqs[k].computed += Int32(steps)
            reqs[k].generated += Int32(steps)
            reqs[k].gpuSeconds += seconds
        }
        steady[r].active = false
    }

    private mutating func finishStep(_ r: Int, now: Double) {
        if steady[r].active {
            finishSteadyStep(r, now: now)
            return
        }
        let perToken = stepSecondsPerToken[r]
        let lo = scheduledLo[r], hi = scheduledHi[r]
        var produced = 0
        var freed = 0
        var finished = 0
        events.removeAll(keepingCapacity: true)
        do {
            let run = running[r]
            var found: [Int32] = []
            swap(&found, &events)
            reqs.withUnsafeMutableBufferPointer { state in
                for k in lo..<hi {
                    let q = Int(run[k])
                    let n = state[q].stepTokens
                    state[q].gpuSeconds += perToken * Double(n)
                    let before = state[q].computed
                    let after = before + n
                    state[q].computed = after
                    guard after >= state[q].target else { continue }
                    if before < state[q].target, !state[q].cachedOnce {
                        state[q].cachedOnce = true
                        found.append(Int32(q))  // prompt complete: offer its blocks to the prefix cache
                    }
                    let generated = state[q].generated + 1
                    state[q].generated = generated
                    produced += 1
                    if generated == 1 { state[q].firstToken = now }
                    if generated >= state[q].outputLimit {
                        state[q].finish = now
                        freed += Int(state[q].blocks)
                        state[q].blocks = 0
                        finished += 1
                    }
                }
            }
            swap(&found, &events)
        }
        outputTokens += produced
        if prefixCaching {
            for q in events { insertPrefix(r, Int(q)) }
        }
        if finished > 0 {
            if watch.isWatching {
                for k in lo..<hi where reqs[Int(running[r][k])].finish.isFinite { watchFinished(Int(running[r][k])) }
            }
            freeBlocks[r] += freed
            outstanding[r] -= finished
            running[r].removeAll { reqs[Int($0)].finish.isFinite }
            if options.concurrency != nil {
                for _ in 0..<finished { issue(at: now) }
            }
        }
        stepEnd[r] = .infinity
        scheduledHi[r] = scheduledLo[r]
        startStep(r, now: now)
        if fleet.state[r] == .draining, outstanding[r] == 0 { fleet.stop(r, at: now) }
    }

    private mutating func insertPrefix(_ r: Int, _ q: Int) {
        let request = requests[q]
        if request.prefixKey >= 0, request.prefixTokens > 0 {
            let tokens = min(request.prefixTokens, request.inputTokens) / blockSize * blockSize
            if tokens > 0 { caches[r].insert(Self.prefixCacheKey(request.prefixKey), tokens: tokens) }
        }
        for hash in request.hashes {
            caches[r].insert(hash, tokens: ServingSimulator.hashBlockTokens)
        }
    }

    // MARK: Result

    /// A finished request's TTFT, TPOT (NaN for one output token) and E2E, ms.
    private func latencies(_ q: Int) -> (ttft: Double, tpot: Double, e2e: Double) {
        // The front end (tokenisation, HTTP, detokenisation) runs beside the GPU: it delays this request's
        // tokens but not the engine's steps.
        let front = frontEnd.seconds(promptTokens: requests[q].inputTokens)
        let t = (reqs[q].firstToken - arrival[q] + front) * 1000
        let e = (reqs[q].finish - arrival[q] + front) * 1000
        let tpot = requests[q].outputTokens > 1 ? (e - t) / Double(requests[q].outputTokens - 1) : .nan
        return (t, tpot, e)
    }

    private mutating func watchFinished(_ q: Int) {
        let (ttft, tpot, e2e) = latencies(q)
        watch.finished(ttftMs: ttft, tpotMs: tpot, e2eMs: e2e)
    }

    private func result(start: Double, end: Double) -> SimulationResult {
        let n = requests.count
        var ttft = [Double](repeating: .nan, count: n)
        var tpot = [Double](repeating: .nan, count: n)
        var e2e = [Double](repeating: .nan, count: n)
        for q in 0..<n where reqs[q].finish.isFinite {
            (ttft[q], tpot[q], e2e[q]) = latencies(q)
        }
        let span = max(0, end - start)
        let stats = fleet.stats(span: span, gpusPerReplica: deployment.gpusPerReplica,
                                pricePerGPUHour: deployment.pricePerGPUHour)
        var result = SimulationResult(ttftMs: ttft, tpotMs: tpot, e2eMs: e2e, gpuSeconds: reqs.map(\.gpuSeconds), fleet: stats,
                                      span: span, rejected: rejected, preemptions: preemptions,
                                      prefixCacheHitTokens: hitTokens, outputTokens: outputTokens)
        result.stoppedEarly = watch.failed
        return result
    }
}
