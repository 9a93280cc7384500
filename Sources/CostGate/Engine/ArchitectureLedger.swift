/// What routers and semantic caches add to a replay: each priced call of each record, kept apart so cost can be
/// attributed to the models called (tiers, classifier, embedding) and to tiers, with route and tag totals unchanged.
///
/// A record under an architecture costs, in `Replay.picodollars`, exactly the sum of its components' picodollars;
/// each component is rounded once (see `ExactFraction.apply`).
public struct ArchitectureLedger: Sendable {
    /// One priced call (or expected share of one) of one record.
    public struct Component: Sendable, Equatable {
        /// The record's index in the traffic.
        public var record: Int32
        /// What the call is.
        public var role: Role
        /// The tier the request was first sent to (`role` tier or escalation), else -1.
        public var origin: Int16
        /// The tier whose model makes the call (`role` tier or escalation), else -1.
        public var target: Int16
        /// The model's slot in `Replay.modelNames`.
        public var slot: Int32
        /// Expected calls per request of the record (the product of hit, share and escalation rates).
        public var calls: Double
        /// The call's expected cost for one request, picodollars, rounded once.
        public var picodollars: Int64
        /// For a tier's first call: the expected quality of the requests first sent there (NaN when unscored).
        public var quality: Double
    }

    /// The kinds of call.
    public enum Role: UInt8, Sendable {
        case embedding, classifier, tier, escalation
    }

    /// One record priced under an architecture.
    public struct Entry: Sendable, Equatable {
        /// The record's index in the traffic.
        public var record: Int32
        /// Index into `routes`.
        public var route: Int32
        /// The share of the record's requests the semantic cache answers (0 without a cache).
        public var hitShare: Double
        /// Where the record's components start in `components` (they end where the next entry's start).
        public var firstComponent: Int32
    }

    /// A route's architecture as priced: names and model slots for the report.
    public struct Route: Sendable {
        /// The route's name.
        public var name: String
        /// Tier names and model ids, in plan order (one unnamed tier for a cache in front of the route's model).
        public var tiers: [(name: String, model: String)]
        /// The classifier's model id, if any.
        public var classifierModel: String?
        /// The embedding model's id, if the route has a semantic cache.
        public var embeddingModel: String?
        /// The hit rate as the plan gives it: a decimal or `measured`.
        public var hitRateSetting: String?
        /// The store's price per hour, USD (0 when none).
        public var storePricePerHour: Double
        /// The hit latency the plan gives, ms.
        public var hitLatencyMs: Double?
        /// The slot of the store's own line in `Replay.modelNames` (`store:<route>`), when it has a price.
        public var storeSlot: Int32?
    }

    /// The calls, ordered by record.
    public var components: [ArchitectureLedger.Component] = []
    /// The records priced under an architecture, in record order.
    public var entries: [Entry] = []
    /// The routes with an architecture, in the order first met.
    public var routes: [Route] = []

    /// The components of `entries[position]`.
    public func components(ofEntry position: Int) -> Range<Int> {
        let start = Int(entries[position].firstComponent)
        let end = position + 1 < entries.count ? Int(entries[position + 1].firstComponent) : components.count
        return start..<end
    }
}
