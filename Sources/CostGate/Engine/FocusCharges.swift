/// The recorded sample as billed, one charge per (route, model, tier, token direction, tag set, rate), for a
/// FinOps FOCUS 1.2 export (`breakdown --format focus`).
///
/// Every priced record is split into six token directions, each billed at its own rate: uncached `input`,
/// `cached_input` (cache reads), `cache_write` (5-minute lifetime), `cache_write_1h`, `output` (not reasoning)
/// and `reasoning`. The parts are recomputed from the record's rates and checked, to the picodollar, against
/// the cost the replay billed; a record whose parts disagree (none should) is kept whole in an `unsplit`
/// charge, so the charges always sum to the breakdown's total.
public struct FocusCharges: Sendable {
    /// One charge: a group of records' tokens of one direction at one rate, over the recorded window.
    public struct Charge: Sendable, Equatable {
        public var route: String
        /// The catalog id (`openai/gpt-4o`); its provider is the part before `/`.
        public var model: String
        public var tier: String
        public var direction: String
        /// The record's tags, sorted by key.
        public var tags: [(key: String, value: String)]
        /// USD per 1M tokens, nil for an `unsplit` charge.
        public var ratePerMillion: Double?
        /// Tokens (weighted: each record stands for `weight` requests) and USD.
        public var tokens: Double
        public var cost: Double
        /// Records in the charge.
        public var records: Int

        public static func == (a: Charge, b: Charge) -> Bool {
            a.route == b.route && a.model == b.model && a.tier == b.tier && a.direction == b.direction
                && a.tags.map(\.key) == b.tags.map(\.key) && a.tags.map(\.value) == b.tags.map(\.value)
                && a.ratePerMillion == b.ratePerMillion && a.tokens == b.tokens && a.cost == b.cost && a.records == b.records
        }
    }

    /// The charges, sorted by route, model, tier, direction, tags and rate.
    public var charges: [Charge]
    /// The recorded window: its first timestamp (whole seconds, rounded down) and its end (rounded up).
    public var periodStart: Int64
    public var periodEnd: Int64

    /// The direction names, in the order charges list them.
    public static let directions = ["input", "cached_input", "cache_write", "cache_write_1h", "output", "reasoning", "unsplit"]

