/// Why one route's monthly cost changed: the change split into six additive parts (volume, input tokens per
/// request, output tokens per request, cache-hit share, unit price, routing mix) that sum to the change.
///
/// Each side's route cost is written as a product of factors,
///
///     C = N · [ I·(1−h)·(Pᵤ+Mᵤ) + I·h·(P꜀+M꜀) + O·(Pₒ+Mₒ) + (P_f+M_f) ]
///
/// with N requests, I input tokens per request (cache reads and writes included), h the share of input read
/// from the prompt cache, O output tokens per request (reasoning included), P the cost per token of each
/// direction on the route's main slot (the model or deployment with the most requests: uncached input and
/// cache writes, cache reads, output) and per request for GPU time, and M what the route's other slots add
/// to each (its average price minus the main slot's). C evaluated at either side's factors is that side's
/// cost. The change is split by the Shapley value of the six factor groups: each factor's part is its
/// average marginal effect over every order of switching factors from base to head (64 evaluations of C).
/// The parts sum exactly to the change, need no residual, treat base and head alike, and handle zeros
/// (a new route, no cache hits on one side), where log-mean (LMDI) formulas need limits.
///
/// A ratio with a zero denominator on one side (no cache reads, so no cache price) takes the other side's
/// value; a route absent on one side takes every per-request factor from the other, so its whole change is
/// volume. A model swap with one slot on each side is price; a router that moves some records elsewhere is
/// routing mix.
public struct ChangeDecomposition: Sendable, Equatable {
    /// One factor group of the decomposition.
    public enum Factor: String, Sendable, CaseIterable {
        case volume
        case inputTokens = "input_tokens"
        case outputTokens = "output_tokens"
        case cacheHits = "cache_hits"
        case price
        case routingMix = "routing_mix"
    }

    /// What one side's route is made of: per slot (model or deployment) totals over the month.
    public struct Side: Sendable, Equatable {
        /// The slots, most requests first (then by name).
        public var slots: [Slot]

        /// Creates a side from its slots (any order).
        public init(slots: [Slot]) {
            self.slots = slots.sorted { $0.requests != $1.requests ? $0.requests > $1.requests : $0.name < $1.name }
        }

        /// The route's totals: every slot summed (named after the main slot).
        public var total: Slot {
            var sum = Slot(name: slots.first?.name ?? "")
            for slot in slots {
                sum.requests += slot.requests
                sum.inputTokens += slot.inputTokens
                sum.cachedTokens += slot.cachedTokens
                sum.outputTokens += slot.outputTokens
                sum.inputCost += slot.inputCost
                sum.cachedCost += slot.cachedCost
                sum.outputCost += slot.outputCost
                sum.otherCost += slot.otherCost
            }
            if slots.allSatisfy({ $0.picodollarSums.count == 3 && $0.tokenSums.count == 3 }) {
                sum.picodollarSums = (0..<3).map { direction in slots.reduce(0) { $0 + $1.picodollarSums[direction] } }
                sum.tokenSums = (0..<3).map { direction in slots.reduce(0) { $0 + $1.tokenSums[direction] } }
            }
            return sum
        }
    }

    /// Monthly totals of one model or deployment on a route.
    public struct Slot: Sendable, Equatable {
        public var name: String
        public var requests: Double = 0
        /// Input tokens (cache reads and writes included), cache reads, output tokens (reasoning included).
        public var inputTokens: Double = 0
        public var cachedTokens: Double = 0
        public var outputTokens: Double = 0
        /// USD for uncached input and cache writes, for cache reads, for output, and for GPU time.
        public var inputCost: Double = 0
        public var cachedCost: Double = 0
        public var outputCost: Double = 0
        public var otherCost: Double = 0
        /// The sample's weighted picodollars and tokens (unscaled) for uncached input, cache reads and output, when
        /// the replay gave them: prices come from these, so a single rate reads back as itself (0.00001 for $10/M,
        /// not the 0.000009999999999999999 that scaled dollars over scaled tokens leave).
        var picodollarSums: [Double] = []
        var tokenSums: [Double] = []

        /// Creates a slot's totals.
        public init(name: String, requests: Double = 0, inputTokens: Double = 0, cachedTokens: Double = 0, outputTokens: Double = 0,
                    inputCost: Double = 0, cachedCost: Double = 0, outputCost: Double = 0, otherCost: Double = 0) {
            self.name = name
            self.requests = requests
            self.inputTokens = inputTokens
            self.cachedTokens = cachedTokens
            self.outputTokens = outputTokens
            self.inputCost = inputCost
            self.cachedCost = cachedCost
            self.outputCost = outputCost
            self.otherCost = otherCost
        }

        /// The slot's monthly cost.
        public var cost: Double { inputCost + cachedCost + outputCost + otherCost }

        /// Cost per unit of each direction (uncached input, cache read, output, per request), nil where the
        /// direction has no units.
        var prices: [Double?] {
            guard picodollarSums.count == 3, tokenSums.count == 3 else {
                return [ratio(inputCost, inputTokens - cachedTokens), ratio(cachedCost, cachedTokens), ratio(outputCost, outputTokens),
                        ratio(otherCost, requests)]
            }
            return (0..<3).map { ratio(picodollarSums[$0], tokenSums[$0]).map { $0 / 1e12 } } + [ratio(otherCost, requests)]
        }
    }

    /// The USD each factor accounts for, in `Factor.allCases` order; they sum to `change`.
    public var parts: [Double]
    /// `C(head) − C(base)`: the route's monthly change.
    public var change: Double
    /// The main slot (most requests) on each side, nil when the route has no requests there.
    public var baseSlot: String?
    public var headSlot: String?
    /// The main slot's share of the route's requests on each side.
    public var baseMainShare: Double
    public var headMainShare: Double
    /// The factor values on each side (after filling undefined ratios), for the JSON report.
    public var baseFactors: Factors
    public var headFactors: Factors

