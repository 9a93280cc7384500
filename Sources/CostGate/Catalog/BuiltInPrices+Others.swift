extension BuiltInPrices {
    /// Mistral La Plateforme rows, pinned to dated versions: the `-latest` names have moved to newer models at
    /// other prices, so only `codestral-latest` (unchanged price) is an alias. No cached-input discount is published.
    static let mistral: [ModelPrice] = [
        mistralRow("mistral-large-2411", input: 2, output: 6, context: 131_072, aliases: ["mistral-large"],
                   note: "Mistral Large 24.11; cross-checked with simonw/llm-prices and LobeChat's table; newer Mistral Large 3 is priced lower and is not this row"),
        mistralRow("mistral-medium-2505", input: 0.40, output: 2, context: 131_072, aliases: ["mistral-medium", "mistral-medium-3"],
                   note: "Mistral Medium 3; cross-checked with simonw/llm-prices and LobeChat's table"),
        mistralRow("mistral-small-2503", input: 0.10, output: 0.30, context: 131_072, aliases: ["mistral-small", "mistral-small-3.1"],
                   note: "Mistral Small 3.1; cross-checked with simonw/llm-prices and LobeChat's table"),
        mistralRow("codestral-2501", input: 0.30, output: 0.90, context: 256_000, aliases: ["codestral", "codestral-latest"],
                   note: "cross-checked with simonw/llm-prices and Mastra's model table"),
    ]

    private static func mistralRow(_ name: String, input: Double, output: Double, context: Int64,
                                   aliases: [String], note: String) -> ModelPrice {
        ModelPrice(id: "mistral/" + name, rates: TokenRates(input: input, output: output),
                   batchRates: TokenRates(input: input / 2, output: output / 2),
                   encoding: "o200k_base", tokenizerRatio: TokenizerRatio.mistral, contextWindow: context, date: checked,
                   source: "https://mistral.ai/pricing#api-pricing (" + note + "; batch at 50% as Mistral's Batch API states)",
                   aliases: aliases)
    }

    /// DeepSeek rows: both API names serve DeepSeek-V3.2 (non-thinking and thinking mode) at one price; cache hits
    /// are billed at a tenth of a miss. There is no batch API.
    static let deepSeek: [ModelPrice] = [
        deepSeekRow("deepseek-chat", aliases: ["deepseek-v3.2"], mode: "non-thinking"),
        deepSeekRow("deepseek-reasoner", aliases: ["deepseek-v3.2-thinking"], mode: "thinking; reasoning tokens bill as output"),
    ]

    private static func deepSeekRow(_ name: String, aliases: [String], mode: String) -> ModelPrice {
        ModelPrice(id: "deepseek/" + name, rates: TokenRates(input: 0.28, cached: 0.028, output: 0.42),
                   encoding: "o200k_base", tokenizerRatio: TokenizerRatio.deepSeek, contextWindow: 128_000, date: checked,
                   source: "https://api-docs.deepseek.com/quick_start/pricing (DeepSeek-V3.2, " + mode
                       + "; the stored copy of DeepSeek's page still showed the V3/R1 prices, so 0.28/0.028/0.42 is taken from RooCodeInc/Roo-Code's table dated 2025-12-09: confirm before relying on it)",
                   aliases: aliases)
    }

    /// Hosted Llama rows. The bare alias `llama-3.1-8b` is on two hosts on purpose: it must be named with its provider.
    static let hostedLlama: [ModelPrice] = [
        ModelPrice(id: "together/meta-llama-3.1-70b-instruct-turbo", rates: TokenRates(input: 0.88, output: 0.88),
                   encoding: "o200k_base", tokenizerRatio: TokenizerRatio.llama3, contextWindow: 131_072, date: checked,
                   source: "https://www.together.ai/pricing (serverless; cross-checked with LiteLLM via getmaxim.ai; Together's batch discount is 'up to 50%' and not recorded here)",
                   aliases: ["meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo", "llama-3.1-70b"]),
        ModelPrice(id: "together/meta-llama-3.1-8b-instruct-turbo", rates: TokenRates(input: 0.18, output: 0.18),
                   encoding: "o200k_base", tokenizerRatio: TokenizerRatio.llama3, contextWindow: 131_072, date: checked,
                   source: "https://www.together.ai/pricing (serverless; cross-checked with LiteLLM via getmaxim.ai; batch discount not recorded)",
                   aliases: ["meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo", "llama-3.1-8b"]),
        ModelPrice(id: "groq/llama-3.3-70b-versatile", rates: TokenRates(input: 0.59, output: 0.79),
                   encoding: "o200k_base", tokenizerRatio: TokenizerRatio.llama3, contextWindow: 131_072, date: checked,
                   source: "https://groq.com/pricing (on-demand; cross-checked with two third-party tables; Groq's batch discount not recorded)",
                   aliases: ["llama-3.3-70b"]),
        ModelPrice(id: "groq/llama-3.1-8b-instant", rates: TokenRates(input: 0.05, output: 0.08),
                   encoding: "o200k_base", tokenizerRatio: TokenizerRatio.llama3, contextWindow: 131_072, date: checked,
                   source: "https://groq.com/pricing (on-demand; cross-checked with two third-party tables; batch discount not recorded)",
                   aliases: ["llama-3.1-8b"]),
    ]
}
