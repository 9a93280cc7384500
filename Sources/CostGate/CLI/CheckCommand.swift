import Foundation

/// `costgate check`: the CI gate. Replays the sample under the base and head plans and checks the head's policies.
enum CheckCommand: Command {
    static let name = "check"
    static let summary = "Replay the sample against the base and head plans, forecast, check policies"

    static let options = OptionTable(command: name, options: [
        .value("plan", "FILE", help: "The head plan (default: costgate.json)."),
        .value("base-ref", "REF", help: "Read the base plan, and every file it names, at git REF",
               "(for example origin/main). Files stay inside the repository."),
        .value("base-plan", "FILE", help: "Use FILE as the base plan instead.",
               "With neither, the plan is compared with itself (a forecast)."),
        .repeatable("set", "KEY=VALUE", help: "Patch the head plan (repeatable), e.g. routes.chat.model=openai/gpt-4o-mini."),
        .format(Renderers.evaluation, help: "{formats}."),
        .value("max-comment-chars", "N", help: "Fit the Markdown report in N characters, leaving out detail (default 65536,",
               "GitHub's limit on a comment)."),
        .value("output", "FILE", help: "Write the report to FILE atomically instead of stdout."),
        .value("json-output", "FILE", help: "Also write the JSON report to FILE (for costgate comment --report)."),
        .flag("skip-bad-records", help: "Skip unreadable records and count them, instead of stopping."),
        .flag("fail-on-warn", help: "Treat policy warnings as failures."),
    ], helpColumn: 23)

    static let help = options.help("""
    Usage: costgate check [--plan FILE] [--base-ref REF | --base-plan FILE] [options]

    Replays the recorded traffic sample under the base plan and the head plan, forecasts
    the month with an interval, compares them, checks the head plan's policies and
    writes a report. The exit status passes or fails the build.

    """, """
    Exit status: 0 passed (warnings allowed), 1 a policy failed, 2 bad input or usage.

    """)

    static func run(_ arguments: [String], context: CommandContext) throws -> ExitCode {
        let options = try options.parse(arguments)
        let renderer = try options.evaluationRenderer()
        let evaluation = try evaluate(options, context: context)
        let inputs = try inputFiles(options, context: context)
        for option in ["output", "json-output"] {
            if let path = options.value(option) { try ReportOutput.refuse(path, option: "--" + option, replacing: inputs, context: context) }
        }
        try ReportOutput.emit(renderer.document(evaluation), to: options.value("output"), context: context)
        if let path = options.value("json-output") {
            let json: any ReportRenderer<Evaluation> = JSONReportRenderer()
            try ReportOutput.emit(json.document(evaluation), to: path, context: context)
        }
        try CIOutputs.publish(evaluation, context: context)
        return evaluation.exitCode
    }

    /// The work-tree files a check of `options` reads: the plan, its traffic, and a `--base-plan`.
    static func inputFiles(_ options: ParsedOptions, context: CommandContext) throws(CostGateError) -> [String] {
        let (root, path) = try PlanLoader.locate(options.value("plan") ?? "costgate.json", currentDirectory: context.currentDirectory)
        var files = try PlanLoader.load(path, from: .workTree(root: root)).workTreeFiles()
        if let base = options.value("base-plan") { files.append(context.resolve(base)) }
        return files
    }

    /// What `check` reports for `options`: the plans loaded (and patched), the traffic replayed under both, the
    /// policies checked. Nothing is written.
    static func evaluate(_ options: ParsedOptions, context: CommandContext) throws(CostGateError) -> Evaluation {
        if options.value("base-ref") != nil, options.value("base-plan") != nil {
            throw CostGateError.usage("give --base-ref or --base-plan, not both")
        }
        let patch = try options.all("set").map(PlanLoader.assignment)
        let (root, path) = try PlanLoader.locate(options.value("plan") ?? "costgate.json", currentDirectory: context.currentDirectory)
        var head = try PlanLoader.load(path, from: .workTree(root: root))
        if !patch.isEmpty { head = try PlanLoader.patched(head, with: patch, label: "--set") }

        let base: LoadedPlan
        let source: BaselineSource
        if let ref = options.value("base-ref") {
            let baseFiles = try FileSource.gitRef(ref, root: root)
            if baseFiles.contains(path) {
                base = try PlanLoader.load(path, from: baseFiles)
                source = .gitRef(ref)
            } else {
                // The pull request adds the plan: compare with the traffic as recorded, not fail.
                base = try recordedTraffic(of: head)
                source = .noPlanAt(ref)
            }
        } else if let basePath = options.value("base-plan") {
            let (baseRoot, relative) = try PlanLoader.locate(basePath, currentDirectory: context.currentDirectory)
            base = try PlanLoader.load(relative, from: .workTree(root: baseRoot))
            source = .basePlan(basePath)
        } else {
            base = head
            source = .itself
        }
        var engine = Evaluator(options: .init(skipBadRecords: options.flag("skip-bad-records"), failOnWarn: options.flag("fail-on-warn"),
                                              progress: context.progress, readStdin: context.readStdin))
        var evaluation = try engine.evaluate(command: name, baseline: .init(name: "base", loaded: base),
                                             candidates: [.init(name: "head", loaded: head)], policySource: head,
                                             baselineSource: source)
        evaluation.planFile = path
        if let data = FileManager.default.contents(atPath: (root as NSString).appendingPathComponent(path)) {
            evaluation.policyLines = PolicyLocator.lines(in: String(decoding: data, as: UTF8.self), names: evaluation.policies.map(\.policy.name))
        }
        return evaluation
    }
}
