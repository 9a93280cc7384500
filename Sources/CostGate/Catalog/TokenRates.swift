/// The rates one request is billed at.
public struct TokenRates: Sendable, Hashable {
    /// Uncached input tokens.
    public var input: Rate
    /// Input tokens read from the prompt cache; nil bills them at `input`.
    public var cachedInput: Rate?
    /// Input tokens written to the prompt cache with the default lifetime (Anthropic's 5-minute write); nil bills
    /// them at `input` (OpenAI and Gemini do not charge for writing the cache).
    public var cacheWrite: Rate?
    /// Input tokens written to the prompt cache with a 1-hour lifetime (Anthropic); nil bills them at `cacheWrite`.
    public var cacheWrite1h: Rate?
    /// Output tokens that are not reasoning.
    public var output: Rate
    /// Reasoning tokens; nil bills them at `output`.
    public var reasoning: Rate?

    /// Creates a set of rates.
    public init(input: Rate, cachedInput: Rate? = nil, cacheWrite: Rate? = nil, cacheWrite1h: Rate? = nil, output: Rate,
                reasoning: Rate? = nil) {
        self.input = input
        self.cachedInput = cachedInput
        self.cacheWrite = cacheWrite
        self.cacheWrite1h = cacheWrite1h
        self.output = output
        self.reasoning = reasoning
    }

    /// Creates rates from USD per 1M tokens.
    public init(input: Double, cached: Double? = nil, cacheWrite: Double? = nil, cacheWrite1h: Double? = nil,
                output: Double, reasoning: Double? = nil) {
        self.init(input: Rate(perMillion: input), cachedInput: cached.map(Rate.init(perMillion:)),
                  cacheWrite: cacheWrite.map(Rate.init(perMillion:)), cacheWrite1h: cacheWrite1h.map(Rate.init(perMillion:)),
                  output: Rate(perMillion: output), reasoning: reasoning.map(Rate.init(perMillion:)))
    }

    /// These rates with every absent field taken from `fallback` (a batch or service-tier row over the standard one).
    func filled(from fallback: TokenRates) -> TokenRates {
        TokenRates(input: input, cachedInput: cachedInput ?? fallback.cachedInput, cacheWrite: cacheWrite ?? fallback.cacheWrite,
                   cacheWrite1h: cacheWrite1h ?? fallback.cacheWrite1h, output: output, reasoning: reasoning)
    }

    /// The exact cost in picodollars of a request with these token counts.
    ///
    /// `input` counts every prompt token, cache reads and writes included (OpenAI's convention), so
    /// `cached + cacheWrite + cacheWrite1h ≤ input` and `reasoning ≤ output`.
    /// Returns nil if the cost overflows 64 bits (above about 9.2 million USD for one request).
    public func picodollars(input: Int64, cached: Int64, cacheWrite: Int64 = 0, cacheWrite1h: Int64 = 0,
                            output: Int64, reasoning: Int64) -> Int64? {
        let writeRate = self.cacheWrite ?? self.input
        let terms: [(Int64, Rate)] = [
            (input - cached - cacheWrite - cacheWrite1h, self.input),
            (cached, cachedInput ?? self.input),
            (cacheWrite, writeRate),
            (cacheWrite1h, self.cacheWrite1h ?? writeRate),
            (output - reasoning, self.output),
            (reasoning, self.reasoning ?? self.output),
        ]
        var total: Int64 = 0
        for (tokens, rate) in terms {
            let (product, overflow) = tokens.multipliedReportingOverflow(by: rate.picodollarsPerToken)
            if overflow { return nil }
            let (sum, overflowSum) = total.addingReportingOverflow(product)
            if overflowSum { return nil }
            total = sum
        }
        return total
    }
}
