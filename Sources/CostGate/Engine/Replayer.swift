/// Replays traffic under a plan.
public enum Replayer {
    /// Replays `traffic` under `plan`. Prompt changes are measured against `reference` (the base side).
    ///
    /// - Parameters:
    ///   - catalog: built-in prices plus the plan's own models.
    ///   - prompts: this plan's prompt sizes; `referencePrompts` the base side's.
    ///   - warningsOnRecords: whether to add the warnings about the records as a whole (unpriced models, unused
    ///     routes, tiers); a block of a larger sample leaves them to `recordWarnings`, called once for the sample.
    public static func replay(
        _ traffic: Traffic, plan: Plan, name: String, catalog: PriceCatalog,
        prompts: PromptSizes, reference: Plan, referencePrompts: PromptSizes, warningsOnRecords: Bool = true
    ) throws(CostGateError) -> Replay {
        let count = traffic.records.count
        var replay = Replay(name: name, picodollars: [Int64](repeating: 0, count: count),
                            weights: [Double](repeating: 0, count: count), models: [Int32](repeating: 0, count: count),
                            modelNames: [], inputTokens: [Int64](repeating: 0, count: count),
                            outputTokens: [Int64](repeating: 0, count: count),
                            quality: [Double](repeating: .nan, count: count),
                            billing: [Replay.Billing](repeating: .priced, count: count), catalog: catalog,
                            warnings: [], promptChanges: [])
        replay.cachedTokens = [Int64](repeating: 0, count: count)
        replay.cachedPicodollars = replay.cachedTokens
        replay.outputPicodollars = replay.cachedTokens
        let promptCache = PromptCacheForecast.forecast(traffic, plan: plan)
        replay.promptCache = promptCache?.routes ?? []
        // The slots' names live apart from `replay` until the end: a closure that captured `replay` would make every
        // write to its arrays below a checked dynamic access (`swift_beginAccess`, about 1% of a check).
        var modelNames: [String] = []
        var modelIndex: [String: Int32] = [:]
        func intern(_ id: String) -> Int32 {
            if let index = modelIndex[id] { return index }
            let index = Int32(modelNames.count)
            modelNames.append(id)
            modelIndex[id] = index
            return index
        }

        // Resolve each (route, recorded model) pair once; records then only look it up.
        // Only trivially copyable fields, so the per-record lookup copies no reference-counted storage.
        struct Resolved {
            var priced: Bool
            /// The route's own tier, nil to bill each record at the tier it names.
            var routeTier: ServiceTier?
            /// Where this pair's rates start in `tierRates`: per tier, at and below the threshold then above it.
            var ratesStart: Int
            /// Bit per `ServiceTier` the model has rates for.
            var availableTiers: UInt8
            /// The long-context threshold (prompt tokens), `Int64.max` when the model has no tier.
            var threshold: Int64
            var modelSlot: Int32
            var promptDelta: Int64
            var maxOutput: Int64?
            var outputScale: DecimalScale
            var selfHosted: Bool
            var quality: Double
        }
        var resolved: [Resolved] = []
        var tierRates: [TokenRates] = []
        var unavailableTiers: [[String]: Int] = [:]
        var resolvedIndex = PairIndex()
        var lastKey: Int64 = -1
        var lastIndex = 0
        var routePromptDelta: [Int32: Int64] = [:]
        var unpricedNames: [String: Int] = [:]
        let defaultWeight = 1 / plan.traffic.sampleRate
        var architecture = try ArchitectureReplayer(traffic: traffic, plan: plan, catalog: catalog, intern: intern)

        for index in 0..<count {
            let record = traffic.records[index]
            let key = Int64(record.route) << 32 | Int64(UInt32(bitPattern: record.model))
            if key != lastKey, let known = resolvedIndex.index(of: key) {
                lastKey = key
                lastIndex = known
            } else if key != lastKey {
                let routeName = traffic.strings[record.route]
                let config = plan.routeConfig(for: routeName)
                let recordedModel = traffic.strings[record.model]
                let modelName = config.usesRecordedModel ? recordedModel : config.model!
                var model: ModelPrice?
                if config.deployment == nil {
                    if config.usesRecordedModel {
                        model = catalog.lookup(recordedModel)
                    } else {
                        model = try catalog.resolve(modelName, context: "\(plan.file): 'routes.\(plan.routes[routeName] != nil ? routeName : "*").model'")
                    }
                }
                if config.router == nil, let tier = config.billedTier, tier != .standard, let chosen = model,
                   chosen.billedRates(tier, inputTokens: 0) == nil {
                    let key = tier == .batch ? "batch" : "service_tier"
                    throw .badPlan(file: plan.file, path: "routes.\(routeName).\(key)",
                                   expected: tier == .batch ? "a model with a batch API" : "a model with \(tier.name) rates", found: chosen.id)
                }
                let delta: Int64
                if let cachedDelta = routePromptDelta[record.route] {
                    delta = cachedDelta
                } else {
                    delta = promptDelta(route: routeName, plan: plan, prompts: prompts, reference: reference,
                                        referencePrompts: referencePrompts, replay: &replay)
                    routePromptDelta[record.route] = delta
                }
                let slotName = config.deployment.map { "deployment:" + $0 } ?? model?.id ?? (modelName.isEmpty ? "(no model)" : modelName)
                var score = qualityScore(plan: plan, route: routeName, model: model?.id ?? modelName, catalog: catalog)
                if let deployment = config.deployment {
                    // A self-hosted route is scored under its deployment's name or the model it serves.
                    let served = plan.deployment(named: deployment)?.model.id
                    score = [deployment, served].compactMap { $0 }
                        .map { qualityScore(plan: plan, route: routeName, model: $0, catalog: catalog) }
                        .first { !$0.isNaN } ?? .nan
                }
                let ratesStart = tierRates.count
                let threshold = model?.longContext?.threshold ?? Int64.max
                var available: UInt8 = 0
                for tier in ServiceTier.allCases {
                    let below = model?.billedRates(tier, inputTokens: 0)
                    let above = threshold == Int64.max ? below : model?.billedRates(tier, inputTokens: threshold + 1)
                    if below != nil { available |= 1 << tier.rawValue }
                    tierRates.append(below ?? TokenRates(input: 0, output: 0))
                    tierRates.append(above ?? TokenRates(input: 0, output: 0))
                }
                resolved.append(Resolved(priced: model != nil, routeTier: config.billedTier, ratesStart: ratesStart,
                                         availableTiers: available, threshold: threshold,
                                         modelSlot: intern(slotName), promptDelta: delta,
                                         maxOutput: config.maxOutputTokens, outputScale: config.outputScale,
                                         selfHosted: config.deployment != nil, quality: score))
                lastKey = key
                lastIndex = resolved.count - 1
                resolvedIndex.insert(key, index: lastIndex)
            }
            let entry = resolved[lastIndex]

            let input = max(0, record.inputTokens + entry.promptDelta)
            // A prompt change shortens the uncached part first; cache reads, then writes, are cut only past it.
            var cached = min(record.cachedInputTokens, input)
            var cacheWrite = min(record.cacheWriteInputTokens, input - cached)
            var cacheWrite1h = min(record.cacheWrite1hInputTokens, input - cached - cacheWrite)
            if let forecast = promptCache?.tokens(index, input: input) { (cached, cacheWrite, cacheWrite1h) = forecast }
            guard var output = entry.outputScale.apply(record.outputTokens),
                  let scaledReasoning = entry.outputScale.apply(record.reasoningTokens) else {
                throw .badRecord(file: traffic.source, line: index + 1, field: "output_tokens", expected: "a token count that stays in range when scaled", found: String(record.outputTokens))
            }
            if let cap = entry.maxOutput { output = min(output, cap) }
            let reasoning = min(scaledReasoning, output)

            replay.weights[index] = record.weight(orDefault: defaultWeight)
            replay.models[index] = entry.modelSlot
            replay.inputTokens[index] = input
            replay.outputTokens[index] = output
            replay.quality[index] = entry.quality.isNaN ? record.quality : entry.quality
            replay.cachedTokens[index] = cached
            if !architecture.isEmpty, architecture.covers(record.route) {
                let tokens = ArchitectureReplayer.Tokens(input: input, cached: cached, cacheWrite: cacheWrite, cacheWrite1h: cacheWrite1h,
                                                         output: output, reasoning: reasoning)
                (replay.picodollars[index], replay.quality[index]) = try architecture.price(index, record: record, tokens: tokens, traffic: traffic)
                replay.models[index] = intern("router:" + traffic.strings[record.route])
                continue
            }
            if entry.selfHosted {
                replay.billing[index] = .selfHosted
                continue
            }
            guard entry.priced else {
                replay.billing[index] = .unpriced
                unpricedNames[modelNames[Int(entry.modelSlot)], default: 0] += 1
                continue
            }
            var tier = entry.routeTier ?? record.serviceTier ?? .standard
            if entry.availableTiers & (1 << tier.rawValue) == 0 {
                unavailableTiers[[modelNames[Int(entry.modelSlot)], tier.name], default: 0] += 1
                tier = .standard
            }
            // A usage report's row says which tier it was billed at (`contextWindowCode`); else the prompt size decides.
            let longContext = record.contextWindowCode == 0 ? input > entry.threshold : record.contextWindowCode == 2 && entry.threshold != Int64.max
            let rates = tierRates[entry.ratesStart + 2 * Int(tier.rawValue) + (longContext ? 1 : 0)]
            guard let cost = rates.picodollars(input: input, cached: cached, cacheWrite: cacheWrite, cacheWrite1h: cacheWrite1h,
                                               output: output, reasoning: reasoning) else {
                // Name the count that carries the cost: 10 input tokens beside a trillion output ones said "found 10".
                throw .badRecord(file: traffic.source, line: index + 1, field: output > input ? "output_tokens" : "input_tokens",
                                 expected: "a request costing less than 9.2 million USD",
                                 found: "\(input) input and \(output) output tokens after the plan's changes")
            }
            replay.picodollars[index] = cost
            // Rates are never negative, so each part is at most `cost`, which did not overflow.
            replay.cachedPicodollars[index] = cached &* (rates.cachedInput ?? rates.input).picodollarsPerToken
            replay.outputPicodollars[index] = (output - reasoning) &* rates.output.picodollarsPerToken
                &+ reasoning &* (rates.reasoning ?? rates.output).picodollarsPerToken
        }
        replay.modelNames = modelNames
        if !architecture.isEmpty {
            replay.architecture = architecture.ledger
            replay.warnings += architecture.warnings
        }
        replay.unpricedRecords = unpricedNames
        replay.unavailableTierRecords = unavailableTiers
        guard warningsOnRecords else { return replay }
        replay.warnings += recordWarnings(plan: plan, traffic: traffic, recordedRoutes: Set(traffic.records.lazy.map(\.route)).map { traffic.strings[$0] },
                                          promptDeltas: routePromptDelta, unavailableTiers: unavailableTiers, unpricedNames: unpricedNames,
                                          catalog: catalog)
        return replay
    }

