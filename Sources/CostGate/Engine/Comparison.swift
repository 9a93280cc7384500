/// How a candidate differs from the baseline: the change of every total, and every row of every breakdown
/// paired with its change. This is the stage that computes deltas; renderers only format them.
public struct Comparison: Sendable {
    /// The change of the candidate's totals against the baseline.
    public struct Delta: Sendable {
        /// Change of the monthly cost, USD.
        public var monthlyCost: Double
        /// Percent change, nil when the baseline costs nothing.
        public var monthlyCostPct: Double?
        /// Interval of the change (paired when both sides replay the same sample).
        public var monthlyCostLow: Double
        public var monthlyCostHigh: Double
        /// Change of the monthly requests.
        public var requests: Double
        /// Change of the cost per request, nil when either side has no requests.
        public var costPerRequest: Double?
        /// Change of the cost per quality-weighted request, and in percent; nil without scores on both sides.
        public var costPerQuality: Double?
        public var costPerQualityPct: Double?
        /// Change of the mean quality score, nil without scores on both sides.
        public var quality: Double?
    }

    /// One row of a breakdown on both sides: a route, a model or a tag value.
    public struct Row: Sendable {
        /// The route, model or tag value.
        public var name: String
        /// The baseline's monthly cost of the row (0 when the baseline has no such row).
        public var baseCost: Double
        /// The candidate's monthly cost of the row (0 when the candidate has no such row).
        public var headCost: Double
        /// The candidate's monthly requests of the row.
        public var headRequests: Double
        /// `headCost − baseCost`.
        public var change: Double
        /// Why the row changed, split into volume, tokens, cache hits, price and routing mix (routes only).
        public var why: ChangeDecomposition? = nil
    }

    /// A tag value whose monthly cost moved: one row of a tag breakdown, with its key.
    public struct TagMove: Sendable {
        /// The tag key (`team`).
        public var key: String
        /// The tag value's row (its name is the value, `search`).
        public var row: Row
    }

    /// The change of the totals.
    public var total: Delta
    /// Routes, models and each tag key's values, the largest change first (then the largest cost, then the name).
    public var byRoute: [Row]
    public var byModel: [Row]
    public var byTag: [(key: String, rows: [Row])]
    /// Tag values (of every key) whose cost moved by at least half a cent, largest move first.
    public var topMovers: [TagMove]

    /// Compares `candidate` with `baseline`.
    static func compare(candidate: PolicyContext, baseline: PolicyContext) -> Comparison {
        let head = candidate.forecast
        let base = baseline.forecast
        let byTag = head.byTag.map { key, groups in
            (key: key, rows: paired(base.byTag.first { $0.key == key }?.groups ?? [], groups))
        }
        var movers = byTag.flatMap { tag in
            tag.rows.filter { $0.change.magnitude >= 0.005 }.map { TagMove(key: tag.key, row: $0) }
        }
        movers.sort {
            let a = $0.row.change.magnitude
            let b = $1.row.change.magnitude
            return a != b ? a > b : ($0.key, $0.row.name) < ($1.key, $1.row.name)
        }
        var byRoute = paired(base.byRoute, head.byRoute)
        let baseSides = baseline.routeSides
        let headSides = candidate.routeSides
        for index in byRoute.indices {
            let name = byRoute[index].name
            byRoute[index].why = .decompose(base: baseSides[name] ?? .init(slots: []), head: headSides[name] ?? .init(slots: []))
        }
        return Comparison(total: delta(candidate: candidate, baseline: baseline), byRoute: byRoute,
                          byModel: paired(base.byModel, head.byModel), byTag: byTag, topMovers: movers)
    }

    /// The change of `value` against `reference` in percent; 0 when both are 0, nil when only the reference is.
    static func percent(_ value: Double, _ reference: Double) -> Double? {
        guard reference != 0 else { return value == 0 ? 0 : nil }
        return (value - reference) / abs(reference) * 100
    }

