/// Builds the serving forecast of a side.
enum ServingForecaster {
    /// Requests simulated at most per deployment; beyond it the run is refused rather than left to crawl.
    static let simulationLimit = 5_000_000
    /// The longest stretch of recorded time a simulation replays, in seconds (366 days).
    static let simulatedSpanLimit = 366.0 * 86_400

    /// The serving forecast of a replayed side. Latency samples are summarized as they are made; they are kept in
    /// the forecast only when `keepingSamples` (a latency policy with `where` summarizes a subset of them).
    static func forecast(traffic: Traffic, replay: Replay, plan: Plan, scaling: Forecast.Scaling,
                         keepingSamples: Bool = false) throws(CostGateError) -> ServingForecast {
        let count = traffic.records.count
        var tally = LatencyTally(records: count, keepingSamples: keepingSamples)
        var extraCost: [Double]?
        var fixedCost: [Double]?
        var fleets: [ServingForecast.Fleet] = []
        var notes: [String] = []
        let growth = 1 + scaling.growth
        let meanGap = count > 0 ? scaling.windowSeconds / Double(count) : 1

        // Self-hosted routes, by deployment (the parser has checked that each one exists).
        var deploymentOfRoute: [Int32: String] = [:]
        for (route, config) in plan.routes where route != "*" {
            guard let name = config.deployment, let id = traffic.strings.id(of: route) else { continue }
            deploymentOfRoute[id] = name
        }
        let fallback = plan.routes["*"]?.deployment
        for deployment in plan.deployments {
            let name = deployment.name
            let indices = (0..<count).filter { index in
                replay.billing[index] == .selfHosted && (deploymentOfRoute[traffic.records[index].route] ?? fallback) == name
            }
            let sorted = try expand(traffic: traffic, replay: replay, indices: indices, growth: growth, meanGap: meanGap,
                                    limitContext: (plan.file, "deployments.\(name)"), service: deployment.service)
            guard !sorted.isEmpty else {
                notes.append("deployment '\(name)' serves no recorded request")
                continue
            }
            let result = ServingSimulator.run(sorted, deployment: deployment)
            let span = max(result.span, 1)
            let monthScale = scaling.days * 86_400 / span
            var monthlyCost = result.fleet.cost * monthScale
            var owned: ServingForecast.OwnedCost?
            if let model = deployment.owned {
                let cost = ownedCost(model, deployment: deployment, runningGPUHours: result.fleet.gpuHours * monthScale, days: scaling.days)
                monthlyCost = model.monthlyCost(ownedGPUs: cost.ownedGPUs, monthHours: cost.monthHours, runningGPUHours: cost.runningGPUHours)
                owned = cost
            }
            var gpuSecondsByRecord: [Int32: Double] = [:]
            var copiesByRecord: [Int32: Int] = [:]
            for request in sorted { copiesByRecord[request.tag, default: 0] += 1 }
            var totalGPUSeconds = 0.0
            for (position, request) in sorted.enumerated() {
                let owner = Int(request.tag)
                gpuSecondsByRecord[request.tag, default: 0] += result.gpuSeconds[position]
                totalGPUSeconds += result.gpuSeconds[position]
                tally.add(.init(record: owner, weight: replay.weights[owner] / Double(copiesByRecord[request.tag]!),
                                ttftMs: result.ttftMs[position], tpotMs: result.tpotMs[position], e2eMs: result.e2eMs[position]),
                          route: traffic.records[owner].route)
            }
            if totalGPUSeconds > 0 {
                for (record, seconds) in gpuSecondsByRecord {
                    let share = monthlyCost * seconds / totalGPUSeconds / scaling.factor
                    ServingForecast.add(share, record: Int(record), to: &extraCost, count: count)
                    // Owned GPUs cost the same whether they serve or not.
                    if deployment.owned != nil || deployment.replicas.isFixed {
                        ServingForecast.add(share, record: Int(record), to: &fixedCost, count: count)
                    }
                }
            }
            fleets.append(.init(name: name, model: deployment.model.id, gpu: deployment.gpu.id, gpusPerReplica: deployment.gpusPerReplica,
                                gpuHours: result.fleet.gpuHours * monthScale, replicasMean: result.fleet.replicasMean,
                                replicasMax: result.fleet.replicasMax, utilization: result.fleet.utilization, monthlyCost: monthlyCost,
                                simulatedRequests: sorted.count, preemptions: result.preemptions, rejected: result.rejected,
                                hourlyReplicas: hourly(result.fleet.replicaTimeline, span: span), kind: deployment.kind, owned: owned,
                                fixedComparison: fixedComparison(sorted, deployment: deployment, autoscaled: result, monthlyCost: monthlyCost,
                                                                 days: scaling.days)))
            if result.rejected > 0 {
                notes.append(deployment.kind == .service
                    ? "deployment '\(name)': \(result.rejected) request(s) had no service time (no latency_ms) and were left out"
                    : "deployment '\(name)': \(result.rejected) request(s) could never fit one replica's KV cache and were rejected")
            }
        }

        if !plan.rateLimits.isEmpty, traffic.aggregateRows > 0 { notes.append(aggregatePeaksNote) }
        hostedSamples(traffic: traffic, replay: replay, plan: plan, notes: &notes, into: &tally)
        let fallbacks = try FallbackPlanner.plan(traffic: traffic, replay: replay, plan: plan, scaling: scaling)
        if let fallbackCost = fallbacks.extraCost {
            for (index, cost) in fallbackCost.enumerated() { ServingForecast.add(cost, record: index, to: &extraCost, count: count) }
        }
        tally.closeBlock(weights: replay.weights)
        var forecast = ServingForecast(samples: tally.samples, latency: tally.latency(traffic: traffic), fleets: fleets,
                                       rateLimits: rateLimits(traffic: traffic, replay: replay, plan: plan, growth: growth),
                                       extraCost: extraCost, fixedCost: fixedCost, notes: notes)
        forecast.fallbacks = fallbacks.uses
        return forecast
    }

