/// How to read a traffic file: the plan's `traffic` section.
public struct TrafficSpec: Sendable, Equatable {
    /// The file format.
    public enum Format: String, Sendable, CaseIterable {
        case jsonl
        case csv
        /// LiteLLM proxy spend logs as JSON Lines (`TrafficPreset.litellm`).
        case litellm
        /// Langfuse observations, blob-storage export as JSON Lines (`TrafficPreset.langfuse`).
        case langfuse
        /// Helicone request export as JSON Lines (`TrafficPreset.helicone`).
        case helicone
        /// OpenTelemetry GenAI spans in OTLP/JSON, one `ExportTraceServiceRequest` per line.
        case otlp
        /// Pages of OpenAI's `/v1/organization/usage/completions`: aggregate rows (`UsageReportReader`).
        case openaiUsage = "openai-usage"
        /// Anthropic's Usage API messages report: aggregate rows (`UsageReportReader`).
        case anthropicUsage = "anthropic-usage"

        /// Whether the format holds aggregate usage rows rather than requests.
        public var isAggregate: Bool { self == .openaiUsage || self == .anthropicUsage }
    }

    /// The path as written in the plan (relative to the plan's folder); a list's entries joined by ", ".
    public var path: String
    /// Each path form the plan names (a file, a folder, a glob, `-`), in order: `[path]` unless it gave a list.
    public var paths: [String] = []
    /// The format; inferred from the extension when the plan omits it.
    public var format: Format
    /// The share of real requests the log kept (weight 1 / sample_rate when a record has none).
    public var sampleRate: Double
    /// The length of the recorded window in hours; nil to use latest − earliest timestamp.
    public var windowHours: Double?
    /// Canonical field name → the column or key that holds it in the file (`timestamp` → `TIMESTAMP`).
    public var columns: [String: String]
    /// Values for fields a record lacks (`route` → `chat`, `model`, or any tag).
    public var defaults: [String: String]
    /// The unit of numeric timestamps (Mooncake traces count milliseconds from the start).
    public var timestampUnit: TimestampUnit
    /// Tag key → the dotted path of the value that carries it (`team` → `metadata.user_api_key_team_alias`).
    public var tags: [String: String] = [:]
    /// The unit of recorded latencies (`latency_ms`, `ttft_ms`): Langfuse writes seconds.
    public var latencyUnit: LatencyUnit = .ms
    /// How the source counts input tokens, for records that do not say (`token_convention`).
    public var tokenConvention: TokenConvention = .openai
    /// A log joined to the records by a shared key (`traffic.join`), nil when none.
    public var join: TrafficJoin?
    /// Whether this spec reads a joined log (`TrafficJoin.lookupSpec`): rows carry a key and tags, not usage.
    var isLookup = false

    /// The unit of a recorded latency.
    public enum LatencyUnit: String, Sendable, CaseIterable {
        case ms, s

        /// Milliseconds per unit.
        public var milliseconds: Double { self == .s ? 1000 : 1 }
    }

    /// Whether a source's input-token count includes the prompt-cache reads and writes.
    public enum TokenConvention: String, Sendable, CaseIterable {
        /// Input tokens include cache reads and writes (OpenAI's usage object, costgate's canonical record).
        case openai
        /// Input tokens are only the uncached ones; reads and writes are counted apart (Anthropic's usage object).
        case anthropic
    }

    /// The unit of a numeric timestamp.
    public enum TimestampUnit: String, Sendable, CaseIterable {
        case s, ms, us, ns

        /// Seconds per unit.
        public var seconds: Double {
            switch self {
            case .s: return 1
            case .ms: return 1e-3
            case .us: return 1e-6
            case .ns: return 1e-9
            }
        }
    }

    /// Creates a spec.
    public init(path: String, format: Format, sampleRate: Double = 1, windowHours: Double? = nil,
                columns: [String: String] = [:], defaults: [String: String] = [:], timestampUnit: TimestampUnit = .s) {
        self.path = path
        self.paths = [path]
        self.format = format
        self.sampleRate = sampleRate
        self.windowHours = windowHours
        self.columns = columns
        self.defaults = defaults
        self.timestampUnit = timestampUnit
    }

    /// The canonical fields a traffic file may carry; any other top-level string field is a tag.
    public static let canonicalFields = [
        "timestamp", "model", "route", "input_tokens", "cached_input_tokens", "output_tokens",
        "reasoning_tokens", "latency_ms", "ttft_ms", "status", "quality", "weight", "tags",
        "prefix_id", "prefix_tokens", "hash_ids", "cache_write_input_tokens", "cache_write_1h_input_tokens",
        "token_convention", "service_tier", "cache_hit", "prompt_hash", "outcome", "billed_cost_usd", "context_window",
    ]
}
