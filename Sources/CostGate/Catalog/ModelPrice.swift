/// One model's prices and tokenizer, with the date and source they were taken from.
public struct ModelPrice: Sendable, Hashable {
    /// Catalog id, `provider/model` (`openai/gpt-4o-mini`).
    public var id: String
    /// Standard (interactive, on-demand) rates.
    public var rates: TokenRates
    /// Long-context tier: a request whose input is above `threshold` tokens is billed entirely at `rates`.
    public var longContext: LongContextTier?
    /// Batch API rates (usually half), nil where the provider has no batch API.
    public var batchRates: TokenRates?
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

    /// A long-context pricing tier.
    public struct LongContextTier: Sendable, Hashable {
        /// Input tokens above which the tier applies.
        public var threshold: Int64
        /// The rates for the whole request in that tier.
        public var rates: TokenRates
        public init(threshold: Int64, rates: TokenRates) {
            self.threshold = threshold
            self.rates = rates
        }
    }

    /// Creates a catalog row.
    public init(id: String, rates: TokenRates, longContext: LongContextTier? = nil, batchRates: TokenRates? = nil,
                encoding: String = "o200k_base", tokenizerRatio: Double = 1, tokenizerExact: Bool = false,
                contextWindow: Int64? = nil, date: String, source: String, aliases: [String] = []) {
        self.id = id
        self.rates = rates
        self.longContext = longContext
        self.batchRates = batchRates
        self.encoding = encoding
        self.tokenizerRatio = tokenizerRatio
        self.tokenizerExact = tokenizerExact
        self.contextWindow = contextWindow
        self.date = date
        self.source = source
        self.aliases = aliases
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
}
