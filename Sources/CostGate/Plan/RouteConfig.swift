/// How one route is served.
public struct RouteConfig: Sendable, Equatable {
    /// The model id, or `recorded` (nil means `recorded`) to keep each record's own model.
    public var model: String?
    /// The route's fixed prompt size in tokens, when declared literally.
    public var promptTokens: Int64?
    /// A prompt file whose token count is the route's prompt size (relative to the plan's folder).
    public var promptFile: String?
    /// Cap on output tokens.
    public var maxOutputTokens: Int64?
    /// Multiplier on recorded output tokens, held exactly.
    public var outputScale = DecimalScale.one
    /// Bill at the provider's batch rates.
    public var batch = false
    /// The service tier to bill at (`flex`, `priority`); nil keeps each record's own tier (standard when it names none).
    public var serviceTier: ServiceTier?
    /// A self-hosted deployment that serves this route (GPU cost instead of token prices).
    public var deployment: String?
    /// A router in front of model tiers (then the route has no `model` of its own).
    public var router: RouteRouter?
    /// A semantic cache in front of the route's model path.
    public var semanticCache: SemanticCache?
    /// Where rate-limited and failed requests go (a hosted model), if anywhere.
    public var fallback: RouteFallback?
    /// Provider prompt caching to forecast from arrival gaps instead of the recorded cache counts.
    public var promptCache: PromptCacheSettings?

    /// Creates a route that keeps the recorded model.
    public init() {}

    /// Whether the model is the record's own.
    public var usesRecordedModel: Bool { model == nil || model == "recorded" }

    /// The tier the route bills at, nil to keep each record's own: `batch: true` is the batch tier.
    public var billedTier: ServiceTier? { batch ? .batch : serviceTier }
}
