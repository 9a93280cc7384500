/// One row of a usage report (`openai-usage`, `anthropic-usage`) as read: token totals over the row's requests
/// and what the row says about how they were billed. `ChunkBuilder.finishUsageRow` turns it into records.
struct UsageRow {
    /// Token totals by part, disjoint so that their sum is the canonical input: uncached input, cache reads,
    /// 5-minute cache writes, 1-hour cache writes; then output.
    var uncached: Int64 = 0
    var cached: Int64 = 0
    var write5m: Int64 = 0
    var write1h: Int64 = 0
    var output: Int64 = 0
    /// OpenAI's `input_tokens` (cache reads included), from which `uncached` is derived.
    var openAIInput: Int64?
    /// `num_model_requests`, nil when the report has none (Anthropic's).
    var requests: Int64?
    /// The tier the row was billed at (`batch: true`, `service_tier`), nil when it names none.
    var tier: ServiceTier?
    /// `TrafficRecord.contextWindowCode` from Anthropic's `context_window`.
    var contextWindowCode: UInt8 = 0
    /// OpenAI's audio and image token counts (parts of `input_tokens` and `output_tokens`, priced at the text rates).
    var modalityTokens = ModalityTokens()
    /// Whether the row named any token count at all.
    var hasUsage = false
}
