/// A plan's `prices` section: which price files to layer over the built-in catalog, negotiated discounts, whether
/// they are confidential, and the day deprecation dates are compared with.
///
/// ```json
/// "prices": {
///   "litellm": "prices/litellm.json",
///   "files": ["prices/contract.json"],
///   "discounts": {"openai/*": 0.18, "anthropic/claude-sonnet-4-5": 0.1},
///   "confidential": true,
///   "as_of": "2026-12-01"
/// }
/// ```
public struct PriceSettings: Sendable, Equatable {
    /// A newer copy of LiteLLM's price map, plan-relative; it replaces the bundled snapshot.
    public var litellm: String?
    /// Price files (plan `models` syntax, negotiated rates), plan-relative, first wins.
    public var files: [String] = []
    /// Discounts by `provider/model` glob.
    public var discounts: [Discount] = []
    /// Whether negotiated rates and discounts are kept out of every report (only totals are shown).
    public var confidential = false
    /// The day deprecation dates are compared with, `YYYY-MM-DD`; nil uses the sample's last timestamp.
    public var asOf: String?

    /// Creates empty settings: the built-in catalog over the bundled LiteLLM snapshot, list prices.
    public init() {}

    /// A discount off list price for the models a pattern matches.
    public struct Discount: Sendable, Equatable {
        /// `provider/model`, `provider/*`, or `*`; compared in `ModelID` canonical form.
        public var pattern: String
        /// The fraction off list price, 0...1 (0.18 = 18% off).
        public var fraction: Double
    }

    /// Whether the plan changes anything about prices beyond its `models`.
    public var namesFiles: Bool { litellm != nil || !files.isEmpty }

    /// The discount that applies to the model `id`: the most specific matching pattern (an exact id, then the
    /// longest `provider/prefix*` glob, then `*`), nil when none matches.
    public func discount(for id: String) -> Discount? {
        DiscountMatcher(discounts).discount(for: id)
    }

    /// The discounts with their patterns in canonical form, prepared once for matching many models (a catalog
    /// holds thousands of rows).
    struct DiscountMatcher {
        private let patterns: [(discount: Discount, canonical: String)]

        init(_ discounts: [Discount]) {
            patterns = discounts.map { ($0, $0.pattern == "*" ? "*" : ModelID($0.pattern).canonical) }
        }

        /// The most specific discount for the model `id`.
        func discount(for id: String) -> Discount? { discount(forCanonical: ModelID(id).canonical) }

        /// The most specific discount for the canonical id `model`.
        func discount(forCanonical model: String) -> Discount? {
            var best: (discount: Discount, specificity: Int)?
            for pattern in patterns {
                guard let specificity = PriceSettings.match(canonicalPattern: pattern.canonical, model) else { continue }
                if best == nil || specificity > best!.specificity { best = (pattern.discount, specificity) }
            }
            return best?.discount
        }
    }

    /// How specifically the canonical `pattern` matches the canonical id `model`: exact ids beat every glob,
    /// longer globs beat shorter ones; nil when it does not match.
    private static func match(canonicalPattern canonical: String, _ model: String) -> Int? {
        if !canonical.hasSuffix("*") { return canonical == model ? Int.max : nil }
        let prefix = String(canonical.dropLast())
        return model.hasPrefix(prefix) ? prefix.count : nil
    }
}
