/// A route's router and semantic cache as forecast for the month: a line per tier, the classifier's and the
/// cache's own lines, and the hit rate used. The lines sum to the route's monthly cost.
public struct RouteArchitecture: Sendable {
    /// One tier: the requests first sent to it and everything they cost there and where they escalated.
    public struct Tier: Sendable {
        public var name: String
        public var model: String
        /// Monthly requests first sent to the tier (cache hits excluded).
        public var requests: Double
        /// Monthly cost of those requests' calls: the tier's own and their escalation calls.
        public var monthlyCost: Double
        /// The part of `monthlyCost` paid to escalation targets.
        public var escalationCost: Double
        /// Monthly calls re-sent to another tier (a chain a → b → c counts two).
        public var escalations: Double
        /// Mean quality of the tier's requests (an escalated request has its final tier's score), nil unscored.
        public var quality: Double?
        /// Monthly cost per quality-weighted request (cost per request over mean quality), nil unscored.
        public var costPerQuality: Double?
        /// Monthly requests of the tier that have a quality score: the weight of `quality`, for pooling tiers.
        public var scoredRequests: Double = 0
    }

    /// A line of its own: the classifier's calls or the cache's embedding calls.
    public struct Calls: Sendable {
        public var model: String
        /// Monthly calls.
        public var calls: Double
        /// Monthly cost.
        public var monthlyCost: Double
    }

    /// The route's name.
    public var route: String
    /// Monthly requests of the route and their whole cost (tiers, classifier, embedding, store).
    public var requests: Double
    public var monthlyCost: Double
    /// The tiers, in plan order.
    public var tiers: [Tier]
    /// The classifier's line, if any.
    public var classifier: Calls?
    /// The cache's embedding line, if the route has a semantic cache.
    public var embedding: Calls?
    /// The store's monthly cost (price per hour × 24 × forecast days), 0 without a price.
    public var storeMonthlyCost: Double
    /// The store's price per hour.
    public var storePricePerHour: Double
    /// The hit rate used: the request-weighted share of hits, nil without a cache.
    public var hitRate: Double?
    /// The hit rate as the plan gives it (`0.2`, `measured`).
    public var hitRateSetting: String?
    /// The hit latency the plan gives, ms.
    public var hitLatencyMs: Double?

    /// The cache's own monthly cost: embedding calls and store.
    public var cacheMonthlyCost: Double { (embedding?.monthlyCost ?? 0) + storeMonthlyCost }
}
