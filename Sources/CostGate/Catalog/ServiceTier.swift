/// The processing tier a request is billed at: the interactive default, the Batch API, or a provider's cheaper
/// slower (`flex`) or dearer faster (`priority`) tier.
public enum ServiceTier: UInt8, Sendable, CaseIterable {
    case standard, batch, flex, priority

    /// The name a plan or a record uses (`flex`).
    public var name: String {
        switch self {
        case .standard: return "standard"
        case .batch: return "batch"
        case .flex: return "flex"
        case .priority: return "priority"
        }
    }

    /// The tier a provider's `service_tier` value names: OpenAI's `auto` and `default` and Anthropic's
    /// `standard` are the standard tier; nil for any other word.
    public init?(recorded text: String) {
        switch text {
        case "standard", "default", "auto": self = .standard
        case "batch": self = .batch
        case "flex": self = .flex
        case "priority": self = .priority
        default: return nil
        }
    }
}
