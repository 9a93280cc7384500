/// `costgate check`: the CI gate. Replays the sample under the base and head plans and checks the head's policies.
enum CheckCommand: Command {
    static let name = "check"
    static let summary = "Replay the sample against the base and head plans, forecast, check policies"
    static let help = """
    Usage: costgate check [--plan FILE] [--base-ref REF | --base-plan FILE] [options]

    Replays the recorded traffic sample under the base plan and the head plan, forecasts
    the month with an interval, compares them, checks the head plan's policies and
    writes a report. The exit status passes or fails the build.

    Options:
      --plan FILE          The head plan (default: costgate.json).
      --base-ref REF       Read the base plan, and every file it names, at git REF
                           (for example origin/main). Files stay inside the repository.
      --base-plan FILE     Use FILE as the base plan instead.
                           With neither, the plan is compared with itself (a forecast).
      --set KEY=VALUE      Patch the head plan (repeatable), e.g. routes.chat.model=openai/gpt-4o-mini.
      --format FORMAT      text (default), markdown or json.
      --output FILE        Write the report to FILE atomically instead of stdout.
      --skip-bad-records   Skip unreadable records and count them, instead of stopping.
      --fail-on-warn       Treat policy warnings as failures.

    Exit status: 0 passed (warnings allowed), 1 a policy failed, 2 bad input or usage.

    """

    static func run(_ arguments: [String], context: CommandContext) throws -> ExitCode {
        let options = try Arguments(arguments, command: name, valued: ["plan", "base-ref", "base-plan", "set", "format", "output"],
                                    flags: ["skip-bad-records", "fail-on-warn"])
        guard options.positional.isEmpty else { throw CostGateError.usage("check takes no positional arguments; got '\(options.positional[0])'") }
        if options.value("base-ref") != nil, options.value("base-plan") != nil {
            throw CostGateError.usage("give --base-ref or --base-plan, not both")
        }
        let format = try options.format(ReportFormat.self, default: .text)
        let patch = try options.all("set").map(PlanLoader.assignment)
        let (root, path) = try PlanLoader.locate(options.value("plan") ?? "costgate.json", context: context)
        var head = try PlanLoader.load(path, from: .workTree(root: root))
        if !patch.isEmpty { head = try PlanLoader.patched(head, with: patch, label: "--set") }

        let base: LoadedPlan
        let description: String
        if let ref = options.value("base-ref") {
            let source = try FileSource.gitRef(ref, root: root)
            base = try PlanLoader.load(path, from: source)
            description = "the plan at \(ref)"
        } else if let basePath = options.value("base-plan") {
            let (baseRoot, relative) = try PlanLoader.locate(basePath, context: context)
            base = try PlanLoader.load(relative, from: .workTree(root: baseRoot))
            description = "the plan \(basePath)"
        } else {
            base = head
            description = "the plan itself"
        }
        let engineOptions = Evaluator.Options(skipBadRecords: options.flag("skip-bad-records"), failOnWarn: options.flag("fail-on-warn"), context: context)
        var engine = Evaluator(options: engineOptions)
        let evaluation = try engine.evaluate(command: name, baseline: .init(name: "base", loaded: base),
                                             candidates: [.init(name: "head", loaded: head)], policySource: head,
                                             baselineDescription: description)
        try ReportOutput.emit(format.renderer.render(evaluation), to: options.value("output"), context: context)
        return evaluation.exitCode
    }
}
