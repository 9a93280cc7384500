/// A monthly forecast of one side: totals, interval, quality and breakdowns.
public struct Forecast: Sendable {
    /// The side's name.
    public var name: String
    /// Forecast monthly cost in USD.
    public var monthlyCost: Double
    /// Lower end of the interval.
    public var monthlyCostLow: Double
    /// Upper end of the interval.
    public var monthlyCostHigh: Double
    /// Forecast monthly requests.
    public var requests: Double
    /// Forecast monthly input and output tokens.
    public var inputTokens: Double
    public var outputTokens: Double
    /// Weighted mean quality of the scored traffic, nil when nothing is scored.
    public var quality: Double?
    /// Share of the (weighted) traffic that had a quality score.
    public var qualityCoverage: Double
    /// Monthly cost / (scale · Σ w·q): the cost of one quality-weighted request; nil without scores.
    public var costPerQuality: Double?
    /// Breakdown by route, model and each tag key, largest first.
    public var byRoute: [Group]
    public var byModel: [Group]
    public var byTag: [(key: String, groups: [Group])]
    /// Records that were not priced, and records served by a self-hosted deployment.
    public var unpricedRecords: Int
    public var selfHostedRecords: Int
    /// How the sample was scaled to the month.
    public var scaling: Scaling
    /// Latency, GPU fleets and rate-limit peaks (nil when nothing could be estimated).
    public var serving: ServingForecast?
    /// Routes with a router or semantic cache: tiers, classifier and cache lines, by route name.
    public var architectures: [RouteArchitecture] = []
    /// Recorded outcomes and the cost per successful request, nil when no record carries an outcome.
    public var outcomes: Outcomes? = nil
    /// Price sources, discounts, deprecations and drift from provider bills (`PriceFacts`).
    public var prices = PriceFacts()

    /// Cost per request, nil when there are none.
    public var costPerRequest: Double? { requests > 0 ? monthlyCost / requests : nil }

    /// One row of a breakdown.
    public struct Group: Sendable, Equatable {
        public var name: String
        public var monthlyCost: Double
        public var requests: Double
    }

    /// The factors that turn the sample into a month.
    public struct Scaling: Sendable, Equatable {
        /// The recorded window in seconds.
        public var windowSeconds: Double
        /// Whether the window came from the plan (`window_hours`) or the timestamps.
        public var windowFromPlan: Bool
        /// Days forecast and growth applied.
        public var days: Double
        public var growth: Double
        /// days·86400 / window · (1 + growth).
        public var factor: Double
        /// Records in the sample and their total weight.
        public var records: Int
        public var weightedRequests: Double
        /// The interval's confidence and how it was computed.
        public var confidence: Double
        public var intervalMethod: String
        /// Whether the window is the span a usage report's buckets cover (not set from the plan or the timestamps).
        public var windowFromBuckets = false
        public var replicates: Int
        public var seed: UInt64
    }
}
