/// One model's prices and tokenizer, with the date and source they were taken from.
public struct ModelPrice: Sendable, Hashable {
    /// Catalog id, `provider/model` (`openai/gpt-4o-mini`).
    public var id: String
    /// Standard (interactive, on-demand) rates.
    public var rates: TokenRates
    /// Long-context tier: a request whose input is above `threshold` tokens is billed entirely at `rates`.
    public var longContext: LongContextTier?
    /// Batch API rates (usually half), nil where the provider has no batch API. An absent cached-read rate bills
    /// cache reads at the lower of the standard cached rate and the batch input rate; absent cache-write rates
    /// are the standard ones.
    public var batchRates: TokenRates?
    /// Flex processing rates (OpenAI), nil where the model has none; absent fields as for `batchRates`.
    public var flexRates: TokenRates?
    /// Priority processing rates (OpenAI), nil where the model has none; an absent cached-read rate bills cache
    /// reads at the priority input rate.
    public var priorityRates: TokenRates?
    /// The tokenizer encoding that counts this model's tokens (`o200k_base`), or the encoding an estimate is based on.
    public var encoding: String
    /// Multiplier on the encoding's count: 1 and `tokenizerExact` for OpenAI models; a per-family estimate otherwise.
    public var tokenizerRatio: Double
    /// Whether `encoding` is the model's own tokenizer (counts are exact) or an estimate.
    public var tokenizerExact: Bool
    /// Context window in tokens, where known.
    public var contextWindow: Int64?
    /// The date the prices were read, `YYYY-MM-DD`.
    public var date: String
    /// Where the prices were read (a URL or document name).
    public var source: String
    /// Other names this model is known by (`gpt-4o-2024-08-06`).
    public var aliases: [String]
    /// The day the provider retires the model, `YYYY-MM-DD` (LiteLLM's `deprecation_date`), where known.
    public var deprecationDate: String?
    /// Whether a rate had to be rounded to whole picodollars per token on import (a LiteLLM rate such as
    /// 1.41953125e-7 USD), so this row's costs can differ from its source's by up to 0.5 picodollar a token.
    public var roundedOnImport: Bool = false

    /// A long-context pricing tier.
    public struct LongContextTier: Sendable, Hashable {
        /// Input tokens above which the tier applies.
        public var threshold: Int64
        /// The rates for the whole request in that tier.
        public var rates: TokenRates
        /// The rates for a whole batch request in that tier; nil bills it at `rates`.
        public var batchRates: TokenRates?
        /// The rates for a whole flex request in that tier; nil bills it at the model's flat flex rates.
        public var flexRates: TokenRates?
        /// The rates for a whole priority request in that tier; nil bills it at the model's flat priority rates.
        public var priorityRates: TokenRates?
        public init(threshold: Int64, rates: TokenRates, batchRates: TokenRates? = nil, flexRates: TokenRates? = nil,
                    priorityRates: TokenRates? = nil) {
            self.threshold = threshold
            self.rates = rates
            self.batchRates = batchRates
            self.flexRates = flexRates
            self.priorityRates = priorityRates
        }
    }

    /// Creates a catalog row.
    public init(id: String, rates: TokenRates, longContext: LongContextTier? = nil, batchRates: TokenRates? = nil,
                flexRates: TokenRates? = nil, priorityRates: TokenRates? = nil, encoding: String = "o200k_base", tokenizerRatio: Double = 1, tokenizerExact: Bool = false,
                contextWindow: Int64? = nil, date: String, source: String, aliases: [String] = [], deprecationDate: String? = nil) {
        self.id = id
        self.rates = rates
        self.longContext = longContext
        self.batchRates = batchRates
        self.flexRates = flexRates
        self.priorityRates = priorityRates
        self.encoding = encoding
        self.tokenizerRatio = tokenizerRatio
        self.tokenizerExact = tokenizerExact
        self.contextWindow = contextWindow
        self.date = date
        self.source = source
        self.aliases = aliases
        self.deprecationDate = deprecationDate
    }

    /// The provider part of the id.
    public var provider: String { String(id.split(separator: "/", maxSplits: 1).first ?? "") }
    /// The model part of the id.
    public var name: String { String(id.split(separator: "/", maxSplits: 1).last ?? "") }

    /// The rates a request with `inputTokens` input tokens is billed at.
    public func rates(forInput inputTokens: Int64) -> TokenRates {
        if let tier = longContext, inputTokens > tier.threshold { return tier.rates }
        return rates
    }

    /// The rates a request of `tier` with `inputTokens` prompt tokens (cache reads and writes included) is billed
    /// at, every absent field filled; nil when the model has no such tier.
    ///
    /// The long-context tier switches the whole request when the prompt is above its threshold, on every tier that
    /// has long-context rates of its own (standard and batch always; flex and priority where the tier lists them,
    /// else their flat rates apply whatever the prompt size).
    public func billedRates(_ tier: ServiceTier, inputTokens: Int64) -> TokenRates? {
        switch tier {
        case .standard:
            return rates(forInput: inputTokens)
        case .batch:
            guard let batch = batchRates else { return nil }
            if let long = longContext, inputTokens > long.threshold {
                return long.batchRates.map { Self.discounted($0, over: long.rates) } ?? long.rates
            }
            return Self.discounted(batch, over: rates)
        case .flex:
            guard let flex = flexRates else { return nil }
            if let long = longContext, inputTokens > long.threshold, let longFlex = long.flexRates {
                return Self.discounted(longFlex, over: long.rates)
            }
            return Self.discounted(flex, over: rates)
        case .priority:
            guard let flat = priorityRates else { return nil }
            var priority = flat
            var standard = rates
            if let long = longContext, inputTokens > long.threshold, let longPriority = long.priorityRates {
                priority = longPriority
                standard = long.rates
            }
            if priority.cachedInput == nil { priority.cachedInput = priority.input }
            return priority.filled(from: standard)
        }
    }

    /// Discount-tier rates over `standard`: a cache read costs the tier's own cached rate, else the lower of the
    /// standard cached rate and the tier's input rate (OpenAI bills gpt-4.1's batch cache reads at the
    /// interactive cached rate, below the batch input rate); cache writes default to the standard write rates.
    private static func discounted(_ rates: TokenRates, over standard: TokenRates) -> TokenRates {
        var filled = rates
        if filled.cachedInput == nil { filled.cachedInput = min(standard.cachedInput ?? standard.input, rates.input) }
        return filled.filled(from: standard)
    }
}
