import Foundation

/// `costgate schema`: prints the JSON Schema of a plan, for editors and validators.
enum SchemaCommand: Command {
    static let name = "schema"
    static let summary = "Print the JSON Schema of a plan (costgate.json)"

    static let options = OptionTable(command: name, options: [], helpColumn: 21)

    static let help = options.help("""
    Usage: costgate schema

    Prints the JSON Schema (draft 2020-12) that a plan follows. Save it and point a plan's
    "$schema" at it for completion and checking in an editor:

      costgate schema > costgate.schema.json

    """)

    static func run(_ arguments: [String], context: CommandContext) throws -> ExitCode {
        _ = try options.parse(arguments)
        context.stdout(try text())
        return .success
    }

    /// The schema as shipped with this build.
    static func text() throws(CostGateError) -> String {
        let path = BundledResource.path("costgate.schema.json")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .io(path: path, reason: "cannot read the plan schema; install costgate with its costgate_CostGate.resources folder beside the binary")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
