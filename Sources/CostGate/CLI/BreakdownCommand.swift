/// `costgate breakdown`: showback of the recorded sample as billed, by any tag, route or model.
enum BreakdownCommand: Command {
    static let name = "breakdown"
    static let summary = "Showback of the recorded sample as billed, by any tag"

    static let options = OptionTable(command: name, options: [
        .value("plan", "FILE", help: "The plan whose traffic and custom model prices to use (default: costgate.json)."),
        .repeatable("by", "KEY", help: "Group by KEY (repeatable; default: route). Each KEY gives one table."),
        .value("top", "N", help: "Show the N largest groups of each table (default: 20; 0 = all)."),
        .format(Renderers.showback, help: "{formats}."),
        .value("output", "FILE", help: "Write to FILE atomically."),
        .flag("skip-bad-records", help: "Skip unreadable records and count them."),
    ], helpColumn: 21)

    static let help = options.help("""
    Usage: costgate breakdown [--plan FILE] [--by KEY ...] [--top N] [--format text|markdown|json|csv|focus]

    Prices every recorded request at its own recorded model (no route changes), weights it
    by how many real requests it stands for, and groups the spend of the recorded window by
    KEY: route, model, or any tag (team, customer, feature, ...). Shows unit economics per
    group: requests, cost per request, tokens per request, cost per 1K tokens, share.
    --format focus writes FinOps FOCUS 1.2 CSV: one charge per route, model, tier, token
    direction and tag set, for FinOps tools.

    """)

    static func run(_ arguments: [String], context: CommandContext) throws -> ExitCode {
        let options = try options.parse(arguments)
        let renderer = try options.renderer(in: Renderers.showback)
        let top = try options.int("top", in: 0...Int.max) ?? 20
        let (root, path) = try PlanLoader.locate(options.value("plan") ?? "costgate.json", currentDirectory: context.currentDirectory)
        let loaded = try PlanLoader.load(path, from: .workTree(root: root))
        var engine = Evaluator(options: .init(skipBadRecords: options.flag("skip-bad-records"), progress: context.progress, readStdin: context.readStdin))
        let traffic = try engine.traffic(for: loaded)
        let by = try options.distinct("by")
        let keys = by.isEmpty ? ["route"] : by
        let showback = try Showback.compute(traffic: traffic, plan: loaded.plan, keys: keys)
        let focus = options.value("format") == "focus" ? try FocusCharges.compute(traffic: traffic, plan: loaded.plan) : nil
        if let output = options.value("output") {
            try ReportOutput.refuse(output, option: "--output", replacing: loaded.workTreeFiles(), context: context)
        }
        try ReportOutput.emit(renderer.document(ShowbackListing(showback: showback, top: top, focus: focus)), to: options.value("output"), context: context)
        return .success
    }
}
