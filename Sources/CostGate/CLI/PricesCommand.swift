/// `costgate prices`: List the built-in price catalog with dates and sources.
enum PricesCommand: Command {
    static let name = "prices"
    static let summary = "List the price catalog (built-in rows and LiteLLM's map) with dates and sources"

    static let options = OptionTable(command: name, options: [
        .format(Renderers.prices, help: "text (aligned columns, the default), json (a list of objects with",
                "every rate at full precision) or csv."),
        .value("source", "SOURCE", allowed: ["all", "builtin", "litellm"],
               help: "all (the default: what a plan prices with), builtin (the hand-kept", "rows) or litellm (the bundled LiteLLM snapshot)."),
        .flag("help", short: "h", help: "Show this help."),
    ], positionals: .optional("QUERY", help: [
        "Show only models whose id or alias contains QUERY (case-insensitive),",
        "e.g. 'gpt-4o', 'anthropic/', 'llama'.",
    ]), helpColumn: 21)

    static let help = options.help("""
    Usage: costgate prices [QUERY] [--source all|builtin|litellm] [--format text|json|csv]

    List the price catalog: for each model its id, prices in USD per 1M tokens (input,
    cached input, cache write, output, batch), the long-context tier, the context window,
    the tokenizer costgate counts with, and the date and source of the prices. The
    catalog is the hand-kept built-in rows over the LiteLLM price map bundled with
    costgate (its version and date are listed); a built-in row wins where both have a model.

    """, """
    Tokenizer: 'exact' rows are counted with the model's own encoding; 'est.' rows with the
    named encoding times a per-family ratio (see Sources/CostGate/CostGate.docc/Prices.md).
    A plan's 'models' section can add models or override any of these rows.

    Exit status: 0 listed, 2 bad usage or no model matches QUERY (with suggestions).

    Examples:
      costgate prices
      costgate prices claude --format json
      costgate prices bedrock/ --source litellm
      costgate prices --format=csv > prices.csv

    """)

    static func run(_ arguments: [String], context: CommandContext) throws -> ExitCode {
        let options = try options.parse(arguments)
        let renderer = try options.renderer(in: Renderers.prices)
        let query = options.positionals.first
        let source = options.value("source") ?? "all"
        var catalog: PriceCatalog
        switch source {
        case "builtin": catalog = .builtIn
        case "litellm":
            catalog = PriceCatalog([])
            catalog.addBeneath(LiteLLMPriceMap.bundled)
        default: catalog = .standard
        }
        let rows = catalog.search(query)
        if rows.isEmpty, let query {
            throw CostGateError.unknownName(kind: "model", name: query, context: source == "all" ? "price catalog" : "\(source) catalog",
                                            suggestions: catalog.suggestions(for: query))
        }
        var sources: [String] = []
        if source != "litellm" { sources.append("built-in catalog (\(BuiltInPrices.models.count) rows, checked \(BuiltInPrices.checked))") }
        for map in catalog.litellmMaps {
            let left = map.skipped.values.reduce(0, +)
            sources.append(map.label + " (\(map.rows.count) rows; \(left) entries it cannot price per token left out)")
        }
        context.stdout(renderer.document(PriceListing(models: rows, sources: sources)))
        return .success
    }
}