    /// The requests `indices` stand for under the forecast load, in arrival order: each record becomes
    /// weight × growth requests (the fraction drawn deterministically), the extra copies spread over the sample's
    /// mean gap after it. `tag` is the record's index.
    ///
    /// For a GPU service (`service` given), each copy also gets a service time: the record's `latency_ms`, or a
    /// draw from the plan's distribution at a deterministic uniform value of (record, copy).
    static func expand(traffic: Traffic, replay: Replay, indices: [Int], growth: Double, meanGap: Double,
                       limitContext: (file: String, path: String), service: ServiceModel? = nil) throws(CostGateError) -> [SimRequest] {
        let start = traffic.timeSpan?.earliest ?? 0
        // The simulation replays the records in time from the sample's first record, any route's, and reports replicas
        // hour by hour: two records centuries apart would make a report of millions of hours (167 MB of JSON from two
        // records). The span is measured from that start, not from the deployment's own first record: a record of
        // another route 1,013 years earlier billed a fleet for 1,013 years (utilisation near 0, a 412 MB run).
        if let last = indices.lazy.map({ traffic.records[$0].timestamp }).max(), last - start > simulatedSpanLimit {
            throw .badPlan(file: limitContext.file, path: limitContext.path,
                           expected: "records spanning at most \(Int(simulatedSpanLimit / 86_400)) days to simulate (they are replayed in time "
                               + "from the sample's first record)",
                           found: "this deployment's last record \(Format.count((last - start) / 86_400)) days after the sample's first")
        }
        var requests: [SimRequest] = []
        for index in indices {
            let record = traffic.records[index]
            let load = replay.weights[index] * growth
            var copies = Int(load.rounded(.down))
            let fraction = load - Double(copies)
            if fraction > 0, unitHash(UInt64(index), 0) < fraction { copies += 1 }
            // Checked before the copies are made: one record may stand for a billion requests (a sample rate of 1e-9,
            // a weight of 1e12), which would exhaust memory long before a check after the loop.
            if copies > simulationLimit - requests.count {
                throw .badPlan(file: limitContext.file, path: limitContext.path,
                               expected: "at most \(simulationLimit) simulated requests (use a shorter sample, or a larger sample_rate: "
                                   + "each record is simulated weight × (1 + growth) times)",
                               found: "at least \(Format.count(Double(requests.count) + Double(copies)))")
            }
            let hashes = record.hashCount > 0
                ? Array(traffic.hashPool[Int(record.hashStart)..<Int(record.hashStart + record.hashCount)]) : []
            for copy in 0..<copies {
                let jitter = copy == 0 ? 0 : unitHash(UInt64(index), UInt64(copy)) * meanGap
                let serviceMs = service.map { $0.serviceMs(recorded: record.latencyMs, unit: unitHash(UInt64(index), UInt64(copy) &+ 0x5E41_1CE0)) } ?? 0
                requests.append(SimRequest(arrival: record.timestamp - start + jitter, inputTokens: Int(replay.inputTokens[index]),
                                           outputTokens: Int(replay.outputTokens[index]), prefixKey: Int64(record.prefixID),
                                           prefixTokens: Int(record.prefixTokens), hashes: hashes, tag: Int32(index), serviceMs: serviceMs))
            }
        }
        // The simulator takes arrivals in time order; ties keep record order.
        return requests.enumerated().sorted { $0.element.arrival != $1.element.arrival ? $0.element.arrival < $1.element.arrival : $0.offset < $1.offset }
            .map(\.element)
    }

