extension BuiltInPrices {
    private static let openAIPricing = "https://platform.openai.com/docs/pricing"

    /// OpenAI rows: exact tokenizers (`o200k_base` for GPT-4o and later, `cl100k_base` for GPT-4 Turbo and
    /// GPT-3.5 Turbo), Batch API at half price, cached input as published per model. Batch cache reads cost
    /// the interactive cached rate except for the GPT-5 family (half of it); flex and priority rates as
    /// published on the pricing page, cross-checked with LiteLLM 1.110.2's map.
    static let openAI: [ModelPrice] = [
        openAIRow("gpt-4o", input: 2.50, cached: 1.25, output: 10.00, context: 128_000,
                  priority: TokenRates(input: 4.25, cached: 2.125, output: 17),
                  aliases: ["gpt-4o-2024-08-06", "gpt-4o-2024-11-20"],
                  note: "cross-checked with simonw/llm-prices; the older gpt-4o-2024-05-13 snapshot is priced differently and is not an alias"),
        openAIRow("gpt-4o-mini", input: 0.15, cached: 0.075, output: 0.60, context: 128_000,
                  priority: TokenRates(input: 0.25, cached: 0.125, output: 1.0),
                  aliases: ["gpt-4o-mini-2024-07-18"],
                  note: "cross-checked with simonw/llm-prices and LiteLLM, which also lists batch 0.075/0.30"),
        openAIRow("gpt-4.1", input: 2.00, cached: 0.50, output: 8.00, context: 1_047_576,
                  priority: TokenRates(input: 3.5, cached: 0.875, output: 14),
                  aliases: ["gpt-4.1-2025-04-14"], note: "cross-checked with simonw/llm-prices"),
        openAIRow("gpt-4.1-mini", input: 0.40, cached: 0.10, output: 1.60, context: 1_047_576,
                  priority: TokenRates(input: 0.7, cached: 0.175, output: 2.8),
                  aliases: ["gpt-4.1-mini-2025-04-14"], note: "cross-checked with simonw/llm-prices"),
        openAIRow("gpt-4.1-nano", input: 0.10, cached: 0.025, output: 0.40, context: 1_047_576,
                  priority: TokenRates(input: 0.2, cached: 0.05, output: 0.8),
                  aliases: ["gpt-4.1-nano-2025-04-14"], note: "cross-checked with simonw/llm-prices"),
        openAIRow("o3", input: 2.00, cached: 0.50, output: 8.00, context: 200_000,
                  flex: TokenRates(input: 1.0, cached: 0.25, output: 4.0), priority: TokenRates(input: 3.5, cached: 0.875, output: 14),
                  aliases: ["o3-2025-04-16"],
                  note: "price after OpenAI's June 2025 o3 reduction; simonw/llm-prices still lists the launch price 10/40"),
        openAIRow("o3-mini", input: 1.10, cached: 0.55, output: 4.40, context: 200_000,
                  aliases: ["o3-mini-2025-01-31"], note: "cross-checked with simonw/llm-prices"),
        openAIRow("o4-mini", input: 1.10, cached: 0.275, output: 4.40, context: 200_000,
                  flex: TokenRates(input: 0.55, cached: 0.138, output: 2.2), priority: TokenRates(input: 2.0, cached: 0.5, output: 8.0),
                  aliases: ["o4-mini-2025-04-16"], note: "cross-checked with simonw/llm-prices"),
        openAIRow("gpt-5", input: 1.25, cached: 0.125, output: 10.00, context: 400_000,
                  batchCached: 0.0625, flex: TokenRates(input: 0.625, cached: 0.0625, output: 5.0), priority: TokenRates(input: 2.5, cached: 0.25, output: 20),
                  aliases: ["gpt-5-2025-08-07"], note: "cross-checked with simonw/llm-prices"),
        openAIRow("gpt-5-mini", input: 0.25, cached: 0.025, output: 2.00, context: 400_000,
                  batchCached: 0.0125, flex: TokenRates(input: 0.125, cached: 0.0125, output: 1.0), priority: TokenRates(input: 0.45, cached: 0.045, output: 3.6),
                  aliases: ["gpt-5-mini-2025-08-07"], note: "cross-checked with simonw/llm-prices"),
        openAIRow("gpt-5-nano", input: 0.05, cached: 0.005, output: 0.40, context: 400_000,
                  batchCached: 0.0025, flex: TokenRates(input: 0.025, cached: 0.0025, output: 0.2), aliases: ["gpt-5-nano-2025-08-07"],
                  note: "cross-checked with developers.openai.com/api/docs/models/gpt-5-nano"),
        openAIRow("gpt-4-turbo", input: 10.00, cached: nil, output: 30.00, context: 128_000,
                  aliases: ["gpt-4-turbo-2024-04-09"], encoding: "cl100k_base",
                  note: "no prompt caching; input/output cross-checked with a 2024 price table (bardsai/performance-llm-board)"),
        openAIRow("gpt-3.5-turbo", input: 0.50, cached: nil, output: 1.50, context: 16_385,
                  aliases: ["gpt-3.5-turbo-0125"], encoding: "cl100k_base",
                  note: "gpt-3.5-turbo-0125 price; NOT confirmed by a second source in this read (older snapshots were 1.00/2.00)"),
    ]

    private static func openAIRow(_ name: String, input: Double, cached: Double?, output: Double, context: Int64,
                                  batchCached: Double? = nil, flex: TokenRates? = nil, priority: TokenRates? = nil,
                                  aliases: [String], encoding: String = "o200k_base", note: String) -> ModelPrice {
        ModelPrice(id: "openai/" + name, rates: TokenRates(input: input, cached: cached, output: output),
                   batchRates: TokenRates(input: input / 2, cached: batchCached, output: output / 2),
                   flexRates: flex, priorityRates: priority,
                   encoding: encoding, tokenizerRatio: 1, tokenizerExact: true, contextWindow: context,
                   date: checked, source: openAIPricing + " (" + note + ")", aliases: aliases)
    }
}
