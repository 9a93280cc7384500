/// The mapping a named source format stands for: its fields onto the canonical record, and which of its values
/// are tags. A plan's own `columns` and `tags` override single entries.
struct TrafficPreset: Sendable {
    /// Canonical field → the dotted path that holds it.
    var columns: [String: String]
    /// Tag key → the dotted path that holds it.
    var tags: [String: String]
    /// How the source counts input tokens, unless the plan says.
    var tokenConvention = TrafficSpec.TokenConvention.openai
    /// The unit of the source's latencies, unless the plan says.
    var latencyUnit = TrafficSpec.LatencyUnit.ms
    /// Whether a row with neither input nor output tokens is skipped (a span that is not a model call) rather
    /// than an error.
    var skipsRowsWithoutUsage = false
    /// Where the source writes the time of the first output token, when it logs that rather than a TTFT.
    var firstTokenTimePath: String?

    /// The preset of `format`, nil for the plain formats (`jsonl`, `csv`), whose unmapped top-level strings are tags.
    static func of(_ format: TrafficSpec.Format) -> TrafficPreset? {
        switch format {
        case .jsonl, .csv: return nil
        case .litellm: return litellm
        case .langfuse: return langfuse
        case .helicone: return helicone
        case .otlp: return otlp
        case .openaiUsage: return openaiUsage
        case .anthropicUsage: return anthropicUsage
        }
    }

    /// LiteLLM proxy spend logs (`LiteLLM_SpendLogs` rows, `schema.prisma`; metadata keys from
    /// `litellm/proxy/_types.py` `SpendLogsMetadata`). `prompt_tokens` follows OpenAI's convention (LiteLLM adds
    /// Anthropic's cache reads and writes into it); the cache counts come from the logged `usage_object`.
    static let litellm = TrafficPreset(
        columns: [
            "timestamp": "startTime", "model": "model", "input_tokens": "prompt_tokens", "output_tokens": "completion_tokens",
            "cached_input_tokens": "metadata.usage_object.prompt_tokens_details.cached_tokens",
            "cache_write_input_tokens": "metadata.usage_object.cache_creation_input_tokens",
            "reasoning_tokens": "metadata.usage_object.completion_tokens_details.reasoning_tokens",
            "latency_ms": "request_duration_ms", "status": "status", "tags": "request_tags",
            "billed_cost_usd": "spend",
        ],
        tags: [
            "team": "metadata.user_api_key_team_alias", "api_key": "metadata.user_api_key_alias", "end_user": "end_user",
            "provider": "custom_llm_provider", "model_group": "model_group",
        ], firstTokenTimePath: "completionStartTime")

    /// Langfuse observations as its blob-storage export writes them (langfuse-docs
    /// `blob-storage-export-fields.mdx`; usage keys from langfuse.com/docs/observability/features/token-and-cost-tracking).
    /// Langfuse's `usage_details.input` excludes cached tokens (Anthropic's convention) and its latencies are
    /// seconds; observations without usage (spans, events) are skipped; `level: ERROR` is a failure.
    static let langfuse = TrafficPreset(
        columns: [
            "timestamp": "start_time", "model": "provided_model_name", "route": "trace_name",
            "input_tokens": "usage_details.input", "cached_input_tokens": "usage_details.input_cached_tokens",
            "cache_write_input_tokens": "usage_details.input_cache_creation",
            "output_tokens": "usage_details.output", "reasoning_tokens": "usage_details.output_reasoning_tokens",
            "latency_ms": "latency", "ttft_ms": "time_to_first_token", "status": "level", "tags": "tags",
        ],
        tags: ["user": "user_id", "environment": "environment", "customer": "metadata.customer_id"],
        tokenConvention: .anthropic, latencyUnit: .s, skipsRowsWithoutUsage: true)

    /// OTLP spans: fields come from GenAI attributes (`JSONLineScanner+OTLP`); `tags` values are attribute
    /// keys, looked up on the span, then on its resource.
    static let otlp = TrafficPreset(columns: [:], tags: ["service": "service.name", "provider": "gen_ai.provider.name"])

    /// OpenAI's completions usage rows (`UsageReportReader`): the grouping columns are tags; `tags` values are row keys.
    static let openaiUsage = TrafficPreset(columns: [:], tags: ["project": "project_id", "api_key": "api_key_id", "user": "user_id"])

    /// Anthropic's messages usage rows (`UsageReportReader`): the grouping columns are tags; `tags` values are row keys.
    static let anthropicUsage = TrafficPreset(columns: [:], tags: ["workspace": "workspace_id", "api_key": "api_key_id"])

    /// Helicone's request export (`HeliconeRequest` in Helicone's `packages/llm-mapper` types; the export example
    /// in `examples/export`): `prompt_tokens` include cache reads and writes, `response_status` is the HTTP code,
    /// `properties` (Helicone custom properties) are the tags.
    static let helicone = TrafficPreset(
        columns: [
            "timestamp": "request_created_at", "model": "model", "input_tokens": "prompt_tokens",
            "cached_input_tokens": "prompt_cache_read_tokens", "cache_write_input_tokens": "prompt_cache_write_tokens",
            "output_tokens": "completion_tokens", "reasoning_tokens": "reasoning_tokens",
            "latency_ms": "delay_ms", "ttft_ms": "time_to_first_token", "status": "response_status", "tags": "properties",
        ],
        tags: ["user": "request_user_id", "provider": "provider"])
}