    /// TTFT, TPOT and E2E summaries of the samples of the records that pass `include` (a policy's `where`), folded
    /// one at a time as the forecast's own summaries are.
    static func summaries(_ samples: [ServingForecast.Sample], include: (Int) -> Bool) -> (LatencySummary, LatencySummary, LatencySummary) {
        var metrics = LatencyTally.Metrics()
        for sample in samples where include(sample.record) { metrics.add(sample) }
        return (metrics.ttft.summary, metrics.tpot.summary, metrics.e2e.summary)
    }

    /// The latency samples of a side, summarized as they come: overall and per route, in the order they are made, as
    /// summarizing them all at the end would (`LatencySummary.Builder`), and the weight each record's samples cover.
    struct LatencyTally {
        private var overall = Metrics()
        /// Each route's metrics, in the order routes first came, and where each route's are by its string id (-1 for
        /// none yet): an array lookup for every sample instead of hashing the route into a dictionary.
        private var byRoute: [(route: Int32, metrics: Metrics)] = []
        private var routeSlots: [Int32] = []
        private var sampledWeight: [Double]
        private let keepingSamples: Bool
        private(set) var samples: [ServingForecast.Sample] = []

        /// TTFT, TPOT and E2E of one group of samples.
        struct Metrics {
            var ttft = LatencySummary.Builder()
            var tpot = LatencySummary.Builder()
            var e2e = LatencySummary.Builder()

            mutating func add(_ sample: ServingForecast.Sample) {
                ttft.add(sample.ttftMs, weight: sample.weight)
                tpot.add(sample.tpotMs, weight: sample.weight)
                e2e.add(sample.e2eMs, weight: sample.weight)
            }
        }

        /// Σ weight, and Σ of the weight each record's samples cover, over the records of the blocks closed so far.
        private var totalWeight = 0.0
        private var coveredWeight = 0.0

        /// A tally for a block of `records` records (all of a sample, or the first block of one read a block at a time).
        init(records: Int, keepingSamples: Bool) {
            sampledWeight = [Double](repeating: 0, count: records)
            self.keepingSamples = keepingSamples
        }

        /// Starts a block of `records` records (the first block's size is given to `init`).
        mutating func startBlock(records: Int) {
            sampledWeight = [Double](repeating: 0, count: records)
        }

        /// Adds the weight the block's samples cover to the coverage, in record order. `weights` are the block's
        /// records' weights: a record's samples carry shares of its weight (copies of a fleet request, the paths
        /// through a router), so the weight they cover is their sum, at most the record's own.
        mutating func closeBlock(weights: [Double]) {
            for index in weights.indices {
                totalWeight += weights[index]
                coveredWeight += min(sampledWeight[index], weights[index])
            }
            sampledWeight = []
        }

