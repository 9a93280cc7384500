/// How a run that failed ends: the one place an error becomes the message on stderr, with exactly one
/// `costgate <command>: ` prefix, and an exit status (after swift-argument-parser's `MessageInfo`).
struct MessageInfo {
    /// The text for standard error, ending in a newline.
    var message: String
    /// The process exit status.
    var exitCode: ExitCode

    /// The message and status for `error`, raised while running `command` (nil before a command was chosen).
    init(error: any Error, command: String?) {
        // A CostGateError spells out control characters itself; this covers any other error a command throws.
        message = "costgate" + (command.map { " " + $0 } ?? "") + ": " + "\(error)".escapingControlCharacters + "\n"
        exitCode = Self.exitCode(for: error)
    }

    /// Every error is bad input or usage: a failed policy is an outcome the command returns, never an error.
    static func exitCode(for error: any Error) -> ExitCode {
        .badInput
    }
}
