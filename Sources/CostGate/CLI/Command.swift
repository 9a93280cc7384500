/// One `costgate` subcommand.
public protocol Command: Sendable {
    /// The word that selects it (`check`).
    static var name: String { get }
    /// One line for the command list.
    static var summary: String { get }
    /// The full `--help` text.
    static var help: String { get }
    /// Runs the command; throws `CostGateError` for bad input.
    static func run(_ arguments: [String], context: CommandContext) throws -> ExitCode
}
