/// Computes forecasts from replays.
public enum Forecaster {
    /// The window and scale factor for a sample under `plan`.
    public static func scaling(traffic: Traffic, plan: Plan) throws(CostGateError) -> Forecast.Scaling {
        try scaling(records: traffic.records.count, timeSpan: traffic.timeSpan, coveredSeconds: traffic.coveredSeconds, plan: plan,
                    sample: traffic.source) { RecordedWindow(traffic) }
    }

    /// Whether a forecast of `plan` on a sample whose buckets cover `coveredSeconds` takes its window from the span of
    /// the timestamps (and so needs their `RecordedWindow`).
    static func windowFromTimestamps(_ plan: Plan, coveredSeconds: Double?) -> Bool {
        plan.traffic.windowHours == nil && !(coveredSeconds.map { $0 >= 0.0036 } ?? false)
    }

    /// The window and scale factor for a sample of `records` records whose timestamps span `timeSpan` (and, for usage
    /// rows, whose buckets cover `coveredSeconds`). `recorded` gives the minutes the timestamps fall in, asked for
    /// only when the window is their span; `sample` names the sample in the error that refuses a span mostly empty.
    static func scaling(records: Int, timeSpan: (earliest: Double, latest: Double)?, coveredSeconds: Double?,
                        plan: Plan, sample: String, recorded: () -> RecordedWindow) throws(CostGateError) -> Forecast.Scaling {
        let window: Double
        let fromPlan: Bool
        if let hours = plan.traffic.windowHours {
            window = hours * 3600
            fromPlan = true
        } else if !windowFromTimestamps(plan, coveredSeconds: coveredSeconds), let covered = coveredSeconds {
            // A usage report covers its buckets' whole width, not just the span of their start times.
            window = covered
            fromPlan = false
        } else {
            // The same floor as window_hours' (0.000001 h): a narrower span would scale the sample by an
            // unbounded factor.
            guard let span = timeSpan, span.latest - span.earliest >= 0.0036 else {
                throw .badPlan(file: plan.file, path: "traffic.window_hours",
                               expected: "a window (the sample's timestamps span less than 0.0036 s, so give window_hours)", found: nil)
            }
            if let stretch = recorded().emptyStretch(span: span.latest - span.earliest) {
                throw .badPlan(file: plan.file, path: "traffic.window_hours", expected: stretch.expectation(sample: sample), found: nil)
            }
            window = span.latest - span.earliest
            fromPlan = false
        }
        let days = plan.forecast.days
        let growth = plan.forecast.growth
        var scaling = Forecast.Scaling(windowSeconds: window, windowFromPlan: fromPlan, days: days, growth: growth,
                                       factor: days * 86_400 / window * (1 + growth), records: records,
                                       weightedRequests: 0, confidence: plan.forecast.confidence, intervalMethod: "",
                                       replicates: plan.forecast.replicates, seed: plan.forecast.seed)
        scaling.windowFromBuckets = !fromPlan && !windowFromTimestamps(plan, coveredSeconds: coveredSeconds)
        return scaling
    }

    /// Aggregates `replay` into a forecast scaled by `scaling`, with breakdowns and the cost interval.
    public static func forecast(_ replay: Replay, traffic: Traffic, scaling: Forecast.Scaling, extraCost: [Double]? = nil,
                                fixedCost: [Double]? = nil) -> Forecast {
        let count = replay.weights.count
        // Routes, models and tag sets are dense small ids, so the groups are arrays indexed by id.
        var sums = ForecastSums(routes: traffic.strings.strings.count, models: replay.modelNames.count, tagSets: traffic.tagSets.count)
        let values = costValues(replay, extraCost: extraCost)
        var entry = 0
        for index in 0..<count {
            let weight = replay.weights[index]
            let cost = values[index]
            sums.add(traffic.records[index], cost: cost, weight: weight, inputTokens: replay.inputTokens[index],
                     outputTokens: replay.outputTokens[index], quality: replay.quality[index], billing: replay.billing[index])
            if let ledger = replay.architecture, entry < ledger.entries.count, Int(ledger.entries[entry].record) == index {
                // A router or cache calls several models per record: each is attributed its own calls.
                ledger.attribute(entry: entry, weight: weight, cost: cost, modelCost: &sums.modelCost, modelRequests: &sums.modelRequests)
                entry += 1
            } else {
                sums.addModel(replay.models[index], cost: cost, weight: weight)
            }
        }
        let interval = Interval.estimate(values, fixed: fixedCost, confidence: scaling.confidence, replicates: scaling.replicates, seed: scaling.seed)
        var forecast = forecast(sums, name: replay.name, modelNames: replay.modelNames, traffic: traffic, scaling: scaling, interval: interval)
        forecast.architectures = replay.architecture?.summaries(weights: replay.weights, values: values, factor: scaling.factor) ?? []
        return forecast
    }