    /// Pairs the rows of two breakdowns by name: the head's rows in order, then rows only the base has.
    static func paired(_ base: [Forecast.Group], _ head: [Forecast.Group]) -> [Row] {
        // By name through dictionaries: a breakdown by customer can have tens of thousands of rows. A name is unique
        // within a breakdown; were it not, the first row would count, as a search would find it.
        let baseByName = Dictionary(base.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let headByName = Dictionary(head.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var names: [String] = []
        var seen = Set<String>()
        for group in head + base where seen.insert(group.name).inserted { names.append(group.name) }
        let rows = names.map { name in
            let before = baseByName[name]
            let after = headByName[name]
            let baseCost = before?.monthlyCost ?? 0
            let headCost = after?.monthlyCost ?? 0
            return Row(name: name, baseCost: baseCost, headCost: headCost, headRequests: after?.requests ?? 0, change: headCost - baseCost)
        }
        // A reviewer looks for what moved: the biggest change first, then (for a forecast, where nothing moved)
        // the biggest cost, then the name, so the order is total and deterministic.
        return rows.sorted {
            let a = ($0.change * 100).rounded().magnitude
            let b = ($1.change * 100).rounded().magnitude
            if a != b { return a > b }
            if $0.headCost != $1.headCost { return $0.headCost > $1.headCost }
            return $0.name < $1.name
        }
    }

    /// The rows that carry the change: each moves at least `share` of the summed absolute change of all rows
    /// (so at most `1 / share` of them), biggest first. A report shows these whatever its row limit.
    /// - Parameters:
    ///   - rows: rows as `compare` orders them.
    ///   - share: the least part of the total movement a row must carry.
    /// - Returns: the carrying rows, in order.
    public static func carriers(_ rows: [Row], share: Double = 0.05) -> [Row] {
        let total = rows.reduce(0) { $0 + $1.change.magnitude }
        guard total >= 0.005 else { return [] }
        return rows.filter { $0.change.magnitude >= 0.005 && $0.change.magnitude >= total * share }
    }

    private static func delta(candidate: PolicyContext, baseline: PolicyContext) -> Delta {
        let head = candidate.forecast
        let base = baseline.forecast
        let difference = head.monthlyCost - base.monthlyCost
        var low = difference
        var high = difference
        let scaling = head.scaling
        let headValues = candidate.values
        let baseValues = baseline.values
        if head.scaling.factor == base.scaling.factor, let paired = candidate.pairedChange {
            // Read a block at a time: the paired interval was measured as the blocks came.
            low = paired.low * scaling.factor
            high = paired.high * scaling.factor
        } else if head.scaling.factor == base.scaling.factor, candidate.traffic.sameRecords(as: baseline.traffic) {
            // Same sample on both sides: the paired interval of Σ (head − base).
            let paired = zip(headValues, baseValues).map { $0 - $1 }
            // Without fixed fleets on either side there is nothing to hold constant: no arrays of zeros (8 bytes a
            // record each, 160 MB at ten million records).
            var pairedFixed: [Double]?
            if candidate.fixed != nil || baseline.fixed != nil {
                let zeros = [Double](repeating: 0, count: paired.count)
                pairedFixed = zip(candidate.fixed ?? zeros, baseline.fixed ?? zeros).map { $0 - $1 }
            }
            let interval = Interval.estimate(paired, fixed: pairedFixed, confidence: scaling.confidence, replicates: scaling.replicates, seed: scaling.seed)
            low = interval.low * scaling.factor
            high = interval.high * scaling.factor
        } else {
            // Different samples: independent errors, combined in quadrature around the point.
            let headSpread = (head.monthlyCostHigh - head.monthlyCostLow) / 2
            let baseSpread = (base.monthlyCostHigh - base.monthlyCostLow) / 2
            let spread = (headSpread * headSpread + baseSpread * baseSpread).squareRoot()
            low = difference - spread
            high = difference + spread
        }
        let headCPR = head.costPerRequest
        let baseCPR = base.costPerRequest
        var cpqPct: Double?
        if let h = head.costPerQuality, let b = base.costPerQuality { cpqPct = percent(h, b) }
        return Delta(
            monthlyCost: difference, monthlyCostPct: percent(head.monthlyCost, base.monthlyCost),
            monthlyCostLow: low, monthlyCostHigh: high, requests: head.requests - base.requests,
            costPerRequest: headCPR.flatMap { h in baseCPR.map { h - $0 } },
            costPerQuality: head.costPerQuality.flatMap { h in base.costPerQuality.map { h - $0 } },
            costPerQualityPct: cpqPct,
            quality: head.quality.flatMap { h in base.quality.map { h - $0 } })
    }
}
