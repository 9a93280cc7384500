extension BuiltInPrices {
    private static let geminiPricing = "https://ai.google.dev/gemini-api/docs/pricing"

    /// Google Gemini API rows (paid tier, text input): context-cache reads as published (storage per hour is not
    /// modelled), Batch Mode at half price, 2.5 Pro's tier above 200k prompt tokens, and the 2.5 models' Flex
    /// (half price, cache reads at the standard cached rate) and Priority (1.8x) service tiers, 2.5 Pro's with
    /// their own long-context rates.
    private static let serviceTiers = "https://ai.google.dev/gemini-api/docs/optimization (Flex 50% off, Priority 75-100% more); rates as LiteLLM 1.110.2 lists them"
    static let google: [ModelPrice] = [
        ModelPrice(id: "google/gemini-2.5-pro", rates: TokenRates(input: 1.25, cached: 0.125, output: 10.00),
                   longContext: .init(threshold: 200_000, rates: TokenRates(input: 2.50, cached: 0.25, output: 15.00),
                                      batchRates: TokenRates(input: 1.25, cached: 0.25, output: 7.50),
                                      flexRates: TokenRates(input: 1.25, cached: 0.25, output: 7.50),
                                      priorityRates: TokenRates(input: 4.50, cached: 0.45, output: 27.00)),
                   batchRates: TokenRates(input: 0.625, output: 5.00),
                   flexRates: TokenRates(input: 0.625, cached: 0.125, output: 5.00),
                   priorityRates: TokenRates(input: 2.25, cached: 0.225, output: 18.00),
                   encoding: "o200k_base", tokenizerRatio: TokenizerRatio.gemini, contextWindow: 1_048_576,
                   date: checked, source: geminiPricing + " (both tiers cross-checked with simonw/llm-prices and LiteLLM; thinking tokens bill as output); flex, priority: " + serviceTiers),
        ModelPrice(id: "google/gemini-2.5-flash", rates: TokenRates(input: 0.30, cached: 0.03, output: 2.50),
                   batchRates: TokenRates(input: 0.15, output: 1.25),
                   flexRates: TokenRates(input: 0.15, cached: 0.03, output: 1.25),
                   priorityRates: TokenRates(input: 0.54, cached: 0.054, output: 4.50),
                   encoding: "o200k_base", tokenizerRatio: TokenizerRatio.gemini, contextWindow: 1_048_576,
                   date: checked, source: geminiPricing + " (text/image/video input; audio input is priced higher; cross-checked with simonw/llm-prices); flex, priority: " + serviceTiers),
        ModelPrice(id: "google/gemini-2.5-flash-lite", rates: TokenRates(input: 0.10, cached: 0.01, output: 0.40),
                   batchRates: TokenRates(input: 0.05, output: 0.20),
                   flexRates: TokenRates(input: 0.05, cached: 0.01, output: 0.20),
                   priorityRates: TokenRates(input: 0.18, cached: 0.018, output: 0.72),
                   encoding: "o200k_base", tokenizerRatio: TokenizerRatio.gemini, contextWindow: 1_048_576,
                   date: checked, source: geminiPricing + " (text/image/video input; cross-checked with simonw/llm-prices and LiteLLM); flex, priority: " + serviceTiers),
        ModelPrice(id: "google/gemini-2.0-flash", rates: TokenRates(input: 0.10, cached: 0.025, output: 0.40),
                   batchRates: TokenRates(input: 0.05, output: 0.20),
                   encoding: "o200k_base", tokenizerRatio: TokenizerRatio.gemini, contextWindow: 1_048_576,
                   date: checked, source: geminiPricing + " (input/output cross-checked with simonw/llm-prices; the 0.025 cached rate is NOT confirmed by a second source)",
                   aliases: ["gemini-2.0-flash-001"]),
    ]
}
