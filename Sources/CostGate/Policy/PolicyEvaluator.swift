/// Measures a policy's metric for a candidate and compares it with the limit.
enum PolicyEvaluator {
    static func evaluate(_ policy: Policy, candidate: PolicyContext, name: String, baseline: PolicyContext,
                         planFile: String) throws(CostGateError) -> Evaluation.PolicyResult {
        for (key, _) in policy.filter where !["route", "model"].contains(key) {
            let keys = Set(candidate.traffic.tagKeys + baseline.traffic.tagKeys)
            if !keys.contains(key) {
                throw .unknown("tag key", key, in: "\(planFile): policy '\(policy.name)' where", known: ["route", "model"] + keys.sorted())
            }
        }
        let head = candidate.subset(policy.filter)
        let base = baseline.subset(policy.filter)
        var note: String?
        let actual: Double?
        switch policy.metric {
        case .monthlyCost:
            actual = head.monthlyCost
        case .monthlyCostHigh, .monthlyCostLow:
            if policy.filter.isEmpty {
                actual = policy.metric == .monthlyCostHigh ? candidate.forecast.monthlyCostHigh : candidate.forecast.monthlyCostLow
            } else {
                let scaling = candidate.forecast.scaling
                let interval = Interval.estimate(head.values, fixed: head.fixed, confidence: scaling.confidence, replicates: scaling.replicates, seed: scaling.seed)
                actual = (policy.metric == .monthlyCostHigh ? interval.high : interval.low) * scaling.factor
            }
        case .monthlyCostDelta:
            actual = head.monthlyCost - base.monthlyCost
        case .monthlyCostDeltaPct:
            actual = Comparison.percent(head.monthlyCost, base.monthlyCost)
            if actual == nil { note = "the baseline costs nothing" }
        case .costPerRequest:
            actual = head.requests > 0 ? head.monthlyCost / head.requests : nil
            if actual == nil { note = "no requests" }
        case .costPerQuality:
            actual = head.costPerQuality
            if actual == nil { note = "no quality scores" }
        case .costPerQualityDeltaPct:
            if let headValue = head.costPerQuality, let baseValue = base.costPerQuality {
                actual = Comparison.percent(headValue, baseValue)
            } else {
                actual = nil
                note = "no quality scores on one side"
            }
        case .quality:
            actual = head.quality
            if actual == nil { note = "no quality scores" }
        case .requests:
            actual = head.requests
        case .ttftP50, .ttftP95, .ttftP99, .tpotP50, .tpotP95, .tpotP99, .e2eP50, .e2eP95, .e2eP99:
            actual = latency(policy.metric, candidate: candidate, filter: policy.filter)
            if actual == nil { note = "no latency estimate (no hosted latency profile or deployment for these records)" }
        case .gpuUtilization:
            actual = candidate.forecast.serving?.gpuUtilization
            if actual == nil { note = "no self-hosted deployment" }
        case .peakTPMShare, .peakRPMShare:
            let model = policy.filter.first { $0.key == "model" }?.value
            let uses = (candidate.forecast.serving?.rateLimits ?? []).filter { model == nil || candidate.replay.catalog.sameModel(model!, $0.model) }
            let shares = uses.compactMap { policy.metric == .peakTPMShare ? $0.tpmShare : $0.rpmShare }
            actual = shares.max()
            if actual == nil { note = "no rate_limits entry with a \(policy.metric == .peakTPMShare ? "tpm" : "rpm") limit" }
        }
        if head.matched == 0, !policy.filter.isEmpty {
            note = "no records match \(policy.filterDescription)"
        }
        var status = Evaluation.Status.pass
        var limit = 0.0
        var bound = "max"
        if let max = policy.max {
            limit = max
            if let actual, actual > max { status = policy.severity == .fail ? .fail : .warn }
        }
        if let min = policy.min {
            if policy.max == nil || status == .pass { limit = min; bound = "min" }
            if let actual, actual < min { status = policy.severity == .fail ? .fail : .warn; limit = min; bound = "min" }
        }
        if actual == nil {
            // A policy that cannot be measured is reported, never silently passed.
            status = .warn
        }
        return .init(policy: policy, candidate: name, status: status, actual: actual, limit: limit, bound: bound, note: note)
    }
}

