extension ArchitectureLedger {
    /// Adds each route's store cost to `serving`'s per-record extra cost: the month's store cost (price per hour
    /// × 24 × forecast days, no growth) spread over the route's records by weight and divided by the forecast's
    /// scale, so that scaling the sample back gives the fixed monthly figure. It is fixed, so the interval holds it
    /// constant.
    func addStoreCosts(to serving: inout ServingForecast, weights: [Double], scaling: Forecast.Scaling) {
        var routeWeight = [PreciseSum](repeating: PreciseSum(), count: routes.count)
        for entry in entries { routeWeight[Int(entry.route)].add(weights[Int(entry.record)]) }
        for entry in entries {
            let route = routes[Int(entry.route)]
            let total = routeWeight[Int(entry.route)].value
            guard route.storePricePerHour > 0, total > 0, scaling.factor > 0 else { continue }
            let window = route.storePricePerHour * 24 * scaling.days / scaling.factor
            let share = window * weights[Int(entry.record)] / total
            serving.addCost(share, record: Int(entry.record), count: weights.count, fixed: true)
        }
    }

    /// Attributes one record's cost to the models it calls: each component's weighted cost to its model, and the
    /// rest of `cost` (the store's share) to the route's store line.
    func attribute(entry position: Int, weight: Double, cost: Double, modelCost: inout [PreciseSum], modelRequests: inout [PreciseSum]) {
        var called = PreciseSum()
        for component in components(ofEntry: position).map({ components[$0] }) {
            let value = weight * Double(component.picodollars) * 1e-12
            modelCost[Int(component.slot)].add(value)
            modelRequests[Int(component.slot)].add(weight, times: component.calls)
            called.add(value)
        }
        if let store = routes[Int(entries[position].route)].storeSlot {
            modelCost[Int(store)].add(cost - called.value)
        }
    }

    /// The per-route summaries for a forecast: `values` are the records' weighted window costs (store included).
    func summaries(weights: [Double], values: [Double], factor: Double) -> [RouteArchitecture] {
        struct TierSums {
            var requests = PreciseSum()
            var cost = PreciseSum()
            var escalationCost = PreciseSum()
            var escalations = PreciseSum()
            var quality = QualityTally()
        }
        struct RouteSums {
            var requests = PreciseSum()
            var cost = PreciseSum()
            var hits = PreciseSum()
            var classifierCalls = PreciseSum()
            var classifierCost = PreciseSum()
            var embeddingCalls = PreciseSum()
            var embeddingCost = PreciseSum()
            var called = PreciseSum()
            var tiers: [TierSums]
        }
        var sums = routes.map { RouteSums(tiers: [TierSums](repeating: TierSums(), count: $0.tiers.count)) }
        for position in entries.indices {
            let entry = entries[position]
            let record = Int(entry.record)
            let weight = weights[record]
            let route = Int(entry.route)
            sums[route].requests.add(weight)
            sums[route].cost.add(values[record])
            sums[route].hits.add(weight, times: entry.hitShare)
            for component in components(ofEntry: position).map({ components[$0] }) {
                let value = weight * Double(component.picodollars) * 1e-12
                sums[route].called.add(value)
                switch component.role {
                case .embedding:
                    sums[route].embeddingCalls.add(weight, times: component.calls)
                    sums[route].embeddingCost.add(value)
                case .classifier:
                    sums[route].classifierCalls.add(weight, times: component.calls)
                    sums[route].classifierCost.add(value)
                case .tier:
                    let tier = Int(component.origin)
                    sums[route].tiers[tier].requests.add(weight, times: component.calls)
                    sums[route].tiers[tier].cost.add(value)
                    sums[route].tiers[tier].quality.add(score: component.quality, weight: weight * component.calls)
                case .escalation:
                    let tier = Int(component.origin)
                    sums[route].tiers[tier].cost.add(value)
                    sums[route].tiers[tier].escalationCost.add(value)
                    sums[route].tiers[tier].escalations.add(weight, times: component.calls)
                }
            }
        }
        return routes.indices.map { index in
            let route = routes[index]
            let sum = sums[index]
            let tiers = route.tiers.indices.map { tier in
                let tierSum = sum.tiers[tier]
                let cost = tierSum.cost.value * factor
                return RouteArchitecture.Tier(name: route.tiers[tier].name, model: route.tiers[tier].model, requests: tierSum.requests.value * factor,
                                              monthlyCost: cost, escalationCost: tierSum.escalationCost.value * factor,
                                              escalations: tierSum.escalations.value * factor, quality: tierSum.quality.mean,
                                              costPerQuality: tierSum.quality.costPerQuality(monthlyCost: cost, requests: tierSum.requests.value * factor),
                                              scoredRequests: tierSum.quality.scoredWeight * factor)
            }
            let requests = sum.requests.value
            return RouteArchitecture(
                route: route.name, requests: requests * factor, monthlyCost: sum.cost.value * factor, tiers: tiers,
                classifier: route.classifierModel.map { .init(model: $0, calls: sum.classifierCalls.value * factor, monthlyCost: sum.classifierCost.value * factor) },
                embedding: route.embeddingModel.map { .init(model: $0, calls: sum.embeddingCalls.value * factor, monthlyCost: sum.embeddingCost.value * factor) },
                storeMonthlyCost: route.storePricePerHour > 0 ? (sum.cost.value - sum.called.value) * factor : 0, storePricePerHour: route.storePricePerHour,
                hitRate: route.embeddingModel == nil || requests <= 0 ? nil : sum.hits.value / requests,
                hitRateSetting: route.hitRateSetting, hitLatencyMs: route.hitLatencyMs)
        }.sorted { $0.route < $1.route }
    }
}
