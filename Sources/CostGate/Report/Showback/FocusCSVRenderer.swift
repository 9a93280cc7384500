/// The recorded sample's charges as FinOps FOCUS 1.2 CSV (`breakdown --format focus`), one row per
/// `FocusCharges.Charge`, for FinOps tools that read FOCUS (FinOps toolkit, Power BI templates, DuckDB).
///
/// Columns follow the FOCUS 1.2 definitions (focus.finops.org; the FinOps-Open-Cost-and-Usage-Spec/FOCUS_Spec
/// repository, `specification/columns/*.md`): dates in `YYYY-MM-DDTHH:mm:ssZ` (Date/Time Format), numbers as
/// plain decimals without exponent, sign or grouping (Numeric Format, here the shortest text that reads back
/// to the same double), `Tags` as a JSON object (Key-Value Format), and costgate's own columns prefixed `x_`.
/// Prices are the catalog's published rates, so `ListCost`, `EffectiveCost` and `BilledCost` are equal.
public struct FocusCSVRenderer: ReportRenderer {
    /// Creates the renderer.
    public init() {}

    /// The header, in the order of every row.
    public static let columns = [
        "BilledCost", "BillingCurrency", "BillingPeriodStart", "BillingPeriodEnd", "ChargeCategory", "ChargeClass",
        "ChargeDescription", "ChargeFrequency", "ChargePeriodStart", "ChargePeriodEnd", "ConsumedQuantity", "ConsumedUnit",
        "EffectiveCost", "ListCost", "ListUnitPrice", "PricingCategory", "PricingQuantity", "PricingUnit", "ProviderName",
        "PublisherName", "InvoiceIssuerName", "ServiceCategory", "ServiceName", "Tags",
        "x_Route", "x_Model", "x_ServiceTier", "x_TokenDirection", "x_Records",
    ]

    /// Renders `listing.focus` (the command computes it for this format); an empty table without it.
    public func render(_ listing: ShowbackListing) -> String {
        var text = Self.columns.joined(separator: ",") + "\n"
        guard let focus = listing.focus else { return text }
        let start = Format.utcDateTime(focus.periodStart)
        let end = Format.utcDateTime(focus.periodEnd)
        for charge in focus.charges {
            let provider = charge.model.contains("/") ? String(charge.model.split(separator: "/", maxSplits: 1)[0]) : "unknown"
            let tags = "{" + charge.tags.map { JSONWriter.quote($0.key) + ":" + JSONWriter.quote($0.value) }.joined(separator: ",") + "}"
            let direction = charge.direction.replacingOccurrences(of: "_", with: " ")
            let description = "\(charge.model) \(direction) tokens, \(charge.tier) tier, route \(charge.route)"
            let cost = Format.decimal(charge.cost)
            let cells: [String] = [
                cost, "USD", start, end, "Usage", "", CSV.field(description, neutralizingFormulas: true), "Usage-Based", start, end,
                Format.decimal(charge.tokens), "Tokens", cost, cost, charge.ratePerMillion.map(Format.decimal) ?? "", "Standard",
                Format.decimal(charge.tokens / 1_000_000), "1000000 Tokens", CSV.field(provider, neutralizingFormulas: true),
                CSV.field(provider, neutralizingFormulas: true), CSV.field(provider, neutralizingFormulas: true), "AI and Machine Learning",
                CSV.field(provider + " API", neutralizingFormulas: true), CSV.field(tags),
                CSV.field(charge.route, neutralizingFormulas: true), CSV.field(charge.model, neutralizingFormulas: true), charge.tier,
                charge.direction, String(charge.records),
            ]
            text += cells.joined(separator: ",") + "\n"
        }
        return text
    }
}
