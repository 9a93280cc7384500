extension ChangeDecomposition {
    /// Each route's monthly totals per slot on one side, by route name: one pass over the replayed records.
    static func routeSides(replay: Replay, traffic: Traffic, forecast: Forecast) -> [String: Side] {
        let extra = forecast.serving?.extraCost
        var sums = RouteSums()
        for index in traffic.records.indices {
            sums.add(route: traffic.records[index].route, replay: replay, index: index, extraCost: extra?[index])
        }
        return sums.sides(routeNames: { traffic.strings[$0] }, modelNames: replay.modelNames, factor: forecast.scaling.factor)
    }

    /// The totals of each (route, slot) pair, added one replayed record at a time in record order: a sample read a
    /// block at a time adds each block in turn and reaches the sums of one pass over the whole sample.
    struct RouteSums {
        struct Sums {
            var requests = PreciseSum(), input = PreciseSum(), cached = PreciseSum(), output = PreciseSum()
            // Costs in picodollars, turned into dollars once per slot (its prices then read back exactly).
            var inputPicodollars = PreciseSum(), cachedPicodollars = PreciseSum(), outputPicodollars = PreciseSum()
            var otherCost = PreciseSum()
        }
        // Records come in runs of one route and model, so the last key is checked before the index.
        private var slotIndex = PairIndex()
        /// The (route, slot) pairs in the order they first came.
        private var keys: [Int64] = []
        private var sums: [Sums] = []
        private var lastKey: Int64 = -1
        private var slot = 0

        /// Adds record `index` of `replay`, on `route` (a string id); its slot is `slot` when given, else the replay's.
        @inline(__always)
        mutating func add(route: Int32, replay: Replay, index: Int, slot model: Int32? = nil, extraCost: Double?) {
            let key = Int64(route) << 32 | Int64(UInt32(bitPattern: model ?? replay.models[index]))
            if key != lastKey {
                if let known = slotIndex.index(of: key) {
                    slot = known
                } else {
                    slot = sums.count
                    slotIndex.insert(key, index: slot)
                    keys.append(key)
                    sums.append(Sums())
                }
                lastKey = key
            }
            let weight = replay.weights[index]
            let total = replay.picodollars[index]
            let cachedCost = replay.cachedPicodollars.isEmpty ? 0 : replay.cachedPicodollars[index]
            let outputCost = replay.outputPicodollars.isEmpty ? 0 : replay.outputPicodollars[index]
            sums[slot].requests.add(weight)
            sums[slot].input.add(weight, times: Double(replay.inputTokens[index]))
            sums[slot].cached.add(weight, times: Double(replay.cachedTokens.isEmpty ? 0 : replay.cachedTokens[index]))
            sums[slot].output.add(weight, times: Double(replay.outputTokens[index]))
            sums[slot].inputPicodollars.add(weight, times: Double(total - cachedCost - outputCost))
            sums[slot].cachedPicodollars.add(weight, times: Double(cachedCost))
            sums[slot].outputPicodollars.add(weight, times: Double(outputCost))
            if let extraCost { sums[slot].otherCost.add(extraCost) }
        }

        /// Each route's slots, scaled by `factor`; `routeNames` names a route id, `modelNames` the slots.
        func sides(routeNames: (Int32) -> String, modelNames: [String], factor: Double) -> [String: Side] {
            var slots: [String: [Slot]] = [:]
            for (key, sum) in zip(keys, sums) {
                let route = routeNames(Int32(truncatingIfNeeded: key >> 32))
                let name = modelNames[Int(Int32(truncatingIfNeeded: key))]
                var slot = Slot(
                    name: name, requests: sum.requests.value * factor, inputTokens: sum.input.value * factor,
                    cachedTokens: sum.cached.value * factor, outputTokens: sum.output.value * factor,
                    inputCost: sum.inputPicodollars.value / 1e12 * factor, cachedCost: sum.cachedPicodollars.value / 1e12 * factor,
                    outputCost: sum.outputPicodollars.value / 1e12 * factor, otherCost: sum.otherCost.value * factor)
                var uncached = sum.input
                uncached.subtract(sum.cached)
                slot.picodollarSums = [sum.inputPicodollars.value, sum.cachedPicodollars.value, sum.outputPicodollars.value]
                slot.tokenSums = [uncached.value, sum.cached.value, sum.output.value]
                slots[route, default: []].append(slot)
            }
            return slots.mapValues { Side(slots: $0) }
        }
    }
}
