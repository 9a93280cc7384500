/// `costgate validate`: checks a plan and its traffic without forecasting, for editors and pre-commit hooks.
enum ValidateCommand: Command {
    static let name = "validate"
    static let summary = "Check a plan and its traffic without forecasting"
    static let help = """
    Usage: costgate validate [--plan FILE] [--skip-bad-records] [--format text|json]

    Parses the plan strictly (unknown keys, models, metrics and tag keys are errors with
    suggestions), reads every record of the traffic sample, resolves every route's model
    and prompt, and applies each candidate patch. Prints a summary; writes nothing.

    Exit status: 0 valid, 2 invalid (the first problem is named with file, line and field).

    """

    enum Format: String, CaseIterable { case text, json }

    static func run(_ arguments: [String], context: CommandContext) throws -> ExitCode {
        let options = try Arguments(arguments, command: name, valued: ["plan", "format"], flags: ["skip-bad-records"])
        guard options.positional.isEmpty else { throw CostGateError.usage("validate takes no positional arguments; got '\(options.positional[0])'") }
        let format = try options.format(Format.self, default: .text)
        let (root, path) = try PlanLoader.locate(options.value("plan") ?? "costgate.json", context: context)
        let loaded = try PlanLoader.load(path, from: .workTree(root: root))
        let engineOptions = Evaluator.Options(skipBadRecords: options.flag("skip-bad-records"), context: context)
        var engine = Evaluator(options: engineOptions)
        var sides: [Evaluator.Side] = [.init(name: "plan", loaded: loaded)]
        for candidate in loaded.plan.candidates {
            sides.append(.init(name: candidate.name, loaded: try PlanLoader.patched(loaded, with: candidate.patch, label: "candidate '\(candidate.name)'")))
        }
        // A full evaluation resolves every route, model, prompt file and policy filter; its figures are discarded.
        let evaluation = try engine.evaluate(command: name, baseline: sides[0], candidates: sides, policySource: loaded,
                                             baselineDescription: "the plan itself")
        let traffic = try engine.traffic(for: loaded)
        let routes = Set(traffic.records.map(\.route)).map { traffic.strings[$0] }.sorted()
        switch format {
        case .json:
            context.stdout(JSONWriter.write(.object([
                ("valid", .bool(true)),
                ("plan", .string(loaded.plan.file)),
                ("traffic", .string(traffic.source)),
                ("records", .number(Double(traffic.records.count))),
                ("skipped_records", .number(Double(traffic.skipped.count))),
                ("routes", .array(routes.map(JSONValue.string))),
                ("tag_keys", .array(traffic.tagKeys.map(JSONValue.string))),
                ("policies", .number(Double(loaded.plan.policies.count))),
                ("candidates", .array(loaded.plan.candidates.map { .string($0.name) })),
                ("warnings", .array(evaluation.warnings.map(JSONValue.string))),
            ])))
        case .text:
            var text = "\(TextTable.clean(loaded.plan.file)): valid\n"
            text += "  traffic: \(TextTable.clean(traffic.source)), \(traffic.records.count) records"
            text += traffic.skipped.count > 0 ? " (\(traffic.skipped.count) skipped)\n" : "\n"
            text += "  routes: \(routes.map { TextTable.clean($0) }.joined(separator: ", "))\n"
            text += "  tag keys: \(traffic.tagKeys.map { TextTable.clean($0) }.joined(separator: ", "))\n"
            text += "  policies: \(loaded.plan.policies.count), candidates: \(loaded.plan.candidates.count)\n"
            for warning in evaluation.warnings { text += "  warning: \(TextTable.clean(warning, limit: 300))\n" }
            context.stdout(text)
        }
        return .success
    }
}
