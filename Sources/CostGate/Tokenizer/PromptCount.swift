/// The token count of one prompt, exact or estimated.
public struct PromptCount: Sendable, Equatable {
    /// The tokens to bill: `rawTokens` when exact, else `rawTokens × ratio` rounded half away from zero.
    public var tokens: Int
    /// The count under `encoding` itself (chat overhead included).
    public var rawTokens: Int
    /// The encoding that counted.
    public var encoding: TokenEncoding
    /// Whether `encoding` is the model's own tokenizer.
    public var exact: Bool
    /// The multiplier applied to `rawTokens` (1 when exact).
    public var ratio: Double
    /// The number of chat messages, or nil when the prompt was counted as plain text.
    public var messages: Int?

    /// Creates a count.
    public init(tokens: Int, rawTokens: Int, encoding: TokenEncoding, exact: Bool, ratio: Double, messages: Int?) {
        self.tokens = tokens
        self.rawTokens = rawTokens
        self.encoding = encoding
        self.exact = exact
        self.ratio = ratio
        self.messages = messages
    }

    /// Applies a per-family ratio to an encoding's count.
    ///
    /// - Parameters:
    ///   - rawTokens: The encoding's count.
    ///   - ratio: The model family's tokens per encoding token.
    ///   - exact: Whether the encoding is the model's own (the ratio is then ignored).
    /// - Returns: The estimate, rounded half away from zero.
    public static func estimate(_ rawTokens: Int, ratio: Double, exact: Bool) -> Int {
        if exact { return rawTokens }
        return Int((Double(rawTokens) * ratio).rounded(.toNearestOrAwayFromZero))
    }
}