extension PolicyEvaluator {
    /// A latency percentile over the records matching `filter`.
    static func latency(_ metric: PolicyMetric, candidate: PolicyContext, filter: [(key: String, value: String)]) -> Double? {
        guard let samples = candidate.forecast.serving?.samples, !samples.isEmpty else { return nil }
        let matcher = filter.isEmpty ? nil : RecordFilter(filter, traffic: candidate.traffic, replay: candidate.replay)
        let (ttft, tpot, e2e) = ServingForecaster.summaries(samples, include: matcher.map { m in { m.matches($0) } })
        let summary: LatencySummary
        switch metric {
        case .ttftP50, .ttftP95, .ttftP99: summary = ttft
        case .tpotP50, .tpotP95, .tpotP99: summary = tpot
        default: summary = e2e
        }
        let value: Double
        switch metric {
        case .ttftP50, .tpotP50, .e2eP50: value = summary.p50
        case .ttftP95, .tpotP95, .e2eP95: value = summary.p95
        default: value = summary.p99
        }
        return value.isFinite ? value : nil
    }
}

/// Deltas between a candidate and the baseline.
enum Comparison {
    static func percent(_ value: Double, _ reference: Double) -> Double? {
        guard reference != 0 else { return value == 0 ? 0 : nil }
        return (value - reference) / abs(reference) * 100
    }

    static func delta(candidate: PolicyContext, baseline: PolicyContext) -> Evaluation.Delta {
        let head = candidate.forecast
        let base = baseline.forecast
        let difference = head.monthlyCost - base.monthlyCost
        var low = difference
        var high = difference
        let scaling = head.scaling
        let headValues = candidate.values
        let baseValues = baseline.values
        if head.scaling.factor == base.scaling.factor, candidate.traffic.sameRecords(as: baseline.traffic) {
            // Same sample on both sides: the paired interval of Σ (head − base).
            let paired = zip(headValues, baseValues).map { $0 - $1 }
            let zeros = [Double](repeating: 0, count: paired.count)
            let fixedHead = candidate.fixed ?? zeros
            let fixedBase = baseline.fixed ?? zeros
            let pairedFixed = zip(fixedHead, fixedBase).map { $0 - $1 }
            let interval = Interval.estimate(paired, fixed: pairedFixed, confidence: scaling.confidence, replicates: scaling.replicates, seed: scaling.seed)
            low = interval.low * scaling.factor
            high = interval.high * scaling.factor
        } else {
            // Different samples: independent errors, combined in quadrature around the point.
            let headSpread = (head.monthlyCostHigh - head.monthlyCostLow) / 2
            let baseSpread = (base.monthlyCostHigh - base.monthlyCostLow) / 2
            let spread = (headSpread * headSpread + baseSpread * baseSpread).squareRoot()
            low = difference - spread
            high = difference + spread
        }
        let headCPR = head.costPerRequest
        let baseCPR = base.costPerRequest
        var cpqPct: Double?
        if let h = head.costPerQuality, let b = base.costPerQuality { cpqPct = percent(h, b) }
        return Evaluation.Delta(
            monthlyCost: difference, monthlyCostPct: percent(head.monthlyCost, base.monthlyCost),
            monthlyCostLow: low, monthlyCostHigh: high, requests: head.requests - base.requests,
            costPerRequest: headCPR.flatMap { h in baseCPR.map { h - $0 } },
            costPerQuality: head.costPerQuality.flatMap { h in base.costPerQuality.map { h - $0 } },
            costPerQualityPct: cpqPct,
            quality: head.quality.flatMap { h in base.quality.map { h - $0 } })
    }
}
