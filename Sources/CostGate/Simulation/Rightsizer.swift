import Dispatch
import Synchronization

/// Finds the cheapest fleets that meet latency objectives for a workload, by simulation.
///
/// For each GPU type and tensor-parallel degree that fits the model, the smallest fixed replica count that
/// meets every SLO is found by doubling then binary search (latency only improves with replicas); an
/// autoscaled variant (min 1, max that count) is tried too. Options are sorted cheapest first.
public enum Rightsizer {
    /// One fleet that was evaluated.
    public struct Option: Sendable {
        /// The deployment simulated (GPU, tensor parallel, replicas, price).
        public var deployment: Deployment
        /// Latency summaries over the workload.
        public var ttft: LatencySummary
        /// TPOT summary.
        public var tpot: LatencySummary
        /// E2E summary.
        public var e2e: LatencySummary
        /// Cost per month in USD (the sample's fleet cost × monthScale).
        public var monthlyCost: Double
        /// GPU-hours per month.
        public var monthlyGPUHours: Double
        /// Share of billed time the fleet was busy.
        public var utilization: Double
        /// Mean billed replicas.
        public var replicasMean: Double
        /// Whether every SLO holds (and no request was rejected).
        public var meetsSLO: Bool
    }

    /// A GPU × tensor-parallel combination that could not meet the SLOs, and why.
    public struct Infeasible: Sendable, Equatable {
        /// GPU id.
        public var gpu: String
        /// Tensor-parallel degree.
        public var tensorParallel: Int
        /// Why it was skipped or failed.
        public var reason: String
    }

    /// Where a hosted API and the cheapest fleet cost the same.
    public struct BreakEven: Sendable, Equatable {
        /// The API's cost per request, USD.
        public var apiCostPerRequest: Double
        /// The API's monthly cost at the sample's volume.
        public var apiMonthlyCost: Double
        /// The cheapest fleet's monthly cost.
        public var fleetMonthlyCost: Double
        /// Requests per month at which the API would cost as much as that fleet; below it the API is cheaper.
        public var breakEvenMonthlyRequests: Double
        /// Requests per month in the sample's forecast.
        public var monthlyRequests: Double
    }

    /// The search result.
    public struct Report: Sendable {
        /// Options that meet every SLO, cheapest first.
        public var options: [Option]
        /// Combinations that did not.
        public var infeasible: [Infeasible]
        /// Break-even against the hosted API, when its cost per request is known and an option exists.
        public var breakEven: BreakEven?
    }

    /// Searches GPU types × tensor-parallel degrees × replica counts.
    /// - Parameters:
    ///   - requests: the workload, already scaled to the forecast load.
    ///   - base: the deployment whose model and engine settings are kept.
    ///   - slos: objectives every option must meet.
    ///   - gpus: GPU types to try.
    ///   - tensorParallel: degrees to try (those that do not divide the heads or fit memory are skipped).
    ///   - maxReplicas: the largest fleet considered.
    ///   - monthScale: factor from the sample's span to a month (cost and volume).
    ///   - apiCostPerRequest: the hosted API's cost per request, for the break-even.
    /// - Returns: feasible options cheapest first, infeasible combinations, and the break-even.
    public static func search(requests: [SimRequest], base: Deployment, slos: [ServiceLevelObjective], gpus: [GPUSpec],
                              tensorParallel: [Int] = [1, 2, 4, 8], maxReplicas: Int = 64, monthScale: Double,
                              apiCostPerRequest: Double? = nil) -> Report {
        // Each GPU × tensor-parallel combination is searched independently, in parallel; results are merged
        // in combination order, so the report does not depend on scheduling.
        let combinations = gpus.flatMap { gpu in tensorParallel.map { (gpu, $0) } }
        // Low degrees usually need the most replicas and so the most simulations: they start first, so that the
        // longest searches do not begin last on a busy thread.
        let starts = combinations.indices.sorted { (combinations[$0].1, $0) < (combinations[$1].1, $1) }
        let results = Mutex([Int: (options: [Option], infeasible: Infeasible?)]())
        DispatchQueue.concurrentPerform(iterations: combinations.count) { position in
            let index = starts[position]
            let (gpu, tp) = combinations[index]
            let found = searchCombination(requests: requests, base: base, slos: slos, gpu: gpu, tensorParallel: tp,
                                          maxReplicas: maxReplicas, monthScale: monthScale)
            results.withLock { $0[index] = found }
        }
        var options: [Option] = []
        var infeasible: [Infeasible] = []
        let merged = results.withLock { $0 }
        for index in combinations.indices {
            guard let found = merged[index] else { continue }
            options += found.options
            if let reason = found.infeasible { infeasible.append(reason) }
        }
        options.sort {
            $0.monthlyCost != $1.monthlyCost ? $0.monthlyCost < $1.monthlyCost
                : $0.deployment.gpu.id != $1.deployment.gpu.id ? $0.deployment.gpu.id < $1.deployment.gpu.id
                : $0.deployment.tensorParallel < $1.deployment.tensorParallel
        }
        var breakEven: BreakEven?
        if let apiCostPerRequest, apiCostPerRequest > 0, let cheapest = options.first {
            let monthly = Double(requests.count) * monthScale
            breakEven = BreakEven(apiCostPerRequest: apiCostPerRequest, apiMonthlyCost: apiCostPerRequest * monthly,
                                  fleetMonthlyCost: cheapest.monthlyCost,
                                  breakEvenMonthlyRequests: cheapest.monthlyCost / apiCostPerRequest,
                                  monthlyRequests: monthly)
        }
        return Report(options: options, infeasible: infeasible, breakEven: breakEven)
    }

