/// Prices records on routes with a router or a semantic cache, following README "Architectures: routers, tiers,
/// caches": cache first (every request pays an embedding call; the hit share skips the rest), then one classifier
/// call, then the first tier whose `when` holds or a split by share, then escalation chains; each call priced
/// with full tokens at its model's rates and rounded once per record.
struct ArchitectureReplayer {
    /// A record's measured tokens, as the replay has them (after the plan's prompt change, output scale and cap).
    struct Tokens {
        var input: Int64
        var cached: Int64
        var cacheWrite: Int64
        var cacheWrite1h: Int64
        var output: Int64
        var reasoning: Int64
    }

    /// A model resolved once: its rates for the call's tier, and its slot in the replay.
    private struct Caller {
        var model: ModelPrice
        var tier: ServiceTier
        var slot: Int32
    }

    private struct PreparedTier {
        var caller: Caller
        var share: ExactFraction?
        var rules: [(rule: RouteRouter.Rule, tagKey: Int32, tagValues: Set<Int32>)]
        var escalation: RouteRouter.Escalation?
        var quality: Double
    }

    private struct PreparedRoute {
        var ledgerRoute: Int32
        var tiers: [PreparedTier]
        var classifier: (caller: Caller, promptTokens: Int64, outputTokens: Int64)?
        var embedding: Caller?
        var hitRate: ExactFraction?
        var path: String
        var file: String
    }

    private(set) var ledger = ArchitectureLedger()
    private var prepared: [Int32: PreparedRoute] = [:]
    /// Per record, for measured caches: 2 a hit, 1 a miss.
    private var measuredHits: [Int32: [Int: Bool]] = [:]
    private(set) var warnings: [String] = []

    /// Whether no route of the plan has an architecture (then the replay does nothing here).
    var isEmpty: Bool { prepared.isEmpty }

    /// Resolves every route of `traffic` whose plan entry has a router or a semantic cache.
    init(traffic: Traffic, plan: Plan, catalog: PriceCatalog, intern: (String) -> Int32) throws(CostGateError) {
        // Most plans have no router or cache: they pay nothing here, not even a pass over the records.
        guard plan.routes.values.contains(where: \.hasArchitecture) else { return }
        let routeIDs = Set(traffic.records.lazy.map(\.route)).sorted()
        for routeID in routeIDs {
            let name = traffic.strings[routeID]
            let config = plan.routeConfig(for: name)
            guard config.hasArchitecture else { continue }
            let key = plan.routes[name] != nil ? name : "*"
            let path = "routes.\(key)"
            try prepare(routeID: routeID, name: name, path: path, config: config, traffic: traffic, plan: plan,
                        catalog: catalog, intern: intern)
        }
    }

    private mutating func prepare(routeID: Int32, name: String, path: String, config: RouteConfig, traffic: Traffic,
                                  plan: Plan, catalog: PriceCatalog, intern: (String) -> Int32) throws(CostGateError) {
        let billed = config.billedTier ?? .standard
        func caller(_ id: String, at field: String, tier: ServiceTier) throws(CostGateError) -> Caller {
            let model = try catalog.resolve(id, context: "\(plan.file): '\(field)'")
            guard model.billedRates(tier, inputTokens: 0) != nil else {
                throw .badPlan(file: plan.file, path: field, expected: "a model with \(tier.name) rates", found: model.id)
            }
            return Caller(model: model, tier: tier, slot: intern(model.id))
        }
        var tiers: [PreparedTier] = []
        let knownTagKeys = traffic.tagKeys
        if let router = config.router {
            for (index, tier) in router.tiers.enumerated() {
                let tierPath = "\(path).router.tiers[\(index)]"
                var rules: [(rule: RouteRouter.Rule, tagKey: Int32, tagValues: Set<Int32>)] = []
                for rule in tier.rules {
                    guard case .tag(let key, let values) = rule else {
                        rules.append((rule, -1, []))
                        continue
                    }
                    guard knownTagKeys.contains(key), let keyID = traffic.strings.id(of: key) else {
                        throw .unknown("record field or tag", key, in: "\(plan.file): '\(tierPath).when.\(key)'",
                                       known: RouteRouter.NumericField.allCases.map(\.rawValue) + knownTagKeys)
                    }
                    rules.append((rule, keyID, Set(values.compactMap { traffic.strings.id(of: $0) })))
                }
                let resolved = try caller(tier.model, at: "\(tierPath).model", tier: billed)
                tiers.append(PreparedTier(caller: resolved, share: tier.share, rules: rules, escalation: tier.escalation,
                                          quality: Replayer.qualityScore(plan: plan, route: name, model: resolved.model.id, catalog: catalog)))
            }
        } else if let model = config.model {
            // A cache in front of a plain route: its model is a single tier taking every record.
            let resolved = try caller(model, at: "\(path).model", tier: billed)
            tiers.append(PreparedTier(caller: resolved, share: .one, rules: [], escalation: nil,
                                      quality: Replayer.qualityScore(plan: plan, route: name, model: resolved.model.id, catalog: catalog)))
        } else {
            throw .badPlan(file: plan.file, path: "\(path).model", expected: "a model (or a router) behind the semantic cache", found: nil)
        }
        var classifier: (caller: Caller, promptTokens: Int64, outputTokens: Int64)?
        if let entry = config.router?.classifier {
            classifier = (try caller(entry.model, at: "\(path).router.classifier.model", tier: .standard), entry.promptTokens, entry.outputTokens)
        }
        var embedding: Caller?
        var hitRate: ExactFraction?
        var setting: String?
        var storeSlot: Int32?
        if let cache = config.semanticCache {
            embedding = try caller(cache.embeddingModel, at: "\(path).semantic_cache.embedding.model", tier: .standard)
            switch cache.hitRate {
            case .fixed(let rate):
                hitRate = rate
                setting = rate.text
            case .measured(let ttl):
                setting = "measured"
                try measure(routeID: routeID, ttl: ttl, path: "\(path).semantic_cache", traffic: traffic, plan: plan)
            }
            if cache.storePricePerHour > 0 { storeSlot = intern("store:" + name) }
        }
        let names = config.router?.tiers.map(\.name) ?? ["(route model)"]
        ledger.routes.append(.init(name: name, tiers: zip(names, tiers).map { ($0, $1.caller.model.id) },
                                   classifierModel: classifier?.caller.model.id, embeddingModel: embedding?.model.id,
                                   hitRateSetting: setting, storePricePerHour: config.semanticCache?.storePricePerHour ?? 0,
                                   hitLatencyMs: config.semanticCache?.hitLatencyMs, storeSlot: storeSlot))
        prepared[routeID] = PreparedRoute(ledgerRoute: Int32(ledger.routes.count - 1), tiers: tiers, classifier: classifier,
                                          embedding: embedding, hitRate: hitRate, path: path, file: plan.file)
    }

