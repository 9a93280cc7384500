/// The sums a side's forecast is made of, added one record at a time in record order: a whole sample adds its records
/// in one pass (`Forecaster.forecast`), and a sample read a block at a time (`StreamingEvaluator`) adds each block's
/// in turn, so both reach the same sums and the same forecast.
///
/// Routes and tag sets are indexed by the traffic's string and tag-set ids, models by the replay's slots; the arrays
/// grow as larger ids arrive.
struct ForecastSums {
    var total = PreciseSum()
    var requests = PreciseSum()
    var inputTokens = PreciseSum()
    var outputTokens = PreciseSum()
    var quality = QualityTally()
    var routeCost: [PreciseSum] = []
    var routeRequests: [PreciseSum] = []
    var modelCost: [PreciseSum] = []
    var modelRequests: [PreciseSum] = []
    var tagSetCost: [PreciseSum] = []
    var tagSetRequests: [PreciseSum] = []
    var unpriced = 0
    var selfHosted = 0
    /// Records that carry an outcome: their weight, the weight of the successes, and their cost.
    var outcomeWeight = PreciseSum()
    var successWeight = PreciseSum()
    var outcomeCost = PreciseSum()
    var hasOutcomes = false

    /// Sums sized for `routes` string ids, `models` slots and `tagSets` tag sets (they grow past them as needed).
    init(routes: Int = 0, models: Int = 0, tagSets: Int = 0) {
        routeCost = [PreciseSum](repeating: PreciseSum(), count: routes)
        routeRequests = routeCost
        modelCost = [PreciseSum](repeating: PreciseSum(), count: models)
        modelRequests = modelCost
        tagSetCost = [PreciseSum](repeating: PreciseSum(), count: tagSets)
        tagSetRequests = tagSetCost
    }

    /// Adds a replayed record, all but its model (`addModel`, or a router's attribution of its calls).
    /// - Parameters:
    ///   - cost: the record's weighted cost over the window (`Forecaster.costValues`).
    ///   - weight: how many requests it stands for.
    @inline(__always)
    mutating func add(_ record: TrafficRecord, cost: Double, weight: Double, inputTokens input: Int64, outputTokens output: Int64,
                      quality score: Double, billing: Replay.Billing) {
        total.add(cost)
        requests.add(weight)
        inputTokens.add(weight, times: Double(input))
        outputTokens.add(weight, times: Double(output))
        quality.add(score: score, weight: weight)
        let route = Int(record.route)
        if route >= routeCost.count { Self.grow(&routeCost, &routeRequests, to: route + 1) }
        routeCost[route].add(cost)
        routeRequests[route].add(weight)
        let tagSet = Int(record.tagSet)
        if tagSet >= tagSetCost.count { Self.grow(&tagSetCost, &tagSetRequests, to: tagSet + 1) }
        tagSetCost[tagSet].add(cost)
        tagSetRequests[tagSet].add(weight)
        switch billing {
        case .priced: break
        case .unpriced: unpriced += 1
        case .selfHosted: selfHosted += 1
        }
        if record.outcomeCode != 0 {
            hasOutcomes = true
            outcomeWeight.add(weight)
            outcomeCost.add(cost)
            if record.outcomeCode == 1 { successWeight.add(weight) }
        }
    }

    /// Adds a record's cost and weight to its model's slot.
    @inline(__always)
    mutating func addModel(_ slot: Int32, cost: Double, weight: Double) {
        let model = Int(slot)
        if model >= modelCost.count { Self.grow(&modelCost, &modelRequests, to: model + 1) }
        modelCost[model].add(cost)
        modelRequests[model].add(weight)
    }

    private static func grow(_ cost: inout [PreciseSum], _ requests: inout [PreciseSum], to count: Int) {
        cost += [PreciseSum](repeating: PreciseSum(), count: count - cost.count)
        requests += [PreciseSum](repeating: PreciseSum(), count: count - requests.count)
    }

    /// The recorded outcomes, scaled by `factor`; nil when no record carries one.
    func outcomes(factor: Double) -> Forecast.Outcomes? {
        guard hasOutcomes else { return nil }
        return Forecast.Outcomes(successes: successWeight.value * factor, withOutcome: outcomeWeight.value * factor,
                                 monthlyCost: outcomeCost.value * factor)
    }
}
