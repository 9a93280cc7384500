/// `costgate prices`: List the built-in price catalog with dates and sources.
enum PricesCommand: Command {
    static let name = "prices"
    static let summary = "List the built-in price catalog with dates and sources"
    static let help = """
    Usage: costgate prices [options]

    List the built-in price catalog with dates and sources.

    """

    static func run(_ arguments: [String], context: CommandContext) throws -> ExitCode {
        throw CostGateError.usage("'prices' is not built yet")
    }
}
