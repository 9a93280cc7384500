/// A command line read against an `OptionTable`: the values of each option, the flags given, and the
/// positional arguments.
struct ParsedOptions {
    /// The declaration it was read against.
    let table: OptionTable
    /// Every value of each option that takes values, in the order given.
    var values: [String: [String]] = [:]
    /// The flags given.
    var flags: Set<String> = []
    /// The positional arguments, in order.
    private(set) var positionals: [String] = []

    init(table: OptionTable) {
        self.table = table
    }

    /// The last value of `--name`, nil when it was not given.
    func value(_ name: String) -> String? {
        declared(name)
        return values[name]?.last
    }

    /// Every value of a repeatable option, in order.
    func all(_ name: String) -> [String] {
        declared(name)
        return values[name] ?? []
    }

    /// Every value of the repeatable `--name`, each at most once (`--by team --by team` grouped by one key twice).
    func distinct(_ name: String) throws(CostGateError) -> [String] {
        let values = all(name)
        var seen: Set<String> = []
        for value in values where !seen.insert(value).inserted {
            throw .usage("--\(name) names \(excerpt(value)) twice")
        }
        return values
    }

    /// Whether the flag `--name` was given.
    func flag(_ name: String) -> Bool {
        declared(name)
        return flags.contains(name)
    }

    /// The renderer `--format` names in `registry`, or the registry's default.
    func renderer<Document>(in registry: RendererRegistry<Document>) throws(CostGateError) -> any ReportRenderer<Document> {
        try registry.renderer(named: value("format") ?? registry.defaultName)
    }

    /// Adds a positional argument, checked against what the command takes.
    mutating func addPositional(_ argument: String) throws(CostGateError) {
        switch table.positionals {
        case .none:
            throw .usage("unexpected argument \(excerpt(argument)); see 'costgate \(table.command) --help'")
        case .optional(let name, _):
            if let first = positionals.first {
                throw .usage("takes one \(name), got \(excerpt(first)) and \(excerpt(argument))")
            }
        case .many:
            break
        }
        positionals.append(argument)
    }

    /// Catches a command asking for an option it did not declare, which would otherwise always read as absent.
    private func declared(_ name: String) {
        assert(table.option(named: name) != nil, "costgate \(table.command) reads --\(name) but does not declare it")
    }
}
