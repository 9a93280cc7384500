extension ServingForecaster {
    /// Latency samples for requests on hosted APIs, added one block of records at a time in record order.
    ///
    /// A request that stays on the model that served it keeps its recorded TTFT and per-token time, and its sample is
    /// added as its block comes. Any other gets its model's hosted profile, calibrated on the recorded latencies of
    /// that model (at most 20,000 evenly spaced samples: medians of more move less than the noise), which is known
    /// only once every block has come: those requests are summed per route, model and output length (a profile's
    /// latency depends on nothing else) and added at the end, one weighted sample each, in name order. A whole sample
    /// is one block, so a sample read a block at a time gets the same summaries.
    struct HostedLatency {
        private let catalog: PriceCatalog
        /// Per slot of the side's model names: whether a priced record uses it, and its published profile.
        private var usedSlot: [Bool] = []
        private var priors: [HostedLatencyProfile?] = []
        /// Per slot, whether it has a published profile (`priors[slot] != nil`, read for every record without copying
        /// the profile out of the array).
        private var hasPrior: [Bool] = []
        /// Per string id, whether a priced record was recorded on that model.
        private var isPricedModel: [Bool] = []
        /// `catalog.sameModel(recorded, slot name)`, by recorded string id and slot: 1 the same, 0 not, -1 not known yet.
        private var keeps: [[Int8]] = []
        /// The recorded latencies of every record that has one and did not fail, in record order: its model (string
        /// id), output tokens, end-to-end latency and TTFT (NaN when absent), 28 bytes a record. Which of them
        /// calibrate a slot is known only at the end (the strides depend on how many there are). They are the
        /// records', not a side's: one `Evidence` serves every side.
        struct Evidence {
            private var model: [Int32] = []
            private var output: [Int64] = []
            private var latency: [Double] = []
            private var ttft: [Double] = []
            /// A sample read whole, whose records are read in place (no copy of 28 bytes a record on each side).
            private var whole: Traffic?

            /// Evidence added a block at a time (`add`).
            init() {}

            /// The evidence of a sample read whole.
            init(wholeSample traffic: Traffic) { whole = traffic }

            /// Calls `body` with each record's model, output tokens, latency and TTFT (NaN when absent), in record order.
            func forEach(_ body: (_ model: Int32, _ outputTokens: Int64, _ latencyMs: Double, _ ttftMs: Double) -> Void) {
                if let whole {
                    for record in whole.records where record.latencyMs.isFinite && !record.isError {
                        body(record.model, record.outputTokens, record.latencyMs, record.ttftMs.isFinite ? record.ttftMs : .nan)
                    }
                    return
                }
                for index in model.indices { body(model[index], output[index], latency[index], ttft[index]) }
            }

            /// Adds the next block's records.
            mutating func add(_ traffic: Traffic) {
                for record in traffic.records where record.latencyMs.isFinite && !record.isError {
                    model.append(record.model)
                    output.append(record.outputTokens)
                    latency.append(record.latencyMs)
                    ttft.append(record.ttftMs.isFinite ? record.ttftMs : .nan)
                }
            }
        }

        /// Weight of the requests each profile will time: per (route, slot) pair, by output length below
        /// `denseOutputs` in an array (a dictionary lookup for every such request was about 3% of a check's time),
        /// and the rest by key: longer outputs, and every length an array could not grow to once the arrays would
        /// hold more than `denseLimit` entries in all, 131,072 (2.2 MB) by default: 20,000 routes, each with one
        /// request of 30,000 output tokens, would otherwise ask for 10 GB, and 20,000 routes of 100-token answers took
        /// 34 MB a side. A length goes to the same place every time, so each sum adds its requests in record order.
        private var pairIndex = PairIndex()
        private var pairs: [(route: Int32, slot: Int32)] = []
        private var lastPair: (key: Int64, index: Int) = (-1, 0)
        private var profiledWeights: [[PreciseSum]] = []
        private var profiledSeen: [[Bool]] = []
        private var profiledLong: [ProfiledKey: PreciseSum] = [:]
        private var profiledFrozen: [Bool] = []
        private var denseEntries = 0
        private static let denseOutputs = 1 << 15
        /// Entries the arrays may hold in all (`init`'s default; a test makes it small).
        private let denseLimit: Int

        /// Kept samples (`LatencyTally.samples`) waiting for their profile: where they are, their slot and output.
        private var unfilled: [(position: Int, slot: Int32, outputTokens: Int)] = []

        /// Requests timed by one hosted profile alike: their route, model slot and output length.
        struct ProfiledKey: Hashable {
            var route: Int32
            var slot: Int32
            var outputTokens: Int
        }

        init(catalog: PriceCatalog, denseLimit: Int = 1 << 17) {
            self.catalog = catalog
            self.denseLimit = denseLimit
        }

        /// Marks `slot` used by a priced record, preparing its published profile the first time.
        private mutating func use(_ slot: Int, slotNames: [String]) {
            if slot >= usedSlot.count {
                usedSlot += [Bool](repeating: false, count: slot + 1 - usedSlot.count)
                priors += [HostedLatencyProfile?](repeating: nil, count: slot + 1 - priors.count)
                hasPrior += [Bool](repeating: false, count: slot + 1 - hasPrior.count)
            }
            if !usedSlot[slot] {
                usedSlot[slot] = true
                priors[slot] = HostedLatencyProfile.profile(slotNames[slot])
                hasPrior[slot] = priors[slot] != nil
            }
        }

        private mutating func keeps(_ slot: Int, _ model: Int32, traffic: Traffic, slotNames: [String]) -> Bool {
            let id = Int(model)
            if id >= keeps.count { keeps += [[Int8]](repeating: [], count: traffic.strings.strings.count - keeps.count) }
            if slot >= keeps[id].count { keeps[id] += [Int8](repeating: -1, count: slotNames.count - keeps[id].count) }
            if keeps[id][slot] >= 0 { return keeps[id][slot] == 1 }
            let same = catalog.sameModel(traffic.strings[model], slotNames[slot])
            keeps[id][slot] = same ? 1 : 0
            return same
        }

        /// Adds a block: `traffic`'s records replayed as `replay`. `slots` maps the replay's slots to the side's
        /// (`slotNames`), nil when they are the same.
        mutating func add(traffic: Traffic, replay: Replay, slots: [Int32]?, slotNames: [String], into tally: inout LatencyTally) {
            for index in traffic.records.indices {
                let record = traffic.records[index]
                guard replay.billing[index] == .priced else { continue }
                let slot = Int(slots.map { $0[Int(replay.models[index])] } ?? replay.models[index])
                use(slot, slotNames: slotNames)
                if Int(record.model) >= isPricedModel.count {
                    isPricedModel += [Bool](repeating: false, count: traffic.strings.strings.count - isPricedModel.count)
                }
                isPricedModel[Int(record.model)] = true
                let output = Int(replay.outputTokens[index])
                guard output > 0 else { continue }
                if record.ttftMs.isFinite, record.latencyMs.isFinite, record.latencyMs >= record.ttftMs, !record.isError,
                   keeps(slot, record.model, traffic: traffic, slotNames: slotNames) {
                    let perToken = record.outputTokens > 1 ? (record.latencyMs - record.ttftMs) / Double(record.outputTokens - 1) : .nan
                    let e2e = record.ttftMs + (perToken.isFinite ? perToken * Double(output - 1) : 0)
                    tally.add(.init(record: index, weight: replay.weights[index], ttftMs: record.ttftMs,
                                    tpotMs: output > 1 ? perToken : .nan, e2eMs: e2e), route: record.route)
                } else if hasPrior[slot] {
                    // Its sample is added at the end; its weight is covered now, and a policy with `where` keeps it with
                    // the sample's figures filled in then.
                    if let position = tally.cover(record: index, weight: replay.weights[index]) {
                        unfilled.append((position, Int32(slot), output))
                    }
                    addProfiled(route: record.route, slot: Int32(slot), outputTokens: output, weight: replay.weights[index])
                }
            }
        }

        private mutating func addProfiled(route: Int32, slot: Int32, outputTokens: Int, weight: Double) {
            guard outputTokens < Self.denseOutputs else {
                profiledLong[ProfiledKey(route: route, slot: slot, outputTokens: outputTokens), default: PreciseSum()].add(weight)
                return
            }
            let key = Int64(route) << 32 | Int64(slot)
            if key != lastPair.key {
                if let known = pairIndex.index(of: key) {
                    lastPair = (key, known)
                } else {
                    pairIndex.insert(key, index: pairs.count)
                    lastPair = (key, pairs.count)
                    pairs.append((route, slot))
                    profiledWeights.append([])
                    profiledSeen.append([])
                    profiledFrozen.append(false)
                }
            }
            let pair = lastPair.index
            if outputTokens >= profiledWeights[pair].count {
                let count = min(Self.denseOutputs, max(outputTokens + 1, 2 * profiledWeights[pair].count))
                let growth = count - profiledWeights[pair].count
                // Once an array may not grow, it never does: a length past its end always goes to the dictionary.
                guard !profiledFrozen[pair], denseEntries + growth <= denseLimit else {
                    profiledFrozen[pair] = true
                    profiledLong[ProfiledKey(route: route, slot: slot, outputTokens: outputTokens), default: PreciseSum()].add(weight)
                    return
                }
                denseEntries += growth
                profiledWeights[pair] += [PreciseSum](repeating: PreciseSum(), count: growth)
                profiledSeen[pair] += [Bool](repeating: false, count: growth)
            }
            profiledWeights[pair][outputTokens].add(weight)
            profiledSeen[pair][outputTokens] = true
        }

        /// The weight of each (route, slot, output length) a profile times.
        private var profiled: [ProfiledKey: PreciseSum] {
            var result = profiledLong
            for (pair, key) in pairs.enumerated() {
                for output in profiledSeen[pair].indices where profiledSeen[pair][output] {
                    result[ProfiledKey(route: key.route, slot: key.slot, outputTokens: output)] = profiledWeights[pair][output]
                }
            }
            return result
        }

        /// Calibrates each used slot's profile, notes it, and adds the profiled requests' samples.
        /// - Parameters:
        ///   - alsoUsed: slots a router or cache calls, timed by their profiles too.
        ///   - traffic: names the string ids the blocks used.
        /// - Returns: each slot's calibrated profile, nil where there is none.
        mutating func finish(slotNames: [String], alsoUsed: [Int32], evidence recorded: Evidence, traffic: Traffic, notes: inout [String],
                             into tally: inout LatencyTally) -> [HostedLatencyProfile?] {
            let slots = slotNames.count
            for slot in alsoUsed { use(Int(slot), slotNames: slotNames) }
            if usedSlot.count < slots {
                usedSlot += [Bool](repeating: false, count: slots - usedSlot.count)
                priors += [HostedLatencyProfile?](repeating: nil, count: slots - priors.count)
                hasPrior += [Bool](repeating: false, count: slots - hasPrior.count)
            }
            // The slots each recorded name calibrates; then two passes over the evidence for every slot at once: count
            // each slot's, then keep every stride-th of it (at most about 20,000 a slot).
            // Model `m`'s slots are `calibrated[firstSlot[m]..<firstSlot[m + 1]]`: one flat array, so that the passes
            // over every record do not retain and release an array of slots per record.
            var calibrated: [Int] = []
            var firstSlot = [Int](repeating: 0, count: isPricedModel.count + 1)
            for model in isPricedModel.indices {
                firstSlot[model] = calibrated.count
                if isPricedModel[model] {
                    calibrated += (0..<slots).filter { priors[$0] != nil && keeps($0, Int32(model), traffic: traffic, slotNames: slotNames) }
                }
            }
            firstSlot[isPricedModel.count] = calibrated.count
            let models = isPricedModel.count
            var available = [Int](repeating: 0, count: slots)
            recorded.forEach { model, _, _, _ in
                guard Int(model) < models else { return }
                for position in firstSlot[Int(model)]..<firstSlot[Int(model) + 1] { available[calibrated[position]] += 1 }
            }
            let strides = available.map { max(1, ($0 + 19_999) / 20_000) }
            var evidence = [[HostedLatencyProfile.Sample]](repeating: [], count: slots)
            var seen = [Int](repeating: 0, count: slots)
            recorded.forEach { model, output, latency, ttft in
                guard Int(model) < models else { return }
                for position in firstSlot[Int(model)]..<firstSlot[Int(model) + 1] {
                    let slot = calibrated[position]
                    if seen[slot] % strides[slot] == 0 {
                        evidence[slot].append(.init(outputTokens: Int(output), latencyMs: latency, ttftMs: ttft.isNaN ? nil : ttft))
                    }
                    seen[slot] += 1
                }
            }
            var profiles = [HostedLatencyProfile?](repeating: nil, count: slots)
            for slot in 0..<slots {
                guard let prior = priors[slot] else { continue }
                let profile = prior.calibrated(from: evidence[slot])
                profiles[slot] = profile
                notes.append("\(slotNames[slot]): TTFT \(Format.fixed(profile.ttftMs, digits: 1)) ms, \(Format.fixed(profile.outputTokensPerSecond, digits: 1)) tokens/s (\(profile.source), \(profile.date))")
            }
            for sample in unfilled {
                let profile = profiles[Int(sample.slot)]!
                let output = sample.outputTokens
                tally.fill(sample.position, ttftMs: profile.ttftMs, tpotMs: output > 1 ? profile.tpotMs : .nan,
                           e2eMs: profile.latencyMs(outputTokens: output))
            }
            let profiled = self.profiled
            let order = profiled.keys.sorted {
                (traffic.strings[$0.route], slotNames[Int($0.slot)], $0.outputTokens) < (traffic.strings[$1.route], slotNames[Int($1.slot)], $1.outputTokens)
            }
            for key in order {
                let profile = profiles[Int(key.slot)]!
                let output = key.outputTokens
                tally.addSummarized(.init(record: -1, weight: profiled[key]!.value, ttftMs: profile.ttftMs,
                                          tpotMs: output > 1 ? profile.tpotMs : .nan, e2eMs: profile.latencyMs(outputTokens: output)),
                                    route: key.route)
            }
            return profiles
        }
    }
}