    /// The warnings about a replay's records as a whole: routes the plan configures that no record uses, usage rows
    /// and joins, tiers a model has no rates for, and models without a price.
    /// - Parameters:
    ///   - recordedRoutes: the routes of the records.
    ///   - promptDeltas: each route's prompt change in tokens, by string id.
    ///   - unavailableTiers: records per (model, tier) billed at standard rates.
    ///   - unpricedNames: records per model without a price.
    static func recordWarnings(plan: Plan, traffic: Traffic, recordedRoutes: [String], promptDeltas: [Int32: Int64],
                               unavailableTiers: [[String]: Int], unpricedNames: [String: Int], catalog: PriceCatalog) -> [String] {
        var warnings: [String] = []
        // A route the plan configures but no record uses is most often a typo, and would silently change nothing.
        for route in Set(plan.routes.keys).union(plan.quality.keys).sorted() where route != "*" && !recordedRoutes.contains(route) {
            let suggestions = Suggestions.closest(to: route, among: recordedRoutes)
            var text = "\(plan.file): route '\(route)' matches no record in \(traffic.source)"
            if !suggestions.isEmpty { text += "; did you mean " + suggestions.map { "'\($0)'" }.joined(separator: " or ") + "?" }
            warnings.append(text)
        }
        if traffic.aggregateRows > 0 { warnings += aggregateWarnings(traffic, plan: plan, promptDeltas: promptDeltas) }
        if let join = traffic.joinSummary, join.unmatched > 0 { warnings.append(joinWarning(join, traffic: traffic)) }
        let tiers = listed(unavailableTiers) { $0.lexicographicallyPrecedes($1) }
        for (key, records) in tiers.listed {
            warnings.append("\(records) record(s) of model '\(key[0])' name the \(key[1]) tier, which the model has no rates for; they are billed at standard rates")
        }
        if tiers.otherNames > 0 {
            warnings.append("\(tiers.otherRecords) more record(s), of \(tiers.otherNames) more model and tier pair(s), name a tier the model has no rates for; they are billed at standard rates")
        }
        let unpriced = listed(unpricedNames, order: <)
        for (name, records) in unpriced.listed {
            // The catalog's own rule, as for an unknown model in a plan: a bare typo is matched to bare names too.
            let suggestions = catalog.suggestions(for: name)
            var text = "\(records) record(s) of model '\(name)' are not priced (not in the catalog or the plan's models)"
            if !suggestions.isEmpty { text += "; did you mean " + suggestions.map { "'\($0)'" }.joined(separator: " or ") + "?" }
            warnings.append(text)
        }
        if unpriced.otherNames > 0 {
            warnings.append("\(unpriced.otherRecords) more record(s), of \(unpriced.otherNames) more model name(s), are not priced (not in the catalog or the plan's models); the breakdown by model lists every name")
        }
        return warnings
    }

