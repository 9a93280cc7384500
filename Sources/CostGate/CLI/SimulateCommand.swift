/// `costgate simulate`: Simulate a self-hosted deployment under synthetic load.
enum SimulateCommand: Command {
    static let name = "simulate"
    static let summary = "Simulate a self-hosted deployment under synthetic load"
    static let help = """
    Usage: costgate simulate [options]

    Simulate a self-hosted deployment under synthetic load.

    """

    static func run(_ arguments: [String], context: CommandContext) throws -> ExitCode {
        throw CostGateError.usage("'simulate' is not built yet")
    }
}
