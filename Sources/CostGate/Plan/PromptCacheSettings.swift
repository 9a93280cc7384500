/// A route's provider prompt caching, as the plan declares it (`routes.<route>.prompt_cache`), so costgate
/// forecasts the cached-token share from arrival gaps instead of replaying the recorded cache counts.
///
/// ```json
/// "prompt_cache": {"prefix_tokens": 6000, "stable_prefix": true, "ttl": "5m", "min_tokens": 1024}
/// ```
public struct PromptCacheSettings: Sendable, Equatable {
    /// Tokens at the start of the prompt that are the same for every request sharing a prefix (the system prompt
    /// and tools, before anything per-request); nil takes each record's `prefix_tokens` (or its `hash_ids`).
    public var prefixTokens: Int64?
    /// False when the prompt starts with something that changes per request (a timestamp, the user's name), so
    /// no request can read the cache; every eligible request writes it again.
    public var stablePrefix = true
    /// How long a cached prefix lives after its last use, in seconds: 300 (`5m`, the default, every provider's
    /// shortest), 3600 (`1h`, Anthropic's extended cache, written at the 1-hour rate) or 86400 (`24h`, OpenAI's
    /// extended retention).
    public var ttlSeconds: Double = 300
    /// The shortest prefix a provider caches (1,024 tokens for OpenAI and most Claude models).
    public var minTokens: Int64 = 1024
    /// Tokens per block of a `hash_ids` list (Mooncake's traces use 512).
    public var blockTokens: Int64 = 512

    /// Creates the defaults: records' own prefixes, stable, a 5-minute lifetime.
    public init() {}

    /// The lifetimes a plan may name, in seconds.
    static let lifetimes: KeyValuePairs<String, Double> = ["5m": 300, "1h": 3600, "24h": 86_400]
}
