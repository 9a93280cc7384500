/// The canonical fields of a traffic record, in `TrafficSpec.canonicalFields` order.
enum TrafficField: Int, CaseIterable, Sendable {
    case timestamp, model, route, inputTokens, cachedInputTokens, outputTokens, reasoningTokens
    case latencyMs, ttftMs, status, quality, weight, tags, prefixID, prefixTokens, hashIDs

    /// The canonical name (`input_tokens`).
    var canonicalName: String { TrafficSpec.canonicalFields[rawValue] }

    /// What a value of this field must look like, worded for an error message.
    var expected: String {
        switch self {
        case .timestamp: return "an RFC 3339 timestamp or a number"
        case .model, .route, .prefixID: return "a string"
        case .inputTokens, .cachedInputTokens, .outputTokens, .reasoningTokens, .prefixTokens:
            return "a non-negative integer"
        case .latencyMs, .ttftMs: return "a non-negative number"
        case .status: return "'ok' or 'error'"
        case .quality: return "a number from 0 to 1"
        case .weight: return "a number greater than 0"
        case .tags: return "an object of string values"
        case .hashIDs: return "an array of integers"
        }
    }

    /// The fields every record must carry.
    static let required: [TrafficField] = [.timestamp, .inputTokens, .outputTokens]
}
