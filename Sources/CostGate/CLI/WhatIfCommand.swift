/// `costgate whatif`: the plan against each of its candidates, or against a `--set` patch.
enum WhatIfCommand: Command {
    static let name = "whatif"
    static let summary = "Compare the plan with its candidates or a --set patch"

    static let options = OptionTable(command: name, options: [
        .value("plan", "FILE", help: "The plan (default: costgate.json)."),
        .repeatable("candidate", "NAME", help: "Only this candidate (repeatable)."),
        .repeatable("set", "KEY=VALUE", help: "Patch the plan into one variant named \"patched\" (repeatable),",
                    "e.g. --set routes.chat.model=openai/gpt-4o-mini."),
        .format(Renderers.evaluation, help: "{formats}."),
        .value("max-comment-chars", "N", help: "Fit the Markdown report in N characters, leaving out detail (default 65536,",
               "GitHub's limit on a comment)."),
        .value("output", "FILE", help: "Write the report to FILE atomically."),
        .flag("skip-bad-records", help: "Skip unreadable records and count them."),
        .flag("fail-on-warn", help: "Treat policy warnings as failures."),
    ], helpColumn: 23)

    static let help = options.help("""
    Usage: costgate whatif [--plan FILE] [--candidate NAME ...] [--set KEY=VALUE ...] [options]

    Compares the plan with what-if variants: every entry of the plan's "candidates"
    (or only those named with --candidate), or one variant made of the --set patches.
    The plan's policies apply to every variant.

    """, """
    Exit status: 0 passed, 1 a policy failed for some variant, 2 bad input or usage.

    """)

    static func run(_ arguments: [String], context: CommandContext) throws -> ExitCode {
        let options = try options.parse(arguments)
        let renderer = try options.evaluationRenderer()
        let patch = try options.all("set").map(PlanLoader.assignment)
        // Every variant is measured against the plan's own policies, so a patch to them would change nothing.
        if let policyPatch = patch.first(where: { $0.path.dottedPathSegments.first == "policies" }) {
            throw CostGateError.usage("--set \(excerpt(policyPatch.path, limit: 80)): whatif measures every variant against the plan's own "
                                      + "policies, so this would change nothing; use check --set to try a policy")
        }
        let (root, path) = try PlanLoader.locate(options.value("plan") ?? "costgate.json", currentDirectory: context.currentDirectory)
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
        var engine = Evaluator(options: .init(skipBadRecords: options.flag("skip-bad-records"), failOnWarn: options.flag("fail-on-warn"),
                                              progress: context.progress, readStdin: context.readStdin))
        let evaluation = try engine.evaluate(command: name, baseline: .init(name: "plan", loaded: plan), candidates: sides,
                                             policySource: plan, baselineSource: .committed)
        if let output = options.value("output") {
            try ReportOutput.refuse(output, option: "--output", replacing: plan.workTreeFiles(), context: context)
        }
        try ReportOutput.emit(renderer.document(evaluation), to: options.value("output"), context: context)
        return evaluation.exitCode
    }
}
