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
    /// holds thousands of rows): exact ids in a table, globs by the prefix before their `*`.
    struct DiscountMatcher {
        /// Exact canonical ids; the first discount naming an id wins, as it beats every later one of equal specificity.
        private var exact: [String: Discount] = [:]
        /// `provider/prefix*` globs and `*`, in plan order, with the prefix's length in characters.
        private var globs: [(discount: Discount, prefix: String, length: Int)] = []

        init(_ discounts: [Discount]) {
            for discount in discounts {
                let canonical = discount.pattern == "*" ? "*" : ModelID(discount.pattern).canonical
                if canonical.hasSuffix("*") {
                    let prefix = String(canonical.dropLast())
                    globs.append((discount, prefix, prefix.count))
                } else if exact[canonical] == nil {
                    exact[canonical] = discount
                }
            }
        }

        /// The most specific discount for the model `id`.
        func discount(for id: String) -> Discount? { discount(forCanonical: ModelID(id).canonical) }

        /// The most specific discount for the canonical id `model`: an exact id beats every glob, a longer glob
        /// beats a shorter one, and of two globs of one length the first in the plan wins.
        func discount(forCanonical model: String) -> Discount? {
            if let discount = exact[model] { return discount }
            var best: (discount: Discount, length: Int)?
            for glob in globs where model.hasPrefix(glob.prefix) {
                if best == nil || glob.length > best!.length { best = (glob.discount, glob.length) }
            }
            return best?.discount
        }
    }
}
