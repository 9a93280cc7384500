/// The price catalog as JSON: a list of objects, one per model, every rate the exact decimal it is held as.
public struct PriceJSONRenderer: ReportRenderer {
    /// Creates the renderer.
    public init() {}

    /// Renders `listing` as JSON.
    public func render(_ listing: PriceListing) -> String {
        JSONWriter.write(document(listing))
    }

    /// The listing as a JSON value.
    func document(_ listing: PriceListing) -> JSONValue {
        .array(listing.models.map { model in
            .object([
                ("id", .string(model.id)),
                ("provider", .string(model.provider)),
                ("model", .string(model.name)),
                ("aliases", .array(model.aliases.map(JSONValue.string))),
                ("input_per_mtok", Self.number(model.rates.input)),
                ("cached_input_per_mtok", Self.number(model.rates.cachedInput)),
                ("cache_write_per_mtok", Self.number(model.rates.cacheWrite)),
                ("output_per_mtok", Self.number(model.rates.output)),
                ("reasoning_per_mtok", Self.number(model.rates.reasoning ?? model.rates.output)),
                ("batch", model.batchRates.map { batch in
                    .object([("input_per_mtok", Self.number(batch.input)), ("output_per_mtok", Self.number(batch.output))])
                } ?? .null),
                ("flex", Self.serviceTier(model.flexRates)),
                ("priority", Self.serviceTier(model.priorityRates)),
                ("long_context", model.longContext.map { tier in
                    .object([
                        ("threshold", .number(Double(tier.threshold), text: String(tier.threshold))),
                        ("input_per_mtok", Self.number(tier.rates.input)),
                        ("cached_input_per_mtok", Self.number(tier.rates.cachedInput)),
                        ("cache_write_per_mtok", Self.number(tier.rates.cacheWrite)),
                        ("output_per_mtok", Self.number(tier.rates.output)),
                        ("flex", Self.serviceTier(tier.flexRates)),
                        ("priority", Self.serviceTier(tier.priorityRates)),
                    ])
                } ?? .null),
                ("context_window", model.contextWindow.map { .number(Double($0), text: String($0)) } ?? .null),
                ("tokenizer", .object([
                    ("encoding", .string(model.encoding)),
                    ("ratio", .number(model.tokenizerRatio)),
                    ("exact", .bool(model.tokenizerExact)),
                ])),
                ("date", .string(model.date)),
                ("source", .string(model.source)),
                ("deprecation_date", model.deprecationDate.map(JSONValue.string) ?? .null),
            ])
        })
    }

    /// A flex or priority tier's input, cached-input and output rates as listed (absent fields fall back as billing
    /// describes), or null where the model has no such tier.
    private static func serviceTier(_ rates: TokenRates?) -> JSONValue {
        guard let rates else { return .null }
        return .object([("input_per_mtok", number(rates.input)), ("cached_input_per_mtok", number(rates.cachedInput)),
                        ("output_per_mtok", number(rates.output))])
    }

    /// A rate as a JSON number written with exactly the digits it is held with (`0.075`, `10`).
    private static func number(_ rate: Rate?) -> JSONValue {
        guard let rate else { return .null }
        return .number(rate.perMillion, text: Format.rateDecimal(rate))
    }
}
