/// The built-in price rows. Each row names the date its prices were read and its source.
enum BuiltInPrices {
    static let models: [ModelPrice] = [
        ModelPrice(id: "openai/gpt-4o", rates: TokenRates(input: 2.50, cached: 1.25, output: 10.00),
                   batchRates: TokenRates(input: 1.25, output: 5.00), encoding: "o200k_base", tokenizerExact: true,
                   contextWindow: 128_000, date: "2025-11-01", source: "https://openai.com/api/pricing/"),
        ModelPrice(id: "openai/gpt-4o-mini", rates: TokenRates(input: 0.15, cached: 0.075, output: 0.60),
                   batchRates: TokenRates(input: 0.075, output: 0.30), encoding: "o200k_base", tokenizerExact: true,
                   contextWindow: 128_000, date: "2025-11-01", source: "https://openai.com/api/pricing/"),
        ModelPrice(id: "anthropic/claude-sonnet-4.5", rates: TokenRates(input: 3, cached: 0.30, cacheWrite: 3.75, output: 15),
                   longContext: .init(threshold: 200_000, rates: TokenRates(input: 6, cached: 0.60, cacheWrite: 7.50, output: 22.50)),
                   batchRates: TokenRates(input: 1.5, output: 7.5), encoding: "o200k_base", tokenizerRatio: 1.2,
                   contextWindow: 1_000_000, date: "2025-11-01", source: "https://www.anthropic.com/pricing#api"),
        ModelPrice(id: "anthropic/claude-haiku-4.5", rates: TokenRates(input: 1, cached: 0.10, cacheWrite: 1.25, output: 5),
                   batchRates: TokenRates(input: 0.5, output: 2.5), encoding: "o200k_base", tokenizerRatio: 1.2,
                   contextWindow: 200_000, date: "2025-11-01", source: "https://www.anthropic.com/pricing#api"),
        ModelPrice(id: "google/gemini-2.5-flash", rates: TokenRates(input: 0.30, cached: 0.03, output: 2.50),
                   batchRates: TokenRates(input: 0.15, output: 1.25), encoding: "o200k_base", tokenizerRatio: 1.1,
                   contextWindow: 1_048_576, date: "2025-11-01", source: "https://ai.google.dev/gemini-api/docs/pricing"),
    ]
}
