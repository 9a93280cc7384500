/// What policies measure for one side: its replay, its traffic and its forecast.
struct PolicyContext {
    let replay: Replay
    let traffic: Traffic
    let forecast: Forecast
    /// Each record's weighted cost over the window, GPU cost attributed.
    let values: [Double]
    /// Each route's totals per slot, for the change decomposition (`ChangeDecomposition.routeSides`).
    let routeSides: [String: ChangeDecomposition.Side]
    /// For a side read a block at a time (`StreamingEvaluator`), which keeps no record: each policy filter's subset
    /// (by `PolicyContext.key(of:)`), measured as the blocks came, and the paired interval of the change against the
    /// baseline (in the values' unit, not yet scaled). Empty and nil for a side read whole.
    private(set) var measuredSubsets: [String: Subset] = [:]
    private(set) var pairedChange: Interval.Estimate?

    /// The context of one replayed side; its per-record costs and route totals are computed here, once, on the
    /// side's own thread.
    init(replay: Replay, traffic: Traffic, forecast: Forecast) {
        self.replay = replay
        self.traffic = traffic
        self.forecast = forecast
        values = Forecaster.costValues(replay, extraCost: forecast.serving?.extraCost)
        routeSides = ChangeDecomposition.routeSides(replay: replay, traffic: traffic, forecast: forecast)
    }

    /// The context of a side read a block at a time: `replay` holds its model names, catalog and warnings but no
    /// record, and `traffic` the sample's tables but no record.
    init(streamed replay: Replay, traffic: Traffic, forecast: Forecast, routeSides: [String: ChangeDecomposition.Side],
         subsets: [String: Subset], pairedChange: Interval.Estimate?) {
        self.replay = replay
        self.traffic = traffic
        self.forecast = forecast
        values = []
        self.routeSides = routeSides
        measuredSubsets = subsets
        self.pairedChange = pairedChange
    }

    /// The key of a filter among `measuredSubsets`.
    static func key(of filter: [(key: String, value: String)]) -> String {
        filter.map { $0.key + "\u{1F}" + $0.value }.joined(separator: "\u{1E}")
    }

    /// The part of each record's cost from fixed-size fleets (constant under resampling), or nil.
    var fixed: [Double]? { forecast.serving?.fixedCost }

    /// Figures for the records that pass `filter` (all records when it is empty).
    struct Subset {
        var monthlyCost: Double
        var requests: Double
        var quality: Double?
        var costPerQuality: Double?
        /// Each record's weighted cost, 0 outside the subset; empty unless asked for.
        var values: [Double]
        var fixed: [Double]?
        /// The subset's cost interval (unscaled), when measured as the blocks came: `values` is then empty.
        var interval: Interval.Estimate? = nil
        var matched: Int
        /// Matched records without a price (their model is in neither the catalog nor the plan): left out of the cost.
        var unpriced: Int
    }

    /// Measures the subset of records matching every `key=value` of `filter`; with `keepingValues`, also each record's
    /// cost in it (for an interval).
    func subset(_ filter: [(key: String, value: String)], keepingValues: Bool = false) -> Subset {
        if filter.isEmpty {
            return Subset(monthlyCost: forecast.monthlyCost, requests: forecast.requests, quality: forecast.quality,
                          costPerQuality: forecast.costPerQuality, values: keepingValues ? values : [], fixed: fixed, matched: forecast.scaling.records,
                          unpriced: forecast.unpricedRecords)
        }
        if let measured = measuredSubsets[Self.key(of: filter)] { return measured }
        let matcher = RecordFilter(filter, traffic: traffic, replay: replay)
        var cost = PreciseSum()
        var requests = PreciseSum()
        var quality = QualityTally()
        var masked = keepingValues ? [Double](repeating: 0, count: values.count) : []
        var maskedFixed = keepingValues ? fixed.map { [Double](repeating: 0, count: $0.count) } : nil
        var matched = 0
        var unpriced = 0
        for index in values.indices where matcher.matches(index) {
            matched += 1
            if replay.billing[index] == .unpriced { unpriced += 1 }
            if keepingValues {
                masked[index] = values[index]
                if let fixed { maskedFixed?[index] = fixed[index] }
            }
            cost.add(values[index])
            let weight = replay.weights[index]
            requests.add(weight)
            quality.add(score: replay.quality[index], weight: weight)
        }
        let factor = forecast.scaling.factor
        let monthly = cost.value * factor
        return Subset(monthlyCost: monthly, requests: requests.value * factor,
                      quality: quality.mean, costPerQuality: quality.costPerQuality(monthlyCost: monthly, requests: requests.value * factor),
                      values: masked, fixed: maskedFixed, matched: matched, unpriced: unpriced)
    }
}
