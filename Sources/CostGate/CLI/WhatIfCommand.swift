/// `costgate whatif`: Compare the plan with its candidates or a --set patch.
enum WhatIfCommand: Command {
    static let name = "whatif"
    static let summary = "Compare the plan with its candidates or a --set patch"
    static let help = """
    Usage: costgate whatif [options]

    Compare the plan with its candidates or a --set patch.

    """

    static func run(_ arguments: [String], context: CommandContext) throws -> ExitCode {
        throw CostGateError.usage("'whatif' is not built yet")
    }
}
