extension BuiltInPrices {
    private static let anthropicPricing = "https://platform.claude.com/docs/en/about-claude/pricing"

    /// Anthropic rows: cache reads at 0.1× input, 5-minute cache writes at 1.25× input, 1-hour writes at 2×,
    /// Message Batches at half price (cache and long-context rates included), and Sonnet 4/4.5's long-context tier (above 200k input tokens the whole request is billed higher).
    static let anthropic: [ModelPrice] = [
        anthropicRow("claude-opus-4.1", input: 15, output: 75, context: 200_000,
                     aliases: ["claude-opus-4-1", "claude-opus-4-1-20250805"],
                     note: "the pricing page marks Opus 4.1 retired on the Anthropic API except via Bedrock and Google Cloud"),
        anthropicRow("claude-opus-4", input: 15, output: 75, context: 200_000,
                     aliases: ["claude-opus-4-0", "claude-opus-4-20250514"],
                     note: "the pricing page marks Opus 4 retired except on Google Cloud"),
        anthropicRow("claude-opus-4.5", input: 5, output: 25, context: 200_000,
                     aliases: ["claude-opus-4-5", "claude-opus-4-5-20251101"], note: "cross-checked with simonw/llm-prices"),
        anthropicRow("claude-sonnet-4", input: 3, output: 15, context: 1_000_000, longContext: true,
                     aliases: ["claude-sonnet-4-0", "claude-sonnet-4-20250514"],
                     note: "1M context with the long-context beta, 200k otherwise; >200k tier cross-checked with simonw/llm-prices"),
        anthropicRow("claude-sonnet-4.5", input: 3, output: 15, context: 1_000_000, longContext: true,
                     aliases: ["claude-sonnet-4-5", "claude-sonnet-4-5-20250929"],
                     note: "1M context with the long-context beta, 200k otherwise; >200k tier cross-checked with simonw/llm-prices"),
        anthropicRow("claude-haiku-4.5", input: 1, output: 5, context: 200_000,
                     aliases: ["claude-haiku-4-5", "claude-haiku-4-5-20251001"], note: "cross-checked with simonw/llm-prices"),
        anthropicRow("claude-3.5-haiku", input: 0.80, output: 4, context: 200_000,
                     aliases: ["claude-3-5-haiku", "claude-3-5-haiku-20241022", "claude-3-5-haiku-latest"],
                     note: "cache write 1.00, cache hit 0.08 as listed; cross-checked with simonw/llm-prices"),
    ]

    private static func anthropicRow(_ name: String, input: Double, output: Double, context: Int64,
                                     longContext: Bool = false, aliases: [String], note: String) -> ModelPrice {
        // Anthropic publishes every cache price as a multiple of input: reads 0.1×, 5-minute writes 1.25×;
        // the long-context tier doubles input (and the cache prices with it) and takes output to 1.5×.
        // 1-hour writes are 2× input; Message Batches halve every rate, the cache and long-context ones included.
        func rates(input: Double, output: Double, factor: Double) -> TokenRates {
            TokenRates(input: input * factor, cached: input / 10 * factor, cacheWrite: input * 1.25 * factor,
                       cacheWrite1h: input * 2 * factor, output: output * factor)
        }
        let tier = longContext
            ? ModelPrice.LongContextTier(threshold: 200_000, rates: rates(input: input * 2, output: output * 1.5, factor: 1),
                                         batchRates: rates(input: input * 2, output: output * 1.5, factor: 0.5))
            : nil
        return ModelPrice(id: "anthropic/" + name, rates: rates(input: input, output: output, factor: 1),
                          longContext: tier, batchRates: rates(input: input, output: output, factor: 0.5),
                          encoding: "o200k_base", tokenizerRatio: TokenizerRatio.claude, tokenizerExact: false,
                          contextWindow: context, date: checked, source: anthropicPricing + " (" + note + ")",
                          aliases: aliases)
    }
}
