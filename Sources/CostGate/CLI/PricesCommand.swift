/// `costgate prices`: List the built-in price catalog with dates and sources.
enum PricesCommand: Command {
    static let name = "prices"
    static let summary = "List the built-in price catalog with dates and sources"
    static let help = """
    Usage: costgate prices [QUERY] [--format text|json|csv]

    List the built-in price catalog: for each model its id, prices in USD per 1M tokens
    (input, cached input, cache write, output, batch), the long-context tier, the context
    window, the tokenizer costgate counts with, and the date and source of the prices.

    Arguments:
      QUERY              Show only models whose id or alias contains QUERY (case-insensitive),
                         e.g. 'gpt-4o', 'anthropic/', 'llama'.

    Options:
      --format FORMAT    text (aligned columns, the default), json (a list of objects with
                         every rate at full precision) or csv.
      -h, --help         Show this help.

    Tokenizer: 'exact' rows are counted with the model's own encoding; 'est.' rows with the
    named encoding times a per-family ratio (see docs/prices.md). A plan's 'models' section can
    add models or override any of these rows.

    Exit status: 0 listed, 2 bad usage or no model matches QUERY (with suggestions).

    Examples:
      costgate prices
      costgate prices claude --format json
      costgate prices --format=csv > prices.csv

    """

    static func run(_ arguments: [String], context: CommandContext) throws -> ExitCode {
        var format = PriceListing.Format.text
        var query: String?
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--format" || argument.hasPrefix("--format=") {
                let value: String
                if let equals = argument.firstIndex(of: "=") {
                    value = String(argument[argument.index(after: equals)...])
                } else {
                    guard index < arguments.count else {
                        throw CostGateError.usage("--format needs a value: \(formats)")
                    }
                    value = arguments[index]
                    index += 1
                }
                guard let parsed = PriceListing.Format(rawValue: value) else {
                    throw CostGateError.usage("--format must be one of \(formats), not \(excerpt(value))")
                }
                format = parsed
            } else if argument.hasPrefix("-"), argument != "-" {
                throw CostGateError.usage("unknown option \(excerpt(argument)) for 'prices'; valid options: "
                                          + "--format \(formats.replacingOccurrences(of: ", ", with: "|")), --help")
            } else if query == nil {
                query = argument
            } else {
                throw CostGateError.usage("'prices' takes one QUERY, got \(excerpt(query ?? "")) and \(excerpt(argument))")
            }
        }
        let catalog = PriceCatalog.builtIn
        let rows = catalog.search(query)
        if rows.isEmpty, let query {
            throw CostGateError.unknownName(kind: "model", name: query, context: "built-in catalog",
                                            suggestions: catalog.suggestions(for: query))
        }
        context.stdout(PriceListing(models: rows).render(format))
        return .success
    }

    private static var formats: String {
        PriceListing.Format.allCases.map(\.rawValue).joined(separator: ", ")
    }
}