    /// The six factor groups of one side.
    public struct Factors: Sendable, Equatable {
        /// Requests.
        public var requests: Double
        /// Input tokens per request.
        public var inputPerRequest: Double
        /// Output tokens per request.
        public var outputPerRequest: Double
        /// Share of input tokens read from the cache.
        public var cacheHitShare: Double
        /// The main slot's USD per uncached input token, per cache-read token, per output token, per request.
        public var price: [Double]
        /// What the route's other slots add to each of those prices.
        public var mix: [Double]
    }

    /// The part of one factor.
    public func part(_ factor: Factor) -> Double { parts[Factor.allCases.firstIndex(of: factor)!] }

    /// Decomposes the change from `base` to `head`.
    public static func decompose(base: Side, head: Side) -> ChangeDecomposition {
        let b = base.total
        let h = head.total
        var baseFactors = factors(b, main: base.slots.first)
        var headFactors = factors(h, main: head.slots.first)
        fill(&baseFactors, from: headFactors, empty: b.requests == 0)
        fill(&headFactors, from: baseFactors, empty: h.requests == 0)
        let sides = [baseFactors.resolved, headFactors.resolved]
        let count = Factor.allCases.count
        // C for every mask of factors taken from the head (bit k set: factor k at its head value).
        var values = [Double](repeating: 0, count: 1 << count)
        for mask in values.indices {
            values[mask] = cost { factor in sides[(mask >> factor) & 1][factor] }
        }
        var parts = [Double](repeating: 0, count: count)
        for factor in 0..<count {
            for mask in values.indices where mask & (1 << factor) == 0 {
                let size = mask.nonzeroBitCount
                parts[factor] += shapleyWeight(size, of: count) * (values[mask | 1 << factor] - values[mask])
            }
        }
        return ChangeDecomposition(parts: parts, change: values[(1 << count) - 1] - values[0],
                                   baseSlot: b.requests > 0 ? base.slots.first?.name : nil,
                                   headSlot: h.requests > 0 ? head.slots.first?.name : nil,
                                   baseMainShare: share(base), headMainShare: share(head),
                                   baseFactors: baseFactors.factors, headFactors: headFactors.factors)
    }

    /// |S|!·(n−|S|−1)!/n!: the weight of a coalition of `size` factors in the Shapley value.
    static func shapleyWeight(_ size: Int, of count: Int) -> Double {
        func factorial(_ n: Int) -> Double { n < 2 ? 1 : (2...n).reduce(1.0) { $0 * Double($1) } }
        return factorial(size) * factorial(count - size - 1) / factorial(count)
    }

    private static func share(_ side: Side) -> Double {
        let total = side.total.requests
        return total > 0 ? (side.slots.first?.requests ?? 0) / total : 0
    }

    /// C from the factor groups; `value(k)` gives group k as numbers (scalars or the four prices).
    private static func cost(_ value: (Int) -> [Double]) -> Double {
        let requests = value(0)[0]
        let input = value(1)[0]
        let output = value(2)[0]
        let hits = value(3)[0]
        let price = value(4)
        let mix = value(5)
        let perRequest = input * (1 - hits) * (price[0] + mix[0]) + input * hits * (price[1] + mix[1])
            + output * (price[2] + mix[2]) + (price[3] + mix[3])
        return requests * perRequest
    }

    /// One side's factors with nil where a ratio has no denominator.
    private struct Partial {
        var requests: Double
        var input: Double?
        var output: Double?
        var hits: Double?
        var price: [Double?]
        var routePrice: [Double?]

        var factors: Factors {
            let route = routePrice.map { $0 ?? 0 }
            let main = zip(price, route).map { $0 ?? $1 }
            return Factors(requests: requests, inputPerRequest: input ?? 0, outputPerRequest: output ?? 0, cacheHitShare: hits ?? 0,
                           price: main, mix: zip(route, main).map { $0 - $1 })
        }

        var resolved: [[Double]] {
            let f = factors
            return [[f.requests], [f.inputPerRequest], [f.outputPerRequest], [f.cacheHitShare], f.price, f.mix]
        }
    }

    private static func factors(_ total: Slot, main: Slot?) -> Partial {
        Partial(requests: total.requests, input: ratio(total.inputTokens, total.requests), output: ratio(total.outputTokens, total.requests),
                hits: ratio(total.cachedTokens, total.inputTokens), price: main?.prices ?? [nil, nil, nil, nil], routePrice: total.prices)
    }

    /// Fills `side`'s undefined ratios from `other`; an empty side takes all of them, prices included.
    private static func fill(_ side: inout Partial, from other: Partial, empty: Bool) {
        if empty {
            side = Partial(requests: side.requests, input: other.input, output: other.output, hits: other.hits, price: other.price,
                           routePrice: other.routePrice)
            return
        }
        side.input = side.input ?? other.input
        side.output = side.output ?? other.output
        side.hits = side.hits ?? other.hits
        for direction in side.routePrice.indices where side.routePrice[direction] == nil {
            // The direction has no units here, so its price only matters when another factor brings units in:
            // the other side's main price, without any mix premium.
            side.routePrice[direction] = other.price[direction] ?? other.routePrice[direction]
            side.price[direction] = side.routePrice[direction]
        }
    }
}

/// `numerator / denominator`, nil when the denominator is not positive.
private func ratio(_ numerator: Double, _ denominator: Double) -> Double? {
    denominator > 0 ? numerator / denominator : nil
}
