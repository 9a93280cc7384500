extension ChangeDecomposition {
    /// Each route's monthly totals per slot on one side, by route name: one pass over the replayed records.
    static func routeSides(replay: Replay, traffic: Traffic, forecast: Forecast) -> [String: Side] {
        let records = traffic.records
        let extra = forecast.serving?.extraCost
        struct Sums {
            var requests = PreciseSum(), input = PreciseSum(), cached = PreciseSum(), output = PreciseSum()
            // Costs in picodollars, turned into dollars once per slot (its prices then read back exactly).
            var inputPicodollars = PreciseSum(), cachedPicodollars = PreciseSum(), outputPicodollars = PreciseSum()
            var otherCost = PreciseSum()
        }
        // Records come in runs of one route and model, so the last key is checked before the dictionary.
        var slotIndex: [Int64: Int] = [:]
        var keys: [Int64] = []
        var sums: [Sums] = []
        var lastKey: Int64 = -1
        var slot = 0
        for index in records.indices {
            let key = Int64(records[index].route) << 32 | Int64(UInt32(bitPattern: replay.models[index]))
            if key != lastKey {
                if let known = slotIndex[key] {
                    slot = known
                } else {
                    slot = sums.count
                    slotIndex[key] = slot
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
            if let extra { sums[slot].otherCost.add(extra[index]) }
        }
        let factor = forecast.scaling.factor
        var slots: [String: [Slot]] = [:]
        for (key, sum) in zip(keys, sums) {
            let route = traffic.strings[Int32(truncatingIfNeeded: key >> 32)]
            let name = replay.modelNames[Int(Int32(truncatingIfNeeded: key))]
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
