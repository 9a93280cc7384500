/// Counts a prompt file's tokens with the tokenizer a route's model uses.
enum PromptFileCounter {
    struct Count {
        var tokens: Int64
        /// `o200k_base`, or `o200k_base × 1.2 (estimate for anthropic/claude-haiku-4.5)`.
        var counter: String
        var exact: Bool
    }

    static func count(_ bytes: [UInt8], path: String, choice: PromptTokenizerChoice) throws(CostGateError) -> Count {
        guard let encoding = TokenEncoding(rawValue: choice.encoding) else {
            throw .unknown("encoding", choice.encoding, in: path, known: TokenEncoding.allCases.map(\.rawValue))
        }
        let count = try PromptCounter.count(bytes, path: path, encoding: encoding, ratio: choice.ratio, exact: choice.exact)
        var counter = encoding.rawValue
        if !count.exact {
            counter += " × \(Format.decimal(count.ratio)) (estimate for \(choice.modelID))"
        }
        if let messages = count.messages { counter += ", \(messages) chat messages" }
        return Count(tokens: Int64(count.tokens), counter: counter, exact: count.exact)
    }
}
