/// `costgate prices`: List the built-in price catalog with dates and sources.
enum PricesCommand: Command {
    static let name = "prices"
    static let summary = "List the built-in price catalog with dates and sources"

    static let options = OptionTable(command: name, options: [
        .format(Renderers.prices, help: "text (aligned columns, the default), json (a list of objects with",
                "every rate at full precision) or csv."),
        .flag("help", short: "h", help: "Show this help."),
    ], positionals: .optional("QUERY", help: [
        "Show only models whose id or alias contains QUERY (case-insensitive),",
        "e.g. 'gpt-4o', 'anthropic/', 'llama'.",
    ]), helpColumn: 21)

    static let help = options.help("""
    Usage: costgate prices [QUERY] [--format text|json|csv]

    List the built-in price catalog: for each model its id, prices in USD per 1M tokens
    (input, cached input, cache write, output, batch), the long-context tier, the context
    window, the tokenizer costgate counts with, and the date and source of the prices.

    """, """
    Tokenizer: 'exact' rows are counted with the model's own encoding; 'est.' rows with the
    named encoding times a per-family ratio (see Sources/CostGate/CostGate.docc/Prices.md).
    A plan's 'models' section can add models or override any of these rows.

    Exit status: 0 listed, 2 bad usage or no model matches QUERY (with suggestions).

    Examples:
      costgate prices
      costgate prices claude --format json
      costgate prices --format=csv > prices.csv

    """)

    static func run(_ arguments: [String], context: CommandContext) throws -> ExitCode {
        let options = try options.parse(arguments)
        let renderer = try options.renderer(in: Renderers.prices)
        let query = options.positionals.first
        let catalog = PriceCatalog.builtIn
        let rows = catalog.search(query)
        if rows.isEmpty, let query {
            throw CostGateError.unknownName(kind: "model", name: query, context: "built-in catalog",
                                            suggestions: catalog.suggestions(for: query))
        }
        context.stdout(renderer.document(PriceListing(models: rows)))
        return .success
    }
}
