import Foundation

/// What a report says about the prices one side was billed with: their sources, discounts off list price (list vs
/// effective), models past or near their deprecation date, and drift from what the provider billed.
public struct PriceFacts: Sendable {
    /// The price layers, top first, for the assumptions: `built-in 2026-11-29, then LiteLLM 1.110.2 2026-11-29`
    /// (kept short: it is in every comment, inside its size budget).
    public var summary: String = "built-in"
    /// Whether the plan keeps its negotiated rates and discounts out of reports.
    public var confidential = false
    /// Per discounted model, list and effective monthly cost; empty when confidential.
    public var discounts: [Discount] = []
    /// Models the plan uses whose provider retires them by the reference day or within the forecast.
    public var deprecations: [Deprecation] = []
    /// The day deprecation dates were compared with, `YYYY-MM-DD`, and where it came from.
    public var referenceDay: String?
    /// Provider-billed cost against costgate's price of the same records, per model (see `PriceDrift`).
    public var drift: PriceDrift?
    /// Per route with `prompt_cache`, the forecast cache reads and writes.
    public var promptCache: [PromptCacheForecast.Route] = []

    /// Creates empty facts.
    public init() {}

    /// One discounted model's monthly cost at list and at the negotiated price.
    public struct Discount: Sendable, Equatable {
        public var model: String
        /// The pattern that matched (`openai/*`).
        public var pattern: String
        public var fraction: Double
        public var listMonthlyCost: Double
        public var effectiveMonthlyCost: Double
    }

    /// A model past, or inside the forecast before, its deprecation date.
    public struct Deprecation: Sendable, Equatable {
        public var model: String
        public var date: String
        /// Whether the date is on or before the reference day (else it falls within the forecast period).
        public var past: Bool
        /// Forecast monthly requests on the model.
        public var requests: Double
    }

    /// The monthly cost at list price (effective cost plus every discount), nil without discounts.
    public var listMonthlyCost: Double? {
        discounts.isEmpty ? nil : discounts.reduce(0) { $0 + $1.listMonthlyCost - $1.effectiveMonthlyCost }
    }

    /// Warnings for the report: one per deprecated model.
    public var warnings: [String] {
        deprecations.map { item in
            item.past
                ? "model '\(item.model)' is past its deprecation date \(item.date) (as of \(referenceDay ?? "the sample's end")); the provider may no longer serve it"
                : "model '\(item.model)' is deprecated on \(item.date), within the forecast period that starts \(referenceDay ?? "at the sample's end")"
        }
    }

    /// Gathers the facts for one side.
    ///
    /// - Parameters:
    ///   - plan: the side's plan (its `prices` section and catalog layers).
    ///   - catalog: the catalog the side was priced with.
    ///   - traffic: the sample, for the reference day (its last timestamp) when the plan sets no `prices.as_of`.
    ///   - replay: the side's replay (each record's model and cost), for drift.
    ///   - forecast: the side's forecast (monthly cost by model).
    public static func gather(plan: Plan, catalog: PriceCatalog, traffic: Traffic, replay: Replay, forecast: Forecast) -> PriceFacts {
        var facts = gather(plan: plan, catalog: catalog, lastTimestamp: traffic.records.lazy.map(\.timestamp).max(), forecast: forecast)
        facts.drift = PriceDrift.measure(traffic: traffic, replay: replay)
        facts.promptCache = replay.promptCache
        return facts
    }

    /// The facts that need no record: price layers, discounts and deprecations (as of `prices.as_of`, else the day of
    /// `lastTimestamp`, the sample's last record).
    static func gather(plan: Plan, catalog: PriceCatalog, lastTimestamp: Double?, forecast: Forecast) -> PriceFacts {
        var facts = PriceFacts()
        let settings = plan.prices
        facts.confidential = settings.confidential
        var layers: [String] = []
        if !settings.files.isEmpty { layers.append("price file\(settings.files.count == 1 ? "" : "s") " + settings.files.joined(separator: ", ")) }
        let maps = catalog.litellmMaps
        let planCopies = maps.filter { $0.origin != "bundled snapshot" }
        layers += planCopies.map { "LiteLLM map \($0.origin)" }
        layers.append("built-in \(BuiltInPrices.checked)")
        layers += maps.filter { $0.origin == "bundled snapshot" }.map { "LiteLLM \($0.version) \($0.date)" }
        if !plan.models.isEmpty { layers.insert("plan models", at: 0) }
        facts.summary = layers.joined(separator: ", then ")
        if !settings.discounts.isEmpty {
            facts.summary += settings.confidential ? "; negotiated discounts applied (confidential)" : "; discounts off list price applied"
        }

        if !settings.confidential {
            // Patterns are prepared once, not for each model: a sample may name thousands of models.
            let matcher = PriceSettings.DiscountMatcher(settings.discounts)
            for group in forecast.byModel {
                guard let discount = matcher.discount(for: group.name), discount.fraction > 0, discount.fraction < 1,
                      catalog.lookup(group.name) != nil else { continue }
                facts.discounts.append(.init(model: group.name, pattern: discount.pattern, fraction: discount.fraction,
                                             listMonthlyCost: group.monthlyCost / (1 - discount.fraction), effectiveMonthlyCost: group.monthlyCost))
            }
            facts.discounts.sort { $0.model < $1.model }
        }

        let reference: (day: String, seconds: Double)?
        if let day = settings.asOf, let seconds = TimestampParser.parse(day + "T00:00:00Z") {
            reference = (day, seconds)
        } else if let last = lastTimestamp, last.isFinite {
            reference = (Self.day(last), last)
        } else {
            reference = nil
        }
        if let reference {
            facts.referenceDay = reference.day
            let horizon = reference.seconds + plan.forecast.days * 86_400
            for group in forecast.byModel where group.requests > 0 {
                guard let date = catalog.lookup(group.name)?.deprecationDate,
                      let seconds = TimestampParser.parse(date + "T00:00:00Z") else { continue }
                if seconds <= reference.seconds {
                    facts.deprecations.append(.init(model: group.name, date: date, past: true, requests: group.requests))
                } else if seconds <= horizon {
                    facts.deprecations.append(.init(model: group.name, date: date, past: false, requests: group.requests))
                }
            }
            facts.deprecations.sort { $0.model < $1.model }
        }
        return facts
    }

    /// `YYYY-MM-DD` of Unix seconds, UTC.
    static func day(_ seconds: Double) -> String {
        String(Format.utcDateTime(Int64(seconds.rounded(.down))).split(separator: "T")[0])
    }
}
