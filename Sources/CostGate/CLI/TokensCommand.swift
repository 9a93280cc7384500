/// `costgate tokens`: Count tokens in files with an exact OpenAI tokenizer.
enum TokensCommand: Command {
    static let name = "tokens"
    static let summary = "Count tokens in files with an exact OpenAI tokenizer"
    static let help = """
    Usage: costgate tokens [options]

    Count tokens in files with an exact OpenAI tokenizer.

    """

    static func run(_ arguments: [String], context: CommandContext) throws -> ExitCode {
        throw CostGateError.usage("'tokens' is not built yet")
    }
}