    /// How many names the unpriced-model and unavailable-tier warnings list one by one. The names with the fewest
    /// records beyond it are counted in one line: a sample naming thousands of unknown models would otherwise flood
    /// the report and spend minutes finding "did you mean" candidates for each (20,000 names took 3.5 minutes).
    static let listedNames = 20

    /// The entries of `counts` to list one by one, in `order`: all of them, or beyond `listedNames` the
    /// `listedNames` with the most records (ties in `order`); and how many names and records the rest are.
    static func listed<Key: Hashable>(_ counts: [Key: Int], order: (Key, Key) -> Bool)
        -> (listed: [(key: Key, records: Int)], otherNames: Int, otherRecords: Int) {
        var entries = counts.map { (key: $0.key, records: $0.value) }
        guard entries.count > listedNames else { return (entries.sorted { order($0.key, $1.key) }, 0, 0) }
        entries.sort { $0.records != $1.records ? $0.records > $1.records : order($0.key, $1.key) }
        let rest = entries[listedNames...]
        return (entries.prefix(listedNames).sorted { order($0.key, $1.key) }, rest.count, rest.reduce(0) { $0 + $1.records })
    }

    private static func promptDelta(route: String, plan: Plan, prompts: PromptSizes, reference: Plan,
                                    referencePrompts: PromptSizes, replay: inout Replay) -> Int64 {
        let head = prompts.tokens[route] ?? prompts.tokens["*"].flatMap { plan.routes[route] == nil ? $0 : nil }
        let base = referencePrompts.tokens[route] ?? referencePrompts.tokens["*"].flatMap { reference.routes[route] == nil ? $0 : nil }
        switch (base, head) {
        case (let base?, let head?):
            let counter = prompts.counter[route] ?? prompts.counter["*"] ?? ("literal", true)
            replay.promptChanges.append(.init(route: route, baseTokens: base, headTokens: head, counter: counter.name, exact: counter.exact))
            return head - base
        case (nil, nil):
            return 0
        default:
            replay.warnings.append("route '\(route)': only one side declares a prompt size, so its input tokens are left unchanged")
            return 0
        }
    }

    /// The route's quality score for `model`: the entry spelled exactly so, else the first (in key order) that
    /// names the same model under `ModelID`'s rule.
    static func qualityScore(plan: Plan, route: String, model: String, catalog: PriceCatalog) -> Double {
        guard let scores = plan.quality[route] ?? plan.quality["*"] else { return .nan }
        if let score = scores[model] { return score }
        for key in scores.keys.sorted() where catalog.sameModel(key, model) {
            return scores[key]!
        }
        return .nan
    }
}
