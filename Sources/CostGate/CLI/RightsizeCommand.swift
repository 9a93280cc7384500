/// `costgate rightsize`: Find the cheapest GPU fleet that meets latency SLOs.
enum RightsizeCommand: Command {
    static let name = "rightsize"
    static let summary = "Find the cheapest GPU fleet that meets latency SLOs"
    static let help = """
    Usage: costgate rightsize [options]

    Find the cheapest GPU fleet that meets latency SLOs.

    """

    static func run(_ arguments: [String], context: CommandContext) throws -> ExitCode {
        throw CostGateError.usage("'rightsize' is not built yet")
    }
}
