/// The canonical fields of a traffic record, in `TrafficSpec.canonicalFields` order.
enum TrafficField: Int, CaseIterable, Sendable {
    case timestamp, model, route, inputTokens, cachedInputTokens, outputTokens, reasoningTokens
    case latencyMs, ttftMs, status, quality, weight, tags, prefixID, prefixTokens, hashIDs
    case cacheWriteInputTokens, cacheWrite1hInputTokens, tokenConvention, serviceTier
    case cacheHit, promptHash, outcome
    case billedCostUSD
    case contextWindow

    /// The canonical name (`input_tokens`).
    var canonicalName: String { TrafficSpec.canonicalFields[rawValue] }

    /// The largest token count one record may carry: far above any context window, and low enough that
    /// no sum of a record's counts and a plan's prompt delta can overflow 64-bit integers.
    static let tokenLimit: Int64 = 1_000_000_000_000
    /// The longest latency a record may carry, in milliseconds: one day.
    static let latencyLimitMs = 86_400_000.0
    /// How far a record's TTFT may exceed its whole latency, in milliseconds: a latency written in whole milliseconds
    /// beside a TTFT taken from timestamps (LiteLLM's `request_duration_ms` beside `completionStartTime` − `startTime`).
    static let ttftRoundingMs = 1.0
    /// The largest weight (real requests one record stands for).
    static let weightLimit = 1e12
    /// The furthest a timestamp may be from the Unix epoch, in seconds (about 3,170 years), so that a
    /// sample's window is always a finite number of seconds.
    static let timestampLimit = 1e11

    /// What a value of this field must look like, worded for an error message with its bounds.
    var expected: String {
        switch self {
        case .timestamp: return "an RFC 3339 timestamp or a number of seconds (in the declared unit) within ±1e11 of the epoch"
        case .model, .route, .prefixID: return "a string"
        case .inputTokens, .cachedInputTokens, .outputTokens, .reasoningTokens, .prefixTokens, .cacheWriteInputTokens,
             .cacheWrite1hInputTokens:
            return "a non-negative integer of at most 1,000,000,000,000"
        case .latencyMs, .ttftMs: return "a non-negative number of milliseconds of at most 86,400,000 (one day)"
        case .status: return "'ok' or 'error' ('success' or 'failure', or an HTTP status code)"
        case .quality: return "a number from 0 to 1"
        case .weight: return "a number greater than 0 and at most 1e12"
        case .tags: return "an object of string values, or a list of 'key:value' strings"
        case .hashIDs: return "an array of integers"
        case .tokenConvention: return "'openai' (input_tokens include cache reads and writes) or 'anthropic' (they do not)"
        case .serviceTier: return "'standard', 'default', 'auto', 'scale', 'batch', 'flex' or 'priority'"
        case .cacheHit: return "true or false (or the strings 'true' and 'false', any case)"
        case .promptHash: return "a string"
        case .outcome: return "'success' or 'failure' (any case)"
        case .billedCostUSD: return "a non-negative number of USD of at most 1e9"
        case .contextWindow: return "'0-200k' or '200k-1M' (the context-window tier a usage report billed)"
        }
    }

    /// The fields every record must carry.
    static let required: [TrafficField] = [.timestamp, .inputTokens, .outputTokens]
}
