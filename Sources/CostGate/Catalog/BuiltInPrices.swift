/// The built-in price rows, one file per provider (`BuiltInPrices+OpenAI.swift`, …).
///
/// Every row names the date its prices were read and where. Rates are USD per 1M tokens as the provider
/// publishes them, held exactly as micro-USD (see `Rate`). A row whose number could not be confirmed against
/// a second source says so in its `source` text. `CostGate.docc/Prices.md` describes how the rows were gathered.
enum BuiltInPrices {
    /// Every built-in row, provider by provider.
    static let models: [ModelPrice] = openAI + anthropic + google + mistral + deepSeek + hostedLlama

    /// The day the built-in rows were last read and cross-checked.
    static let checked = "2026-11-29"
}
