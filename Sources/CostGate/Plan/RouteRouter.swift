/// A route's router: an optional classifier in front of model tiers, each taking records by rule or by share,
/// with optional escalation from one tier to another (`routes.<route>.router`).
public struct RouteRouter: Sendable, Equatable {
    /// The classifier every request reaching the router pays for, if any.
    public var classifier: Classifier?
    /// The tiers, in plan order: rules are tried in this order.
    public var tiers: [Tier]

    /// The model that classifies each request, and the tokens that call adds.
    public struct Classifier: Sendable, Equatable {
        /// The classifier's model id.
        public var model: String
        /// Tokens the classifier's own prompt adds to the request's input tokens.
        public var promptTokens: Int64
        /// Tokens the classifier answers with.
        public var outputTokens: Int64
    }

    /// One tier: a model, the records it takes, and where it escalates.
    public struct Tier: Sendable, Equatable {
        /// The tier's name, unique in the router.
        public var name: String
        /// The tier's model id.
        public var model: String
        /// The share of the records no rule took that this tier gets, exact; nil when the tier takes no share.
        public var share: ExactFraction?
        /// The rules of `when`; the tier takes a record when all hold. Empty when the tier has no `when`.
        public var rules: [Rule]
        /// Escalation to another tier, if any.
        public var escalation: Escalation?
    }

    /// `escalate`: a share of a tier's requests is sent again to another tier.
    public struct Escalation: Sendable, Equatable {
        /// The index of the target tier in `tiers`.
        public var target: Int
        /// The share of the tier's requests that escalate, exact.
        public var rate: ExactFraction
    }

    /// One condition of a `when` rule.
    public enum Rule: Sendable, Equatable {
        /// A numeric record field compared with a bound: `{"input_tokens": {"lt": 2000}}`.
        case field(NumericField, Comparison, Double)
        /// A tag whose value is one of `values`: `{"team": "search"}` or `{"team": ["search", "ads"]}`.
        case tag(key: String, values: [String])
    }

    /// The record fields a rule can compare (after the plan's prompt change, output scale and cap).
    public enum NumericField: String, Sendable, CaseIterable {
        case inputTokens = "input_tokens"
        case outputTokens = "output_tokens"
        case cachedInputTokens = "cached_input_tokens"
        case reasoningTokens = "reasoning_tokens"
        case latencyMs = "latency_ms"
        case quality
    }

    /// A comparison of a rule.
    public enum Comparison: String, Sendable, CaseIterable {
        case lt, le, gt, ge, eq

        /// Whether `value` compares so with `bound`; NaN (an absent field) satisfies nothing.
        public func holds(_ value: Double, _ bound: Double) -> Bool {
            switch self {
            case .lt: return value < bound
            case .le: return value <= bound
            case .gt: return value > bound
            case .ge: return value >= bound
            case .eq: return value == bound
            }
        }
    }
}
