/// Prices routes' fallbacks (`routes.<route>.fallback`): the forecast load above the primary model's rate
/// limit and the recorded errors, sent to the fallback model.
///
/// Rate limits use the same load model as the rate-limit table: per minute of the sample, the weighted
/// requests × (1 + growth) and their input + output tokens on the primary model, across routes. In a minute
/// above `rpm` or `tpm`, the share `1 − limit / load` (the larger of the two) of each of the route's requests
/// goes to the fallback: the primary's rejected attempt is free (a 429 is not billed) and the fallback call
/// is paid. A recorded error is billed on the primary as recorded (the replay prices it) and retried once on
/// the fallback (the part not already sent there by the rate limit). Fallback calls are priced at the fallback
/// model's standard rates on the request's replayed input and output tokens, with no prompt-cache reads
/// (another provider's cache is cold). The difference joins the record's cost, so it reaches the route's
/// total, the interval and the breakdowns (by model it stays under the primary model's row).
enum FallbackPlanner {
    /// Per record, the cost change over the sample window (weighted, before growth; nil when no route has a fallback)
    /// and per route the monthly figures for the report.
    static func plan(traffic: Traffic, replay: Replay, plan: Plan, scaling: Forecast.Scaling)
        throws(CostGateError) -> (extraCost: [Double]?, uses: [ServingForecast.FallbackUse])
    {
        let count = traffic.records.count
        var extra: [Double]?
        var uses: [ServingForecast.FallbackUse] = []
        let growth = 1 + scaling.growth
        for (routeName, config) in plan.routes.sorted(by: { $0.key < $1.key }) where routeName != "*" {
            guard let fallback = config.fallback, config.deployment == nil, let routeID = traffic.strings.id(of: routeName) else { continue }
            let model = try replay.catalog.resolve(fallback.model, context: "\(plan.file): 'routes.\(routeName).fallback.model'")
            let indices = (0..<count).filter { traffic.records[$0].route == routeID && replay.billing[$0] == .priced }
            guard let first = indices.first else { continue }
            let primary = replay.modelNames[Int(replay.models[first])]
            var overflowShare: [Int64: Double] = [:]
            // Usage-report rows carry no request times within their buckets, so no minute's load is known
            // (`ServingForecaster.aggregatePeaksNote`): no overflow is forecast for them.
            if fallback.on.contains(.rateLimit), traffic.aggregateRows == 0,
               let limit = plan.rateLimits.sorted(by: { $0.key < $1.key }).first(where: { replay.catalog.sameModel($0.key, primary) })?.value {
                overflowShare = overflow(traffic: traffic, replay: replay, primary: primary, limit: limit, growth: growth)
            }
            var overflowRequests = PreciseSum()
            var errorRequests = PreciseSum()
            var fallbackCost = PreciseSum()
            var savedCost = PreciseSum()
            for index in indices {
                let record = traffic.records[index]
                let weight = replay.weights[index]
                let share = overflowShare[minute(record.timestamp)] ?? 0
                let retry = fallback.on.contains(.error) && record.isError ? 1 - share : 0
                guard share > 0 || retry > 0 else { continue }
                let input = replay.inputTokens[index]
                let output = replay.outputTokens[index]
                guard let rates = model.billedRates(.standard, inputTokens: input),
                      let pico = rates.picodollars(input: input, cached: 0, output: output, reasoning: 0) else {
                    throw .badRecord(file: traffic.source, line: index + 1, field: "input_tokens",
                                     expected: "a request costing less than 9.2 million USD on the fallback \(model.id)", found: String(input))
                }
                let fallbackUSD = Double(pico) * 1e-12
                let primaryUSD = Double(replay.picodollars[index]) * 1e-12
                ServingForecast.add(weight * (share * (fallbackUSD - primaryUSD) + retry * fallbackUSD), record: index, to: &extra,
                                    count: count)
                overflowRequests.add(weight * share)
                errorRequests.add(weight * retry)
                fallbackCost.add(weight * (share + retry) * fallbackUSD)
                savedCost.add(weight * share * primaryUSD)
            }
            let factor = scaling.factor
            uses.append(.init(route: routeName, primary: primary, fallback: model.id, overflowRequests: overflowRequests.value * factor,
                              errorRequests: errorRequests.value * factor, fallbackMonthlyCost: fallbackCost.value * factor,
                              primarySavedMonthlyCost: savedCost.value * factor))
        }
        return (extra, uses)
    }

    static func minute(_ timestamp: Double) -> Int64 { Int64((timestamp / 60).rounded(.down)) }

    /// Per minute, the share of the primary model's forecast load above its limit (0 when under it).
    static func overflow(traffic: Traffic, replay: Replay, primary: String, limit: Plan.RateLimit, growth: Double) -> [Int64: Double] {
        var requests: [Int64: Double] = [:]
        var tokens: [Int64: Double] = [:]
        let slots = Set(replay.modelNames.indices.filter { replay.catalog.sameModel(primary, replay.modelNames[$0]) }.map(Int32.init))
        for index in replay.weights.indices where slots.contains(replay.models[index]) && replay.billing[index] == .priced {
            let key = minute(traffic.records[index].timestamp)
            let load = replay.weights[index] * growth
            requests[key, default: 0] += load
            tokens[key, default: 0] += load * Double(replay.inputTokens[index] + replay.outputTokens[index])
        }
        var shares: [Int64: Double] = [:]
        for (key, load) in requests {
            var share = 0.0
            if let rpm = limit.rpm, load > rpm { share = max(share, 1 - rpm / load) }
            if let tpm = limit.tpm, let used = tokens[key], used > tpm { share = max(share, 1 - tpm / used) }
            if share > 0 { shares[key] = share }
        }
        return shares
    }
}
