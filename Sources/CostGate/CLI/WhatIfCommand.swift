/// `costgate whatif`: the plan against each of its candidates, or against a `--set` patch.
enum WhatIfCommand: Command {
    static let name = "whatif"
    static let summary = "Compare the plan with its candidates or a --set patch"
    static let help = """
    Usage: costgate whatif [--plan FILE] [--candidate NAME ...] [--set KEY=VALUE ...] [options]

    Compares the plan with what-if variants: every entry of the plan's "candidates"
    (or only those named with --candidate), or one variant made of the --set patches.
    The plan's policies apply to every variant.

    Options:
      --plan FILE          The plan (default: costgate.json).
      --candidate NAME     Only this candidate (repeatable).
      --set KEY=VALUE      Patch the plan into one variant named "patched" (repeatable),
                           e.g. --set routes.chat.model=openai/gpt-4o-mini.
      --format FORMAT      text (default), markdown or json.
      --output FILE        Write the report to FILE atomically.
      --skip-bad-records   Skip unreadable records and count them.
      --fail-on-warn       Treat policy warnings as failures.

    Exit status: 0 passed, 1 a policy failed for some variant, 2 bad input or usage.

    """

    static func run(_ arguments: [String], context: CommandContext) throws -> ExitCode {
        let options = try Arguments(arguments, command: name, valued: ["plan", "candidate", "set", "format", "output"],
                                    flags: ["skip-bad-records", "fail-on-warn"])
        guard options.positional.isEmpty else { throw CostGateError.usage("whatif takes no positional arguments; got '\(options.positional[0])'") }
        let format = try options.format(ReportFormat.self, default: .text)
        let patch = try options.all("set").map(PlanLoader.assignment)
        let (root, path) = try PlanLoader.locate(options.value("plan") ?? "costgate.json", context: context)
        let plan = try PlanLoader.load(path, from: .workTree(root: root))
        var sides: [Evaluator.Side] = []
        if !patch.isEmpty {
            sides.append(.init(name: "patched", loaded: try PlanLoader.patched(plan, with: patch, label: "--set")))
        } else {
            let wanted = options.all("candidate")
            let known = plan.plan.candidates.map(\.name)
            for name in wanted where !known.contains(name) {
                throw CostGateError.unknown("candidate", name, in: "--candidate", known: known)
            }
            for candidate in plan.plan.candidates where wanted.isEmpty || wanted.contains(candidate.name) {
                sides.append(.init(name: candidate.name,
                                   loaded: try PlanLoader.patched(plan, with: candidate.patch, label: "candidate '\(candidate.name)'")))
            }
            if sides.isEmpty {
                throw CostGateError.usage("the plan has no candidates; add a \"candidates\" section or pass --set KEY=VALUE")
            }
        }
        let engineOptions = Evaluator.Options(skipBadRecords: options.flag("skip-bad-records"), failOnWarn: options.flag("fail-on-warn"), context: context)
        var engine = Evaluator(options: engineOptions)
        let evaluation = try engine.evaluate(command: name, baseline: .init(name: "plan", loaded: plan), candidates: sides,
                                             policySource: plan, baselineDescription: "the plan as committed")
        try ReportOutput.emit(format.renderer.render(evaluation), to: options.value("output"), context: context)
        return evaluation.exitCode
    }
}