    /// Decides hit or miss for each record of a route with a measured hit rate: the record's `cache_hit` when it
    /// has one; else a `prompt_hash` seen on a miss at most `ttl` seconds before (hits do not refresh the entry).
    private mutating func measure(routeID: Int32, ttl: Double?, path: String, traffic: Traffic, plan: Plan) throws(CostGateError) {
        var indices = traffic.records.indices.filter { traffic.records[$0].route == routeID }
        guard indices.contains(where: { traffic.records[$0].cacheHitCode != 0 || traffic.records[$0].promptHash >= 0 }) else {
            throw .badPlan(file: plan.file, path: path + ".hit_rate",
                           expected: "records of route '\(traffic.strings[routeID])' with cache_hit or prompt_hash to measure from", found: "'measured'")
        }
        indices.sort { (traffic.records[$0].timestamp, $0) < (traffic.records[$1].timestamp, $1) }
        var expiry: [Int32: Double] = [:]
        var hits: [Int: Bool] = [:]
        var unknown = 0
        for index in indices {
            let record = traffic.records[index]
            if record.cacheHitCode != 0 {
                hits[index] = record.cacheHitCode == 2
            } else if record.promptHash >= 0 {
                guard let ttl else {
                    throw .badPlan(file: plan.file, path: path + ".ttl_s", expected: "a time to live in seconds (records carry prompt_hash)", found: nil)
                }
                if let until = expiry[record.promptHash], record.timestamp <= until {
                    hits[index] = true
                } else {
                    hits[index] = false
                    expiry[record.promptHash] = record.timestamp + ttl
                }
            } else {
                hits[index] = false
                unknown += 1
            }
        }
        if unknown > 0 {
            warnings.append("\(unknown) record(s) of route '\(traffic.strings[routeID])' carry neither cache_hit nor prompt_hash; the measured semantic cache counts them as misses")
        }
        measuredHits[routeID] = hits
    }

    /// Whether `route` is priced here.
    func covers(_ route: Int32) -> Bool { prepared[route] != nil }