    /// The fewest fixed replicas (and its autoscaled variant) meeting the SLOs for one GPU and TP degree.
    static func searchCombination(requests: [SimRequest], base: Deployment, slos: [ServiceLevelObjective], gpu: GPUSpec,
                                  tensorParallel tp: Int, maxReplicas: Int, monthScale: Double)
        -> (options: [Option], infeasible: Infeasible?)
    {
        // A GPU service has no model shape to check: its measured service times decide.
        guard base.kind == .service || base.model.heads % tp == 0 else {
            return ([], Infeasible(gpu: gpu.id, tensorParallel: tp, reason: "tensor_parallel does not divide the attention heads"))
        }
        let probe = base.with(gpu: gpu, tensorParallel: tp, replicas: .fixed(1))
        guard base.kind == .service || probe.kvCapacityTokens > 0 else {
            return ([], Infeasible(gpu: gpu.id, tensorParallel: tp, reason: "weights do not fit in GPU memory"))
        }
        if base.kind != .service, let reason = unreachable(requests: requests, deployment: probe, slos: slos) {
            return ([], Infeasible(gpu: gpu.id, tensorParallel: tp, reason: reason))
        }
        func evaluate(_ replicas: ReplicaPolicy) -> Option {
            option(requests: requests, deployment: base.with(gpu: gpu, tensorParallel: tp, replicas: replicas),
                   slos: slos, monthScale: monthScale)
        }
        // Doubling, then binary search for the fewest replicas that meet the SLOs.
        var hi = 1
        var best: Option?
        while hi <= maxReplicas {
            let candidate = evaluate(.fixed(hi))
            if candidate.meetsSLO { best = candidate; break }
            hi *= 2
        }
        guard var found = best else {
            return ([], Infeasible(gpu: gpu.id, tensorParallel: tp, reason: "SLOs not met with \(maxReplicas) replicas"))
        }
        var lo = hi / 2 + 1
        var top = hi
        while lo < top {
            let mid = (lo + top) / 2
            let candidate = evaluate(.fixed(mid))
            if candidate.meetsSLO { found = candidate; top = mid } else { lo = mid + 1 }
        }
        var options = [found]
        if top > 1 {
            var policy = AutoscalePolicy(min: 1, max: top)
            if case .autoscale(let basePolicy) = base.replicas {
                policy = basePolicy
                policy.min = min(basePolicy.min, top)
                policy.max = top
            }
            let autoscaled = evaluate(.autoscale(policy))
            if autoscaled.meetsSLO { options.append(autoscaled) }
        }
        return (options, nil)
    }

    /// Why no number of replicas of `deployment` can meet the SLOs, if the unloaded bound shows it
    /// (`ServingSimulator.unloadedBound`): a request no replica can hold, or a TTFT or E2E percentile above its
    /// limit even with every request alone on a replica. Nil when the bound cannot tell.
    static func unreachable(requests: [SimRequest], deployment: Deployment, slos: [ServiceLevelObjective]) -> String? {
        let bound = ServingSimulator.unloadedBound(requests, deployment: deployment)
        if bound.rejected > 0 {
            return "\(bound.rejected) of \(requests.count) requests do not fit one replica's KV cache"
        }
        let judged = slos.filter { $0.metric != .tpot }
        var watch = ObjectiveWatch(judged, requests: requests)
        guard watch.isWatching else { return nil }
        for q in requests.indices {
            watch.finished(ttftMs: bound.ttftMs[q], tpotMs: .nan, e2eMs: bound.e2eMs[q])
            if watch.failed { break }
        }
        guard watch.failed else { return nil }
        let missed = judged.filter { slo in
            let summary = LatencySummary(slo.metric == .ttft ? bound.ttftMs : bound.e2eMs)
            return !(slo.value(in: summary) <= slo.limitMs)
        }
        let names = missed.map { slo in
            let summary = LatencySummary(slo.metric == .ttft ? bound.ttftMs : bound.e2eMs)
            return "\(slo.name) ≥ \(Format.fixed(slo.value(in: summary), digits: 0))"
        }
        return "SLOs not met with any number of replicas (even with each request alone on a replica: \(names.joined(separator: ", ")))"
    }

    /// Simulates one fleet and checks it against the SLOs.
    public static func option(requests: [SimRequest], deployment: Deployment, slos: [ServiceLevelObjective],
                              monthScale: Double) -> Option {
        // A run that can no longer meet the objectives stops early (exactly: see `ObjectiveWatch`); the search
        // only needs to know it fails.
        let result = ServingSimulator.run(requests, deployment: deployment,
                                          options: ServingSimulator.Options(stopWhenFailing: slos))
        let ttft = LatencySummary(result.ttftMs)
        let tpot = LatencySummary(result.tpotMs)
        let e2e = LatencySummary(result.e2eMs)
        var meets = result.rejected == 0 && !result.stoppedEarly
        for slo in slos {
            let summary: LatencySummary
            switch slo.metric {
            case .ttft: summary = ttft
            case .tpot: summary = tpot
            case .e2e: summary = e2e
            }
            let value = slo.value(in: summary)
            if !(value <= slo.limitMs) { meets = false }
        }
        return Option(deployment: deployment, ttft: ttft, tpot: tpot, e2e: e2e,
                      monthlyCost: result.fleet.cost * monthScale, monthlyGPUHours: result.fleet.gpuHours * monthScale,
                      utilization: result.fleet.utilization, replicasMean: result.fleet.replicasMean, meetsSLO: meets)
    }
}
