/// Counts the input tokens of a prompt file: plain text, or a JSON chat message list.
///
/// A file whose JSON is an array of objects that each have a string `"role"` is a chat. Its count
/// follows OpenAI's cookbook recipe (`num_tokens_from_messages`) for the chat format: every
/// message costs `tokensPerMessage` (3) plus the tokens of each of its string values (`role`,
/// `content`, `name`, …), a `name` costs `tokensPerName` (1) more, and the reply is primed with
/// `replyPriming` (3) tokens. A `content` that is an array of parts counts the parts' `text`.
/// Anything else, including text that merely starts with `[`, is counted as plain text.
public enum PromptCounter {
    /// Tokens each chat message adds (`<|start|>role<|message|>…<|end|>` framing).
    public static let tokensPerMessage = 3
    /// Extra tokens for a message with a `name`.
    public static let tokensPerName = 1
    /// Tokens that prime the assistant's reply (`<|start|>assistant<|message|>`).
    public static let replyPriming = 3

    /// Counts a prompt.
    ///
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - path: The file's path, for error messages.
    ///   - encoding: The encoding to count with.
    ///   - ratio: The model family's multiplier (ignored when `exact`).
    ///   - exact: Whether `encoding` is the model's own tokenizer.
    /// - Returns: The count.
    /// - Throws: `CostGateError.io` when the rank file cannot be loaded; `.badPlan` for a chat message
    ///   whose `content` is neither text, an array of parts nor null.
    public static func count(_ data: [UInt8], path: String, encoding: TokenEncoding, ratio: Double,
                             exact: Bool) throws(CostGateError) -> PromptCount {
        let tokenizer = try BPETokenizer.shared(encoding)
        var raw: Int
        var messageCount: Int? = nil
        if let messages = chatMessages(data) {
            raw = replyPriming
            for (index, message) in messages.enumerated() {
                raw += try count(message, index: index, path: path, tokenizer: tokenizer)
            }
            messageCount = messages.count
        } else {
            raw = tokenizer.count(utf8: data)
        }
        return PromptCount(tokens: PromptCount.estimate(raw, ratio: ratio, exact: exact), rawTokens: raw,
                           encoding: encoding, exact: exact, ratio: exact ? 1 : ratio, messages: messageCount)
    }

    /// The messages, if `data` is a JSON chat message list.
    static func chatMessages(_ data: [UInt8]) -> [[(key: String, value: JSONValue)]]? {
        guard let first = data.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }),
              first == UInt8(ascii: "[") else { return nil }
        guard let value = try? JSONParser.parse(data), let elements = value.arrayValue, !elements.isEmpty else {
            return nil
        }
        var messages: [[(key: String, value: JSONValue)]] = []
        for element in elements {
            guard let members = element.objectMembers, element["role"]?.stringValue != nil else { return nil }
            messages.append(members)
        }
        return messages
    }

    private static func count(_ message: [(key: String, value: JSONValue)], index: Int, path: String,
                              tokenizer: BPETokenizer) throws(CostGateError) -> Int {
        var tokens = tokensPerMessage
        for (key, value) in message {
            switch value {
            case .string(let text):
                tokens += tokenizer.count(text)
                if key == "name" { tokens += tokensPerName }
            case .array(let parts) where key == "content":
                for part in parts {
                    if let text = part["text"]?.stringValue { tokens += tokenizer.count(text) }
                }
            case .null:
                break
            default:
                if key == "content" {
                    throw .badPlan(file: path, path: "[\(index)].content", expected: "a string, an array of parts or null",
                                   found: value.kindDescription)
                }
            }
        }
        return tokens
    }
}
