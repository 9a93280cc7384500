/// A parsed plan file (`costgate.json`): how the team's LLM traffic is served and what it may cost.
public struct Plan: Sendable {
    /// The plan's path as shown in messages.
    public var file: String
    /// The JSON the plan was parsed from (after any patches), kept so candidates and `--set` can patch it.
    public var raw: JSONValue
    /// How to read the traffic sample.
    public var traffic: TrafficSpec
    /// Forecast settings.
    public var forecast: ForecastSettings
    /// Models the plan prices itself (custom or overriding the catalog), in file order.
    public var models: [ModelPrice] { didSet { catalogMemo = CatalogMemo() } }
    /// Route configurations by route name; `*` is the fallback.
    public var routes: [String: RouteConfig]
    /// Quality scores: route → model id → score 0...1.
    public var quality: [String: [String: Double]]
    /// The policies, in file order.
    public var policies: [Policy]
    /// Named what-if patches, in file order.
    public var candidates: [Candidate]
    /// Self-hosted deployments, parsed and checked with the rest of the plan, in file order.
    public var deployments: [Deployment]
    /// Provider rate limits by model id.
    public var rateLimits: [String: RateLimit]
    /// The `prices` section: price files, discounts, confidentiality, the deprecation reference day.
    public var prices = PriceSettings() { didSet { catalogMemo = CatalogMemo() } }
    /// The catalog beneath the plan's `models`: the built-in rows over the bundled LiteLLM snapshot, or, when the
    /// plan names price files, the layers `LoadedPlan.resolvingPrices()` builds from them.
    public var basePrices = PriceCatalog.standard { didSet { catalogMemo = CatalogMemo() } }
    /// `catalog` once built: copies of the plan share it until one of them changes `models`, `prices` or `basePrices`,
    /// which gives that copy a memo of its own.
    var catalogMemo = CatalogMemo()

    /// A named what-if: dotted plan paths and the values to put there.
    public struct Candidate: Sendable {
        public var name: String
        public var patch: [(path: String, value: JSONValue)]
    }

    /// A provider rate limit.
    public struct RateLimit: Sendable, Equatable {
        /// Requests per minute, if limited.
        public var rpm: Double?
        /// Tokens per minute, if limited.
        public var tpm: Double?
    }

    /// The deployment called `name`, if the plan has one.
    public func deployment(named name: String) -> Deployment? {
        deployments.first { $0.name == name }
    }

    /// The configuration for `route`: `routes[route]`, else `routes["*"]`, else the recorded model as is.
    public func routeConfig(for route: String) -> RouteConfig {
        routes[route] ?? routes["*"] ?? RouteConfig()
    }
}
