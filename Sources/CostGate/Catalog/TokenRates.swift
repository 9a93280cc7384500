/// The rates one request is billed at.
public struct TokenRates: Sendable, Hashable {
    /// Uncached input tokens.
    public var input: Rate
    /// Input tokens read from the prompt cache; nil bills them at `input`.
    public var cachedInput: Rate?
    /// Input tokens written to the prompt cache (Anthropic's cache write); informational unless a record says so.
    public var cacheWrite: Rate?
    /// Output tokens that are not reasoning.
    public var output: Rate
    /// Reasoning tokens; nil bills them at `output`.
    public var reasoning: Rate?

    /// Creates a set of rates.
    public init(input: Rate, cachedInput: Rate? = nil, cacheWrite: Rate? = nil, output: Rate, reasoning: Rate? = nil) {
        self.input = input
        self.cachedInput = cachedInput
        self.cacheWrite = cacheWrite
        self.output = output
        self.reasoning = reasoning
    }

    /// Creates rates from USD per 1M tokens.
    public init(input: Double, cached: Double? = nil, cacheWrite: Double? = nil, output: Double, reasoning: Double? = nil) {
        self.init(input: Rate(perMillion: input), cachedInput: cached.map(Rate.init(perMillion:)),
                  cacheWrite: cacheWrite.map(Rate.init(perMillion:)), output: Rate(perMillion: output),
                  reasoning: reasoning.map(Rate.init(perMillion:)))
    }

    /// The exact cost in picodollars of a request with these token counts (cached ≤ input, reasoning ≤ output).
    ///
    /// Returns nil if the cost overflows 64 bits (above about 9.2 million USD for one request).
    public func picodollars(input: Int64, cached: Int64, output: Int64, reasoning: Int64) -> Int64? {
        let terms: [(Int64, Rate)] = [
            (input - cached, self.input),
            (cached, cachedInput ?? self.input),
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
