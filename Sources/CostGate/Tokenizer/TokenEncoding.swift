/// An OpenAI BPE encoding costgate can count exactly.
public enum TokenEncoding: String, CaseIterable, Sendable {
    /// The GPT-4o / o-series / GPT-5 encoding.
    case o200kBase = "o200k_base"
    /// The GPT-4 / GPT-3.5-turbo encoding.
    case cl100kBase = "cl100k_base"

    /// Parses an encoding name, throwing an unknown-name error with a suggestion.
    ///
    /// - Parameters:
    ///   - name: The name as typed (`o200k_base`).
    ///   - context: Where the name came from, for the error message (`--encoding`).
    /// - Returns: The encoding.
    public static func named(_ name: String, context: String) throws(CostGateError) -> TokenEncoding {
        if let encoding = TokenEncoding(rawValue: name.lowercased()) { return encoding }
        throw CostGateError.unknown("encoding", name, in: context, known: allCases.map(\.rawValue))
    }

    /// The rank file's name inside the resource bundle.
    var rankFileName: String { rawValue + ".tiktoken" }
}
