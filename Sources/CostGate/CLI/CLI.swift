import Foundation

/// The `costgate` command line: picks a command, runs it, and turns every error into text and an exit status.
public enum CLI {
    /// The version printed by `--version` and written into JSON reports.
    public static let version = "0.1.0"

    /// Every command, in the order `--help` lists them.
    static let commands: [any Command.Type] = [
        CheckCommand.self,
        WhatIfCommand.self,
        BreakdownCommand.self,
        PricesCommand.self,
        ValidateCommand.self,
        TokensCommand.self,
        SimulateCommand.self,
        RightsizeCommand.self,
        CalibrateCommand.self,
        SampleCommand.self,
        SchemaCommand.self,
        CommentCommand.self,
    ]

    /// Runs `costgate` with `arguments` (without the program name) and returns the exit status.
    public static func run(_ arguments: [String], context: CommandContext) -> ExitCode {
        guard let first = arguments.first else {
            context.stdout(usage)
            return .badInput
        }
        switch first {
        case "--help", "-h", "help":
            if arguments.count > 1, let command = command(named: arguments[1]) {
                context.stdout(command.help)
            } else {
                context.stdout(usage)
            }
            return .success
        case "--version":
            context.stdout("costgate \(version)\n")
            return .success
        default:
            break
        }
        guard let command = command(named: first) else {
            let info = MessageInfo(error: CostGateError.unknown("command", first, in: "", known: commands.map { $0.name }), command: nil)
            context.stderr(info.message + "\n" + usage)
            return info.exitCode
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            context.stdout(command.help)
            return .success
        }
        do {
            return try command.run(rest, context: context)
        } catch {
            let info = MessageInfo(error: error, command: first)
            context.stderr(info.message)
            return info.exitCode
        }
    }

    /// What `costgate check ARGUMENTS` would report, without writing it (for embedding, and for the fuzz harness,
    /// which renders every format from it). `arguments` are check's own, without `check`; the output options are
    /// parsed and not used.
    public static func checkEvaluation(_ arguments: [String], context: CommandContext) throws(CostGateError) -> Evaluation {
        try CheckCommand.evaluate(CheckCommand.options.parse(arguments), context: context)
    }

    static func command(named name: String) -> (any Command.Type)? {
        commands.first { $0.name == name }
    }

    /// The top-level help text.
    public static var usage: String {
        var text = """
        costgate \(version): pre-deployment cost impact checker for LLM inference

        Usage: costgate <command> [options]

        Commands:

        """
        let width = commands.map { $0.name.count }.max() ?? 0
        for command in commands {
            text += "  " + command.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + command.summary + "\n"
        }
        text += """

        Run 'costgate <command> --help' for a command's options.
        Exit status: 0 passed, 1 a policy failed, 2 bad input or usage.

        """
        return text
    }
}
