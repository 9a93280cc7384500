/// `costgate validate`: checks a plan and its traffic without forecasting, for editors and pre-commit hooks.
enum ValidateCommand: Command {
    static let name = "validate"
    static let summary = "Check a plan and its traffic without forecasting"

    static let options = OptionTable(command: name, options: [
        .value("plan", "FILE", help: "The plan (default: costgate.json)."),
        .flag("skip-bad-records", help: "Skip unreadable records and count them."),
        .format(Renderers.validation, help: "{formats}."),
    ], helpColumn: 23)

    static let help = options.help("""
    Usage: costgate validate [--plan FILE] [--skip-bad-records] [--format text|json]

    Parses the plan strictly (unknown keys, models, metrics and tag keys are errors with
    suggestions), reads every record of the traffic sample, resolves every route's model
    and prompt, and applies each candidate patch. Prints a summary; writes nothing.

    """, """
    Exit status: 0 valid, 2 invalid (the first problem is named with file, line and field).

    """)

    static func run(_ arguments: [String], context: CommandContext) throws -> ExitCode {
        let options = try options.parse(arguments)
        let renderer = try options.renderer(in: Renderers.validation)
        let (root, path) = try PlanLoader.locate(options.value("plan") ?? "costgate.json", currentDirectory: context.currentDirectory)
        let loaded = try PlanLoader.load(path, from: .workTree(root: root))
        var engine = Evaluator(options: .init(skipBadRecords: options.flag("skip-bad-records"), progress: context.progress))
        var sides: [Evaluator.Side] = [.init(name: "plan", loaded: loaded)]
        for candidate in loaded.plan.candidates {
            sides.append(.init(name: candidate.name, loaded: try PlanLoader.patched(loaded, with: candidate.patch, label: "candidate '\(candidate.name)'")))
        }
        // A full evaluation resolves every route, model, prompt file and policy filter; its figures are discarded.
        let evaluation = try engine.evaluate(command: name, baseline: sides[0], candidates: sides, policySource: loaded,
                                             baselineSource: .itself)
        let traffic = try engine.traffic(for: loaded)
        let summary = ValidationSummary(
            planFile: loaded.plan.file, trafficSource: traffic.source, records: traffic.records.count, skippedRecords: traffic.skipped.count,
            routes: Set(traffic.records.map(\.route)).map { traffic.strings[$0] }.sorted(), tagKeys: traffic.tagKeys,
            policies: loaded.plan.policies.count, candidates: loaded.plan.candidates.map(\.name), warnings: evaluation.warnings)
        context.stdout(renderer.document(summary))
        return .success
    }
}
