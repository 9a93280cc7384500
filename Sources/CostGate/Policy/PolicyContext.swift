/// What policies measure for one side: its replay, its traffic and its forecast.
struct PolicyContext {
    let replay: Replay
    let traffic: Traffic
    let forecast: Forecast

    /// Each record's weighted cost over the window, GPU cost attributed.
    var values: [Double] { Forecaster.costValues(replay, extraCost: forecast.serving?.extraCost) }

    /// The part of each record's cost from fixed-size fleets (constant under resampling), or nil.
    var fixed: [Double]? { forecast.serving?.fixedCost }

    /// Figures for the records that pass `filter` (all records when it is empty).
    struct Subset {
        var monthlyCost: Double
        var requests: Double
        var quality: Double?
        var costPerQuality: Double?
        var values: [Double]
        var fixed: [Double]?
        var matched: Int
    }

    /// Measures the subset of records matching every `key=value` of `filter`.
    func subset(_ filter: [(key: String, value: String)]) -> Subset {
        let values = self.values
        if filter.isEmpty {
            return Subset(monthlyCost: forecast.monthlyCost, requests: forecast.requests, quality: forecast.quality,
                          costPerQuality: forecast.costPerQuality, values: values, fixed: fixed, matched: values.count)
        }
        let matcher = RecordFilter(filter, traffic: traffic, replay: replay)
        var cost = PreciseSum()
        var requests = PreciseSum()
        var quality = QualityTally()
        var masked = [Double](repeating: 0, count: values.count)
        var maskedFixed = fixed.map { [Double](repeating: 0, count: $0.count) }
        var matched = 0
        for index in values.indices where matcher.matches(index) {
            matched += 1
            masked[index] = values[index]
            if let fixed { maskedFixed?[index] = fixed[index] }
            cost.add(values[index])
            let weight = replay.weights[index]
            requests.add(weight)
            quality.add(score: replay.quality[index], weight: weight)
        }
        let factor = forecast.scaling.factor
        let monthly = cost.value * factor
        return Subset(monthlyCost: monthly, requests: requests.value * factor,
                      quality: quality.mean, costPerQuality: quality.costPerQuality(monthlyCost: monthly, factor: factor),
                      values: masked, fixed: maskedFixed, matched: matched)
    }
}
