/// Measures a policy's metric for a candidate and compares it with the limit.
enum PolicyEvaluator {
    static func evaluate(_ policy: Policy, candidate: PolicyContext, name: String, baseline: PolicyContext,
                         planFile: String) throws(CostGateError) -> Evaluation.PolicyResult {
        for (key, _) in policy.filter where !["route", "model", "tier"].contains(key) {
            let keys = Set(candidate.traffic.tagKeys + baseline.traffic.tagKeys)
            if !keys.contains(key) {
                throw .unknown("tag key", key, in: "\(planFile): policy '\(policy.name)' where", known: ["route", "model"] + keys.sorted())
            }
        }
        // `tier` names a router tier, not a record field: tier metrics read it from the forecast.
        let recordFilter = policy.filter.filter { $0.key != "tier" }
        let head = candidate.subset(recordFilter, keepingValues: policy.metric == .monthlyCostHigh || policy.metric == .monthlyCostLow)
        let base = baseline.subset(recordFilter)
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
                let interval = head.interval
                    ?? Interval.estimate(head.values, fixed: head.fixed, confidence: scaling.confidence, replicates: scaling.replicates, seed: scaling.seed)
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
        case .costPerSuccess, .costPerSuccessDeltaPct, .tierCost, .tierQuality, .tierCostPerQuality:
            (actual, note) = architectureMetric(policy, candidate: candidate, baseline: baseline, filter: recordFilter)
        case .priceDriftPct:
            let model = policy.filter.first { $0.key == "model" }?.value
            let rows = (candidate.forecast.prices.drift?.rows ?? []).filter { model == nil || candidate.replay.catalog.sameModel(model!, $0.model) }
            actual = rows.compactMap { $0.driftPercent.map(abs) }.max()
            if actual == nil { note = "no record carries a provider-billed cost (billed_cost_usd)" }
        case .peakTPMShare, .peakRPMShare:
            let model = policy.filter.first { $0.key == "model" }?.value
            let uses = (candidate.forecast.serving?.rateLimits ?? []).filter { model == nil || candidate.replay.catalog.sameModel(model!, $0.model) }
            let tokens = policy.metric == .peakTPMShare
            let shares = uses.compactMap { use in (tokens ? use.tpmShare : use.rpmShare).map { (share: $0, use: use) } }
            let top = shares.max { $0.share != $1.share ? $0.share < $1.share : $0.use.model > $1.use.model }
            actual = top?.share
            if actual == nil {
                note = candidate.forecast.serving?.notes.contains(ServingForecaster.aggregatePeaksNote) == true
                    ? ServingForecaster.aggregatePeaksNote : "no rate_limits entry with a \(tokens ? "tpm" : "rpm") limit"
            }
            if let use = top?.use {
                let error = tokens ? use.peakTokensRelativeError : use.peakRequestsRelativeError
                if tokens ? use.isTokensPeakUncertain : use.isRequestsPeakUncertain {
                    note = "the peak minute rests on \(tokens ? use.peakTokensRecords : use.peakRequestsRecords) sampled record(s): "
                        + "±\(Format.wholePercent(error)) from sampling alone, and a busiest minute tends to read high"
                }
            }
        }
        // A figure past what a double holds (a subset's cost divided by quality scores next to 0) is an input error,
        // never `null` and never a pass, as for the forecast's own figures.
        if let actual, !actual.isFinite {
            throw .notFinite(plan: planFile, figure: "\(policy.metric.rawValue) of policy '\(policy.name)'")
        }
        if head.matched == 0, !recordFilter.isEmpty {
            note = "no records match \(policy.filterDescription)" + valueHint(recordFilter, candidate: candidate, baseline: baseline)
        }
        if let caveat = modelFilterCaveat(policy, candidate: candidate) { note = [note, caveat].compactMap { $0 }.joined(separator: "; ") }
        var status = Evaluation.Status.pass
        var limit = 0.0
        var bound = Evaluation.Bound.max
        if let max = policy.max {
            limit = max
            if let actual, actual > max { status = policy.severity == .fail ? .fail : .warn }
        }
        if let min = policy.min {
            if policy.max == nil || status == .pass { limit = min; bound = .min }
            if let actual, actual < min { status = policy.severity == .fail ? .fail : .warn; limit = min; bound = .min }
        }
        if actual == nil {
            // A policy that cannot be measured is reported, never silently passed.
            status = .warn
        }
        // A cost that leaves out unpriced records is off by an unknown amount: it cannot pass, only warn. A failure
        // stays a failure, so that a plan cannot turn one into a warning by taking prices away.
        let unpriced = policy.metric.dependsOnPrices ? max(head.unpriced, base.unpriced) : 0
        if unpriced > 0 {
            if status == .pass { status = .warn }
            let caveat = "\(unpriced) record(s) in its scope are not priced (a model in neither the catalog nor the plan), "
                + "and the figure leaves them out"
            note = [note, caveat].compactMap { $0 }.joined(separator: "; ")
        }
        return .init(policy: policy, candidate: name, status: status, actual: actual, limit: limit, bound: bound, note: note)
    }
}

extension PolicyEvaluator {
    /// For a filter that matched nothing: the closest values of the first tag whose value no record of either side
    /// has (a misspelt value measures $0, which a budget passes), or "" when there is none to offer.
    static func valueHint(_ filter: [(key: String, value: String)], candidate: PolicyContext, baseline: PolicyContext) -> String {
        for (key, value) in filter where !["route", "model"].contains(key) && value != Traffic.noneTagValue {
            let known = Set(candidate.traffic.tagValues(of: key) + baseline.traffic.tagValues(of: key))
            guard !known.contains(value) else { continue }
            let closest = Suggestions.closest(to: value, among: known.sorted())
            guard !closest.isEmpty else { continue }
            return "; no record has \(key)=\(value): did you mean " + closest.map { "\(key)=\($0)" }.joined(separator: " or ") + "?"
        }
        return ""
    }

    /// A latency percentile over the records matching `filter`.
    /// Without a filter it reads the side's overall summary; with one, it summarizes the matching samples, which the
    /// forecast keeps for such policies (`Evaluator`).
    static func latency(_ metric: PolicyMetric, candidate: PolicyContext, filter: [(key: String, value: String)]) -> Double? {
        let ttft, tpot, e2e: LatencySummary
        if filter.isEmpty {
            guard let latency = candidate.forecast.serving?.latency else { return nil }
            (ttft, tpot, e2e) = (latency.ttft, latency.tpot, latency.e2e)
        } else {
            guard let samples = candidate.forecast.serving?.samples, !samples.isEmpty else { return nil }
            let matcher = RecordFilter(filter, traffic: candidate.traffic, replay: candidate.replay)
            (ttft, tpot, e2e) = ServingForecaster.summaries(samples, include: { matcher.matches($0) })
        }
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
