/// `costgate check`: Replay the sample against the base and head plans, forecast, check policies.
enum CheckCommand: Command {
    static let name = "check"
    static let summary = "Replay the sample against the base and head plans, forecast, check policies"
    static let help = """
    Usage: costgate check [options]

    Replay the sample against the base and head plans, forecast, check policies.

    """

    static func run(_ arguments: [String], context: CommandContext) throws -> ExitCode {
        throw CostGateError.usage("'check' is not built yet")
    }
}
