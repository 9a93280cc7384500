/// A command's options and positional arguments, declared once as values.
///
/// `parse(_:)` reads a command line against the declaration, and `help(_:_:)` writes the command's `--help` with
/// the "Arguments:" and "Options:" sections generated from the same declaration.
struct OptionTable: Sendable {
    /// The command's name, for hints (`see 'costgate check --help'`).
    var command: String
    /// Every option, in the order help lists them.
    var options: [Option]
    /// The arguments that are not options.
    var positionals: Positionals = .none
    /// The column help text starts at, after the two-space indent and the option's label.
    var helpColumn: Int

    /// The option called `name`.
    func option(named name: String) -> Option? {
        options.first { $0.name == name }
    }

    /// Reads `arguments`: `--name value`, `--name=value`, flags, `-` and other positional arguments; `--` ends
    /// the options.
    func parse(_ arguments: [String]) throws(CostGateError) -> ParsedOptions {
        var parsed = ParsedOptions(table: self)
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                for rest in arguments[index...] { try parsed.addPositional(rest) }
                break
            }
            guard argument.hasPrefix("-"), argument != "-" else {
                try parsed.addPositional(argument)
                continue
            }
            let (spelled, inline) = Self.split(argument)
            guard let option = option(spelled: spelled) else { throw unknownOption(spelled) }
            switch option.kind {
            case .flag:
                guard inline == nil else { throw .usage("--\(option.name) takes no value") }
                parsed.flags.insert(option.name)
            case .single, .repeatable:
                let value: String
                if let inline {
                    value = inline
                } else {
                    guard index < arguments.count else { throw .usage("--\(option.name) needs a value" + Self.choices(option)) }
                    value = arguments[index]
                    index += 1
                }
                if let allowed = option.allowed, !allowed.contains(value) {
                    throw .unknown(option.valueKind, value, in: "--" + option.name, known: allowed)
                }
                parsed.values[option.name, default: []].append(value)
            }
        }
        return parsed
    }

    /// The full help: `intro` (usage line and description), the generated sections, then `outro`.
    func help(_ intro: String, _ outro: String = "") -> String {
        var sections: [String] = []
        if let arguments = positionals.help {
            sections.append("Arguments:\n" + helpLines(label: arguments.label, text: arguments.lines))
        }
        var titles: [String] = []
        for option in options where !titles.contains(option.section) { titles.append(option.section) }
        for title in titles {
            let lines = options.filter { $0.section == title }.map { helpLines(label: $0.label, text: $0.help) }
            sections.append(title + ":\n" + lines.joined())
        }
        return ([intro] + sections + (outro.isEmpty ? [] : [outro])).joined(separator: "\n")
    }

    // MARK: Helpers

    private func option(spelled: String) -> Option? {
        if spelled.hasPrefix("--") { return option(named: String(spelled.dropFirst(2))) }
        return options.first { $0.short.map { "-\($0)" } == spelled }
    }

    /// An unknown option: the closest valid names, or (when none is close) the whole list.
    private func unknownOption(_ spelled: String) -> CostGateError {
        let names = options.map { "--" + $0.name }
        let suggestions = Suggestions.closest(to: spelled, among: names)
        if suggestions.isEmpty {
            let valid = options.map(\.synopsis).joined(separator: ", ")
            return .usage("unknown option \(excerpt(spelled)); valid options: \(valid.isEmpty ? "none" : valid)")
        }
        return .unknownName(kind: "option", name: spelled, context: "", suggestions: suggestions)
    }

    private static func split(_ argument: String) -> (name: String, inline: String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }

    private static func choices(_ option: Option) -> String {
        option.allowed.map { ": " + $0.joined(separator: ", ") } ?? ""
    }

    /// `  --plan FILE          The head plan…`, continuation lines indented to the help column.
    private func helpLines(label: String, text: [String]) -> String {
        let lead = "  " + label
        // A label that reaches the column gets three spaces, as a hand-aligned table would.
        let first = lead.count < helpColumn ? lead + String(repeating: " ", count: helpColumn - lead.count) : lead + "   "
        var result = ""
        for (offset, line) in text.enumerated() {
            result += (offset == 0 ? first : String(repeating: " ", count: helpColumn)) + line + "\n"
        }
        return text.isEmpty ? first.trimmingSuffixSpaces() + "\n" : result
    }
}

private extension String {
    func trimmingSuffixSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