        /// Adds a sample of a record on `route`.
        mutating func add(_ sample: ServingForecast.Sample, route: Int32) {
            overall.add(sample)
            byRoute[slot(of: route)].metrics.add(sample)
            cover(sample)
        }

        /// Where `route`'s metrics are in `byRoute`, adding them the first time.
        @inline(__always)
        private mutating func slot(of route: Int32) -> Int {
            let id = Int(route)
            if id < routeSlots.count, routeSlots[id] >= 0 { return Int(routeSlots[id]) }
            if id >= routeSlots.count { routeSlots += [Int32](repeating: -1, count: id + 1 - routeSlots.count) }
            routeSlots[id] = Int32(byRoute.count)
            byRoute.append((route, Metrics()))
            return byRoute.count - 1
        }

        /// Counts a record's sample in the weight covered, and keeps it for policies with `where`.
        private mutating func cover(_ sample: ServingForecast.Sample) {
            sampledWeight[sample.record] += sample.weight
            if keepingSamples { samples.append(sample) }
        }

        /// Counts the weight of a record whose sample is not known yet (`addSummarized` adds it to the summaries); when
        /// samples are kept, returns where its sample is, for `fill`.
        mutating func cover(record: Int, weight: Double) -> Int? {
            cover(.init(record: record, weight: weight, ttftMs: .nan, tpotMs: .nan, e2eMs: .nan))
            return keepingSamples ? samples.count - 1 : nil
        }

        /// Fills in the figures of a kept sample `cover(record:weight:)` left blank.
        mutating func fill(_ position: Int, ttftMs: Double, tpotMs: Double, e2eMs: Double) {
            samples[position].ttftMs = ttftMs
            samples[position].tpotMs = tpotMs
            samples[position].e2eMs = e2eMs
        }

        /// Adds to the summaries a sample standing for several records already counted by `cover`.
        mutating func addSummarized(_ sample: ServingForecast.Sample, route: Int32) {
            overall.add(sample)
            byRoute[slot(of: route)].metrics.add(sample)
        }

        /// The summaries, nil when no sample was added; the coverage counts the blocks closed (`closeBlock`).
        func latency(traffic: Traffic) -> ServingForecast.Latency? {
            guard overall.e2e.added > 0 else { return nil }
            let routes = byRoute.sorted { traffic.strings[$0.route] < traffic.strings[$1.route] }.map { route, metrics in
                (route: traffic.strings[route], ttft: metrics.ttft.summary, tpot: metrics.tpot.summary, e2e: metrics.e2e.summary)
            }
            return .init(ttft: overall.ttft.summary, tpot: overall.tpot.summary, e2e: overall.e2e.summary,
                         coverage: totalWeight > 0 ? coveredWeight / totalWeight : 0, byRoute: routes,
                         e2eDistribution: overall.e2e.distribution)
        }
    }

    /// Latency samples for requests on hosted APIs (`HostedLatency`), then for the models a router or cache calls.
    private static func hostedSamples(traffic: Traffic, replay: Replay, plan: Plan, notes: inout [String], into tally: inout LatencyTally) {
        var hosted = HostedLatency(catalog: replay.catalog)
        hosted.add(traffic: traffic, replay: replay, slots: nil, slotNames: replay.modelNames, into: &tally)
        // The models a router or cache calls are timed too (`architectureSamples`).
        let components = (replay.architecture?.components ?? []).map(\.slot)
        let profiles = hosted.finish(slotNames: replay.modelNames, alsoUsed: components, evidence: .init(wholeSample: traffic), traffic: traffic,
                                     notes: &notes, into: &tally)
        for sample in architectureSamples(traffic: traffic, replay: replay, plan: plan, profiles: profiles) {
            tally.add(sample, route: traffic.records[sample.record].route)
        }
    }

    /// Why rate-limit peaks are not forecast for aggregate traffic: shared by the notes and the policies.
    static let aggregatePeaksNote = "provider rate limits are not forecast from usage-report rows: a row is a bucket's "
        + "totals, with no request times within it, so no minute's load is known"

