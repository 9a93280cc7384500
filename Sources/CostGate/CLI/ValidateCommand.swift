/// `costgate validate`: Check a plan and its traffic without forecasting.
enum ValidateCommand: Command {
    static let name = "validate"
    static let summary = "Check a plan and its traffic without forecasting"
    static let help = """
    Usage: costgate validate [options]

    Check a plan and its traffic without forecasting.

    """

    static func run(_ arguments: [String], context: CommandContext) throws -> ExitCode {
        throw CostGateError.usage("'validate' is not built yet")
    }
}