    /// The forecast of `sums`: totals, breakdowns by route, model and tag, quality and outcomes, scaled by `scaling`,
    /// with `interval` (in the values' unit, not yet scaled). `traffic` gives the names of the ids the sums use.
    static func forecast(_ sums: ForecastSums, name: String, modelNames: [String], traffic: Traffic, scaling: Forecast.Scaling,
                         interval: Interval.Estimate) -> Forecast {
        var routeSums: [Int32: (cost: PreciseSum, requests: PreciseSum)] = [:]
        var modelSums: [Int32: (cost: PreciseSum, requests: PreciseSum)] = [:]
        var tagSetSums: [Int32: (cost: PreciseSum, requests: PreciseSum)] = [:]
        for id in sums.routeRequests.indices where sums.routeRequests[id] != PreciseSum() || sums.routeCost[id] != PreciseSum() {
            routeSums[Int32(id)] = (sums.routeCost[id], sums.routeRequests[id])
        }
        for id in sums.modelRequests.indices where sums.modelRequests[id] != PreciseSum() || sums.modelCost[id] != PreciseSum() {
            modelSums[Int32(id)] = (sums.modelCost[id], sums.modelRequests[id])
        }
        for id in sums.tagSetRequests.indices where sums.tagSetRequests[id] != PreciseSum() || sums.tagSetCost[id] != PreciseSum() {
            tagSetSums[Int32(id)] = (sums.tagSetCost[id], sums.tagSetRequests[id])
        }
        let factor = scaling.factor
        func groups(_ sums: [Int32: (cost: PreciseSum, requests: PreciseSum)], name: (Int32) -> String) -> [Forecast.Group] {
            sums.map { Forecast.Group(name: name($0.key), monthlyCost: $0.value.cost.value * factor, requests: $0.value.requests.value * factor) }
                .sorted { $0.monthlyCost != $1.monthlyCost ? $0.monthlyCost > $1.monthlyCost : $0.name < $1.name }
        }
        // One pass over the tag sets, each adding to the values it names; what a key's sets leave out of the total
        // is its "(none)" group. A sample may name thousands of tag keys, so no key walks every set.
        var perKey: [Int32: (values: [Int32: (cost: PreciseSum, requests: PreciseSum)], sets: Int)] = [:]
        var allCost = PreciseSum()
        var allRequests = PreciseSum()
        for set in tagSetSums.keys.sorted() {
            let sums = tagSetSums[set]!
            allCost.add(sums.cost)
            allRequests.add(sums.requests)
            var seenKeys: [Int32] = []
            for pair in traffic.tagSets[Int(set)] where !seenKeys.contains(pair.key) {
                seenKeys.append(pair.key)
                perKey[pair.key, default: ([:], 0)].sets += 1
                perKey[pair.key]!.values[pair.value, default: (PreciseSum(), PreciseSum())].cost.add(sums.cost)
                perKey[pair.key]!.values[pair.value]!.requests.add(sums.requests)
            }
        }
        var byTag: [(key: String, groups: [Forecast.Group])] = []
        for key in traffic.tagKeys {
            let keyID = traffic.strings.id(of: key)!
            var perValue: [String: (cost: PreciseSum, requests: PreciseSum)] = [:]
            var noneCost = allCost
            var noneRequests = allRequests
            for (value, sums) in perKey[keyID]?.values ?? [:] {
                perValue[traffic.strings[value]] = sums
                noneCost.subtract(sums.cost)
                noneRequests.subtract(sums.requests)
            }
            if (perKey[keyID]?.sets ?? 0) < tagSetSums.count {
                // A value recorded as "(none)" shares the row of the records without the key, as in showback; it
                // used to be replaced by them, and its cost was missing from the breakdown.
                var none = perValue[Traffic.noneTagValue] ?? (PreciseSum(), PreciseSum())
                none.cost.add(noneCost)
                none.requests.add(noneRequests)
                perValue[Traffic.noneTagValue] = none
            }
            let list = perValue.map { Forecast.Group(name: $0.key, monthlyCost: $0.value.cost.value * factor, requests: $0.value.requests.value * factor) }
                .sorted { $0.monthlyCost != $1.monthlyCost ? $0.monthlyCost > $1.monthlyCost : $0.name < $1.name }
            byTag.append((key, list))
        }
        var scaled = scaling
        let requests = sums.requests.value
        scaled.weightedRequests = requests
        scaled.intervalMethod = interval.method
        let monthly = sums.total.value * factor
        var forecast = Forecast(
            name: name, monthlyCost: monthly,
            monthlyCostLow: interval.low * factor, monthlyCostHigh: interval.high * factor,
            requests: requests * factor, inputTokens: sums.inputTokens.value * factor, outputTokens: sums.outputTokens.value * factor,
            quality: sums.quality.mean, qualityCoverage: requests > 0 ? sums.quality.scoredWeight / requests : 0,
            costPerQuality: sums.quality.costPerQuality(monthlyCost: monthly, requests: requests * factor),
            byRoute: groups(routeSums) { traffic.strings[$0] },
            byModel: groups(modelSums) { modelNames[Int($0)] },
            byTag: byTag, unpricedRecords: sums.unpriced, selfHostedRecords: sums.selfHosted, scaling: scaled, serving: nil)
        forecast.outcomes = sums.outcomes(factor: factor)
        return forecast
    }

    /// Each record's weighted cost in USD over the sample window (weight × cost, plus any attributed GPU cost).
    public static func costValues(_ replay: Replay, extraCost: [Double]? = nil) -> [Double] {
        var values = [Double](repeating: 0, count: replay.weights.count)
        for index in values.indices {
            values[index] = replay.weights[index] * Double(replay.picodollars[index]) * 1e-12 + (extraCost?[index] ?? 0)
        }
        return values
    }
}