    /// Prices every record at its recorded model, as `breakdown` does, and groups the parts.
    public static func compute(traffic: Traffic, plan: Plan) throws(CostGateError) -> FocusCharges {
        var recordedPlan = plan
        recordedPlan.routes = [:]
        let replay = try Replayer.replay(traffic, plan: recordedPlan, name: "recorded", catalog: plan.catalog,
                                         prompts: PromptSizes(), reference: recordedPlan, referencePrompts: PromptSizes())
        let scaling = try Forecaster.scaling(traffic: traffic, plan: plan)
        struct Key: Hashable {
            var route: Int32, slot: Int32, tier: UInt8, direction: Int, tagSet: Int32, rate: Int64
        }
        struct Sums {
            var tokens = PreciseSum(), cost = PreciseSum(), records = 0
        }
        var sums: [Key: Sums] = [:]
        var models: [Int32: ModelPrice?] = [:]
        for index in traffic.records.indices where replay.billing[index] == .priced {
            let record = traffic.records[index]
            let weight = replay.weights[index]
            let slot = replay.models[index]
            if models[slot] == nil { models[slot] = .some(replay.catalog.lookup(replay.modelNames[Int(slot)])) }
            var tier = record.serviceTier ?? .standard
            let input = replay.inputTokens[index]
            var parts: [(direction: Int, tokens: Int64, rate: Int64)] = []
            if let model = models[slot] ?? nil {
                if model.billedRates(tier, inputTokens: 0) == nil { tier = .standard }
                if let rates = model.billedRates(tier, inputTokens: input) {
                    parts = split(record, input: input, cached: replay.cachedTokens[index], output: replay.outputTokens[index], rates: rates)
                }
            }
            let billed = parts.reduce(Int64(0)) { $0 &+ $1.tokens &* $1.rate }
            if parts.isEmpty || billed != replay.picodollars[index] {
                parts = [(6, input + replay.outputTokens[index], -1)]
            }
            for part in parts where part.tokens != 0 || part.direction == 6 {
                let key = Key(route: record.route, slot: slot, tier: tier.rawValue, direction: part.direction, tagSet: record.tagSet, rate: part.rate)
                sums[key, default: Sums()].tokens.add(weight, times: Double(part.tokens))
                let cost = part.direction == 6 ? replay.picodollars[index] : part.tokens * part.rate
                // In picodollars, turned into dollars once per charge: a charge of exact picodollars is then the
                // double nearest its dollars (101 tokens at $0.15/M: 0.00001515, not 0.000015149999999999999).
                sums[key]!.cost.add(weight, times: Double(cost))
                sums[key]!.records += 1
            }
        }
        // Each charge's sort key is built once: comparing tags as joined strings inside the sort allocated
        // on every comparison (5 s for 40,000 tag sets).
        var keyed: [(charge: Charge, direction: Int, tags: [String])] = sums.map { key, sum in
            let tags = traffic.tagSets[Int(key.tagSet)].map { (key: traffic.strings[$0.key], value: traffic.strings[$0.value]) }
                .sorted { $0.key < $1.key }
            let charge = Charge(route: traffic.strings[key.route], model: replay.modelNames[Int(key.slot)],
                                tier: ServiceTier(rawValue: key.tier)?.name ?? "standard", direction: directions[key.direction], tags: tags,
                                ratePerMillion: key.rate < 0 ? nil : Rate(picodollarsPerToken: key.rate).perMillion,
                                tokens: sum.tokens.value, cost: sum.cost.value / 1e12, records: sum.records)
            return (charge, key.direction, tags.map { $0.key + "=" + $0.value })
        }
        keyed.sort { x, y in
            let (a, b) = (x.charge, y.charge)
            if a.route != b.route { return a.route < b.route }
            if a.model != b.model { return a.model < b.model }
            if a.tier != b.tier { return a.tier < b.tier }
            if x.direction != y.direction { return x.direction < y.direction }
            if x.tags != y.tags { return x.tags.lexicographicallyPrecedes(y.tags) }
            return (a.ratePerMillion ?? -1) < (b.ratePerMillion ?? -1)
        }
        let charges = keyed.map(\.charge)
        let earliest = traffic.timeSpan?.earliest ?? 0
        let start = Int64(earliest.rounded(.down))
        let end = Int64((earliest + scaling.windowSeconds).rounded(.up))
        return FocusCharges(charges: charges, periodStart: start, periodEnd: max(end, start + 1))
    }

    /// A record's tokens per direction with the rate each is billed at (picodollars per token), by the same
    /// rules as `TokenRates.picodollars`; reasoning and cache writes are clipped as the replay clips them.
    private static func split(_ record: TrafficRecord, input: Int64, cached: Int64, output: Int64,
                              rates: TokenRates) -> [(direction: Int, tokens: Int64, rate: Int64)] {
        let write = min(record.cacheWriteInputTokens, input - cached)
        let write1h = min(record.cacheWrite1hInputTokens, input - cached - write)
        let reasoning = min(record.reasoningTokens, output)
        let writeRate = rates.cacheWrite ?? rates.input
        return [
            (0, input - cached - write - write1h, rates.input.picodollarsPerToken),
            (1, cached, (rates.cachedInput ?? rates.input).picodollarsPerToken),
            (2, write, writeRate.picodollarsPerToken),
            (3, write1h, (rates.cacheWrite1h ?? writeRate).picodollarsPerToken),
            (4, output - reasoning, rates.output.picodollarsPerToken),
            (5, reasoning, (rates.reasoning ?? rates.output).picodollarsPerToken),
        ]
    }
}
