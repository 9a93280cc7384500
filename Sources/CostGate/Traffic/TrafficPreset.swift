/// The mapping a named source format stands for: its fields onto the canonical record, and which of its values
/// are tags. A plan's own `columns` and `tags` override single entries.
struct TrafficPreset: Sendable {
    /// Canonical field → the dotted path that holds it.
    var columns: [String: String]
    /// Tag key → the dotted path that holds it.
    var tags: [String: String]

    /// The preset of `format`, nil for the plain formats (`jsonl`, `csv`), whose unmapped top-level strings are tags.
    static func of(_ format: TrafficSpec.Format) -> TrafficPreset? {
        switch format {
        case .jsonl, .csv: return nil
        case .litellm: return litellm
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
        ],
        tags: [
            "team": "metadata.user_api_key_team_alias", "api_key": "metadata.user_api_key_alias", "end_user": "end_user",
            "provider": "custom_llm_provider", "model_group": "model_group",
        ])
}
