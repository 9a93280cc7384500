/// A semantic cache in front of a route (`routes.<route>.semantic_cache`): every request pays an embedding
/// call; a hit skips the model path, a miss takes it.
public struct SemanticCache: Sendable, Equatable {
    /// How the hit rate is known.
    public var hitRate: HitRate
    /// The embedding model's id.
    public var embeddingModel: String
    /// The store's price in USD per hour (a fixed monthly cost), 0 when not given.
    public var storePricePerHour: Double
    /// The latency of a hit in milliseconds, when given (reported; the latency forecast does not use it yet).
    public var hitLatencyMs: Double?

    /// A hit rate given in the plan, or measured from the records.
    public enum HitRate: Sendable, Equatable {
        /// This share of the route's requests hit, exact.
        case fixed(ExactFraction)
        /// Each record's own `cache_hit`, else a repeat of its `prompt_hash` within `ttlSeconds` (nil: not given).
        case measured(ttlSeconds: Double?)
    }
}
