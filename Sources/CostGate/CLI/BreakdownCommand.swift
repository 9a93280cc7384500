/// `costgate breakdown`: showback of the recorded sample as billed, by any tag, route or model.
enum BreakdownCommand: Command {
    static let name = "breakdown"
    static let summary = "Showback of the recorded sample as billed, by any tag"
    static let help = """
    Usage: costgate breakdown [--plan FILE] [--by KEY ...] [--top N] [--format text|markdown|json|csv]

    Prices every recorded request at its own recorded model (no route changes), weights it
    by how many real requests it stands for, and groups the spend of the recorded window by
    KEY: route, model, or any tag (team, customer, feature, ...). Shows unit economics per
    group: requests, cost per request, tokens per request, cost per 1K tokens, share.

    Options:
      --plan FILE        The plan whose traffic and custom model prices to use (default: costgate.json).
      --by KEY           Group by KEY (repeatable; default: route). Each KEY gives one table.
      --top N            Show the N largest groups of each table (default: 20; 0 = all).
      --format FORMAT    text (default), markdown, json or csv.
      --output FILE      Write to FILE atomically.
      --skip-bad-records Skip unreadable records and count them.

    """

    enum Format: String, CaseIterable { case text, markdown, json, csv }

    static func run(_ arguments: [String], context: CommandContext) throws -> ExitCode {
        let options = try Arguments(arguments, command: name, valued: ["plan", "by", "top", "format", "output"], flags: ["skip-bad-records"])
        guard options.positional.isEmpty else { throw CostGateError.usage("breakdown takes no positional arguments; got '\(options.positional[0])'") }
        let format = try options.format(Format.self, default: .text)
        var top = 20
        if let text = options.value("top") {
            guard let value = Int(text), value >= 0 else { throw CostGateError.usage("--top takes a whole number ≥ 0; got '\(text)'") }
            top = value
        }
        let (root, path) = try PlanLoader.locate(options.value("plan") ?? "costgate.json", context: context)
        let loaded = try PlanLoader.load(path, from: .workTree(root: root))
        let engineOptions = Evaluator.Options(skipBadRecords: options.flag("skip-bad-records"), context: context)
        var engine = Evaluator(options: engineOptions)
        let traffic = try engine.traffic(for: loaded)
        let showback = try Showback.compute(traffic: traffic, plan: loaded.plan, keys: options.all("by").isEmpty ? ["route"] : options.all("by"))
        let text: String
        switch format {
        case .text: text = showback.renderText(top: top)
        case .markdown: text = showback.renderMarkdown(top: top)
        case .json: text = showback.renderJSON()
        case .csv: text = showback.renderCSV()
        }
        try ReportOutput.emit(text, to: options.value("output"), context: context)
        return .success
    }
}