    private static func rateLimits(traffic: Traffic, replay: Replay, plan: Plan, growth: Double) -> [ServingForecast.RateLimitUse] {
        // A usage report's rows sit at their buckets' start: read as minutes, a day's requests would land in one.
        guard !plan.rateLimits.isEmpty, traffic.aggregateRows == 0 else { return [] }
        var result: [ServingForecast.RateLimitUse] = []
        for (name, limit) in plan.rateLimits.sorted(by: { $0.key < $1.key }) {
            let slots = Set(replay.modelNames.indices.filter { replay.catalog.sameModel(name, replay.modelNames[$0]) }.map(Int32.init))
            // Per minute: the load, and the records and Σ w(w−1)·x² behind it, for the peak's sampling error.
            struct Minute {
                var requests = 0.0
                var tokens = 0.0
                var records = 0
                var requestsVariance = 0.0
                var tokensVariance = 0.0
            }
            var minutes: [Int64: Minute] = [:]
            for index in replay.weights.indices where slots.contains(replay.models[index]) && replay.billing[index] == .priced {
                let minute = Int64((traffic.records[index].timestamp / 60).rounded(.down))
                let weight = replay.weights[index]
                let load = weight * growth
                let size = Double(replay.inputTokens[index] + replay.outputTokens[index])
                let spread = max(0, weight * (weight - 1)) * growth * growth
                minutes[minute, default: Minute()].requests += load
                minutes[minute]!.tokens += load * size
                minutes[minute]!.records += 1
                minutes[minute]!.requestsVariance += spread
                minutes[minute]!.tokensVariance += spread * size * size
            }
            // The busiest minute, the earliest among equals, so that the report does not depend on hashing order.
            func peak(_ load: (Minute) -> Double) -> Minute? {
                minutes.max { load($0.value) != load($1.value) ? load($0.value) < load($1.value) : $0.key > $1.key }?.value
            }
            func relative(_ variance: Double, _ total: Double) -> Double { total > 0 ? variance.squareRoot() / total : 0 }
            var use = ServingForecast.RateLimitUse(model: name, peakRequestsPerMinute: 0, peakTokensPerMinute: 0,
                                                   rpmLimit: limit.rpm, tpmLimit: limit.tpm)
            if let busiest = peak(\.requests) {
                use.peakRequestsPerMinute = busiest.requests
                use.peakRequestsRecords = busiest.records
                use.peakRequestsRelativeError = relative(busiest.requestsVariance, busiest.requests)
            }
            if let busiest = peak(\.tokens) {
                use.peakTokensPerMinute = busiest.tokens
                use.peakTokensRecords = busiest.records
                use.peakTokensRelativeError = relative(busiest.tokensVariance, busiest.tokens)
            }
            result.append(use)
        }
        return result
    }

    /// Mean billed replicas in each hour of the span, from the step-function timeline.
    private static func hourly(_ timeline: [(t: Double, replicas: Int)], span: Double) -> [Double] {
        let hours = max(1, Int((span / 3600).rounded(.up)))
        var buckets = [Double](repeating: 0, count: hours)
        for (position, point) in timeline.enumerated() {
            let end = position + 1 < timeline.count ? timeline[position + 1].t : span
            var from = point.t
            while from < end {
                let hour = min(hours - 1, Int(from / 3600))
                let to = min(end, Double(hour + 1) * 3600)
                buckets[hour] += Double(point.replicas) * max(0, to - from)
                if to <= from { break }
                from = to
            }
        }
        // Mean replicas over each bucket's own length (the last hour may be partial).
        return buckets.enumerated().map { hour, replicaSeconds in
            replicaSeconds / max(1, min(span, Double(hour + 1) * 3600) - Double(hour) * 3600)
        }
    }

    /// A deterministic uniform value in [0, 1) from a record index and a salt.
    private static func unitHash(_ index: UInt64, _ salt: UInt64) -> Double {
        Double(SplitMix64.mix(index &* 0x9E37_79B9_7F4A_7C15 &+ salt &* 0xD1B5_4A32_D192_ED03 &+ 0x5851_F42D) >> 11) / Double(UInt64(1) << 53)
    }
}
