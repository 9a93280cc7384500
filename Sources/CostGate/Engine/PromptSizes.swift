/// A plan's prompt sizes per route, already counted (from `prompt_tokens` or a `prompt_file`).
public struct PromptSizes: Sendable {
    /// Route name → tokens, for routes that declare a prompt.
    public var tokens: [String: Int64] = [:]
    /// Route name → how the count was made.
    public var counter: [String: (name: String, exact: Bool)] = [:]

    public init() {}
}
