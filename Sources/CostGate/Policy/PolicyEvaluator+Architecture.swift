extension PolicyEvaluator {
    /// Measures `cost_per_success` (and its change in percent) and the tier metrics (`tier_cost`, `tier_quality`,
    /// `tier_cost_per_quality`, the tier named by `where.tier`, on `where.route` or every router route with a tier
    /// so named); returns the value, or nil with a note saying why not.
    static func architectureMetric(_ policy: Policy, candidate: PolicyContext, baseline: PolicyContext,
                                   filter: [(key: String, value: String)]) -> (Double?, String?) {
        switch policy.metric {
        case .costPerSuccess, .costPerSuccessDeltaPct:
            let head = costPerSuccess(candidate, filter: filter)
            guard policy.metric == .costPerSuccessDeltaPct else { return (head, head == nil ? "no record carries outcome success" : nil) }
            let base = costPerSuccess(baseline, filter: filter)
            guard let head, let base else { return (nil, "no record carries outcome success on one side") }
            return (Comparison.percent(head, base), nil)
        default:
            let tierName = policy.filter.first { $0.key == "tier" }?.value ?? ""
            let route = policy.filter.first { $0.key == "route" }?.value
            let rows = candidate.forecast.architectures.filter { route == nil || $0.route == route }
                .flatMap { architecture in architecture.tiers.filter { $0.name == tierName } }
            guard !rows.isEmpty else {
                return (nil, "no router tier '\(tierName)'" + (route.map { " on route '\($0)'" } ?? ""))
            }
            var cost = PreciseSum()
            var requests = PreciseSum()
            var weightedQuality = PreciseSum()
            var scored = PreciseSum()
            for row in rows {
                cost.add(row.monthlyCost)
                requests.add(row.requests)
                if let quality = row.quality {
                    weightedQuality.add(row.scoredRequests, times: quality)
                    scored.add(row.scoredRequests)
                }
            }
            // The tier's rows pooled as one subset: its mean quality over the scored requests, and its cost per
            // quality as for any subset, cost per request over that mean (unscored requests at the mean).
            let mean = scored.value > 0 ? weightedQuality.value / scored.value : nil
            switch policy.metric {
            case .tierCost:
                return (cost.value, nil)
            case .tierQuality:
                return mean.map { ($0, nil) } ?? (nil, "no quality scores for the tier")
            default:
                guard let mean, mean > 0, requests.value > 0 else { return (nil, "no quality scores for the tier") }
                return (cost.value / (requests.value * mean), nil)
            }
        }
    }

    /// Cost per successful request over the records matching `filter` that carry an outcome.
    private static func costPerSuccess(_ context: PolicyContext, filter: [(key: String, value: String)]) -> Double? {
        let matcher = filter.isEmpty ? nil : RecordFilter(filter, traffic: context.traffic, replay: context.replay)
        return Forecast.Outcomes(traffic: context.traffic, weights: context.replay.weights, values: context.values,
                                 factor: context.forecast.scaling.factor, include: matcher.map { m in { m.matches($0) } })?.costPerSuccess
    }

    /// A record on a router or cache route calls several models, so `where.model` cannot select it: the policy
    /// says so rather than leave those calls out silently.
    static func modelFilterCaveat(_ policy: Policy, candidate: PolicyContext) -> String? {
        guard policy.filter.contains(where: { $0.key == "model" }), let ledger = candidate.replay.architecture, !ledger.entries.isEmpty else { return nil }
        return "records on routes with a router or semantic cache (" + ledger.routes.map(\.name).joined(separator: ", ")
            + ") call several models and are not matched by where.model; by_model in the JSON report has each model's calls"
    }
}
