/// `costgate breakdown`: Showback of the recorded sample as billed, by any tag.
enum BreakdownCommand: Command {
    static let name = "breakdown"
    static let summary = "Showback of the recorded sample as billed, by any tag"
    static let help = """
    Usage: costgate breakdown [options]

    Showback of the recorded sample as billed, by any tag.

    """

    static func run(_ arguments: [String], context: CommandContext) throws -> ExitCode {
        throw CostGateError.usage("'breakdown' is not built yet")
    }
}