    /// Prices record `index`, appends its components and returns its cost and expected quality.
    mutating func price(_ index: Int, record: TrafficRecord, tokens: Tokens, traffic: Traffic) throws(CostGateError) -> (picodollars: Int64, quality: Double) {
        let route = prepared[record.route]!
        func cost(_ caller: Caller, input: Int64, cached: Int64 = 0, cacheWrite: Int64 = 0, cacheWrite1h: Int64 = 0,
                  output: Int64, reasoning: Int64 = 0) throws(CostGateError) -> Int64 {
            let rates = caller.model.billedRates(caller.tier, inputTokens: input)!
            guard let value = rates.picodollars(input: input, cached: cached, cacheWrite: cacheWrite, cacheWrite1h: cacheWrite1h,
                                                output: output, reasoning: reasoning) else {
                throw .badRecord(file: traffic.source, line: index + 1, field: "input_tokens",
                                 expected: "a request costing less than 9.2 million USD", found: String(input))
            }
            return value
        }
        func product(_ a: ExactFraction, _ b: ExactFraction) throws(CostGateError) -> ExactFraction {
            guard let value = a.times(b) else {
                throw .badPlan(file: route.file, path: route.path + ".router",
                               expected: "shares, rates and hit rate whose products need at most 18 decimals", found: nil)
            }
            return value
        }
        let hit: ExactFraction
        if let rate = route.hitRate {
            hit = rate
        } else if let measured = measuredHits[record.route]?[index] {
            hit = measured ? .one : .zero
        } else {
            hit = .zero
        }
        let miss = hit.complement
        let first = Int32(ledger.components.count)
        var total: Int64 = 0
        func add(_ role: ArchitectureLedger.Role, origin: Int, target: Int, slot: Int32, share: ExactFraction, full: Int64,
                 quality: Double = .nan) {
            guard share != .zero else { return }
            let value = share.apply(full)
            total += value
            ledger.components.append(.init(record: Int32(index), role: role, origin: Int16(origin), target: Int16(target), slot: slot,
                                           calls: share.value, picodollars: value, quality: quality))
        }
        if let embedding = route.embedding {
            add(.embedding, origin: -1, target: -1, slot: embedding.slot, share: .one, full: try cost(embedding, input: tokens.input, output: 0))
        }
        if let classifier = route.classifier {
            let full = try cost(classifier.caller, input: tokens.input + classifier.promptTokens, output: classifier.outputTokens)
            add(.classifier, origin: -1, target: -1, slot: classifier.caller.slot, share: miss, full: full)
        }
        // The first tier whose rules all hold takes the whole record; else the shares split it.
        var assignment: [(tier: Int, share: ExactFraction)] = []
        if let matched = route.tiers.firstIndex(where: { tier in !tier.rules.isEmpty && tier.rules.allSatisfy { matches($0, record: record, tokens: tokens, traffic: traffic) } }) {
            assignment = [(matched, .one)]
        } else {
            assignment = route.tiers.indices.compactMap { index in route.tiers[index].share.flatMap { $0 == .zero ? nil : (index, $0) } }
        }
        var quality = 0.0
        for (origin, share) in assignment {
            let reached = try product(miss, share)
            // Walk the escalation chain: each step re-sends `rate` of what reached the tier, with full tokens.
            var chain: [(tier: Int, reach: ExactFraction)] = [(origin, .one)]
            while let step = route.tiers[chain.last!.tier].escalation {
                chain.append((step.target, try product(chain.last!.reach, step.rate)))
            }
            var expected = 0.0
            for (position, link) in chain.enumerated() {
                let stop = position + 1 < chain.count ? link.reach.value - chain[position + 1].reach.value : link.reach.value
                let score = route.tiers[link.tier].quality.isNaN ? record.quality : route.tiers[link.tier].quality
                if stop > 0 { expected += stop * score }
            }
            for (position, link) in chain.enumerated() {
                let tier = route.tiers[link.tier]
                let full = try cost(tier.caller, input: tokens.input, cached: tokens.cached, cacheWrite: tokens.cacheWrite,
                                    cacheWrite1h: tokens.cacheWrite1h, output: tokens.output, reasoning: tokens.reasoning)
                add(position == 0 ? .tier : .escalation, origin: origin, target: link.tier, slot: tier.caller.slot,
                    share: try product(reached, link.reach), full: full, quality: position == 0 ? expected : .nan)
            }
            quality += share.value * expected
        }
        ledger.entries.append(.init(record: Int32(index), route: route.ledgerRoute, hitShare: hit.value, firstComponent: first))
        return (total, quality)
    }

    private func matches(_ entry: (rule: RouteRouter.Rule, tagKey: Int32, tagValues: Set<Int32>), record: TrafficRecord,
                         tokens: Tokens, traffic: Traffic) -> Bool {
        switch entry.rule {
        case .field(let field, let comparison, let bound):
            let value: Double
            switch field {
            case .inputTokens: value = Double(tokens.input)
            case .outputTokens: value = Double(tokens.output)
            case .cachedInputTokens: value = Double(tokens.cached)
            case .reasoningTokens: value = Double(tokens.reasoning)
            case .latencyMs: value = record.latencyMs
            case .quality: value = record.quality
            }
            return comparison.holds(value, bound)
        case .tag:
            guard let pair = traffic.tagSets[Int(record.tagSet)].first(where: { $0.key == entry.tagKey }) else { return false }
            return entry.tagValues.contains(pair.value)
        }
    }
}
