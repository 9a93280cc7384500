extension ModelPrice {
    /// This row with every rate (standard, long-context, batch, flex, priority) `fraction` below list price, each
    /// rounded to the nearest picodollar per token.
    public func discounted(by fraction: Double) -> ModelPrice {
        guard fraction > 0 else { return self }
        let factor = 1 - fraction
        func scaled(_ rate: Rate) -> Rate { Rate(picodollarsPerToken: Int64((Double(rate.picodollarsPerToken) * factor).rounded())) }
        func scaled(_ rates: TokenRates) -> TokenRates {
            TokenRates(input: scaled(rates.input), cachedInput: rates.cachedInput.map(scaled), cacheWrite: rates.cacheWrite.map(scaled),
                       cacheWrite1h: rates.cacheWrite1h.map(scaled), output: scaled(rates.output), reasoning: rates.reasoning.map(scaled))
        }
        var copy = self
        copy.rates = scaled(rates)
        copy.longContext = longContext.map {
            .init(threshold: $0.threshold, rates: scaled($0.rates), batchRates: $0.batchRates.map(scaled),
                  flexRates: $0.flexRates.map(scaled), priorityRates: $0.priorityRates.map(scaled))
        }
        copy.batchRates = batchRates.map(scaled)
        copy.flexRates = flexRates.map(scaled)
        copy.priorityRates = priorityRates.map(scaled)
        return copy
    }
}
