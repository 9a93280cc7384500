/// The arguments a command takes that are not options.
enum Positionals: Sendable {
    /// None: any non-option argument is a usage error.
    case none
    /// At most one, named `name` in help (`QUERY`), with help lines for the "Arguments:" section.
    case optional(_ name: String, help: [String] = [])
    /// Any number, named `name` in help (`FILE`); the command says whether none is an error.
    case many(_ name: String, help: [String] = [])

    /// The help lines of the "Arguments:" section, empty when there is nothing to say.
    var help: (label: String, lines: [String])? {
        switch self {
        case .none: return nil
        case .optional(let name, let lines), .many(let name, let lines): return lines.isEmpty ? nil : (name, lines)
        }
    }
}
