import Foundation

/// `costgate calibrate`: fits a deployment's latency coefficients to measured benchmark runs (`vllm bench serve
/// --save-result`, GuideLLM, AIPerf or GenAI-Perf result files).
enum CalibrateCommand: Command {
    static let name = "calibrate"
    static let summary = "Fit a deployment's latency model to measured benchmark runs"

    static let options = OptionTable(command: name, options: [
        .value("plan", "P", help: "the plan that declares the deployment (default: costgate.json)"),
        .value("deployment", "NAME", help: "the deployment the runs measured"),
        .value("output", "FILE", help: "the calibration file to write"),
        .format(Renderers.calibration, help: "summary on stdout: {formats}"),
    ], positionals: .many("RESULT.json"), helpColumn: 22)

    static let help = options.help("""
    Usage: costgate calibrate --plan P --deployment NAME --output C.json RESULT.json...

    Replays each measured run on the deployment (per-request lengths and send times when
    the file has them, else its rate and mean lengths), fits the decode and prefill speed
    and the front-end time to the measured mean TTFT, TPOT and E2E, and writes a
    calibration file that records the model, GPU, tensor-parallel degree, engine, runs
    and fit error. The deployment then names it:
    "calibration": "C.json". One run is enough; more runs at other loads fit better.

    Result files: `vllm bench serve --save-result` (summary-only is enough), GuideLLM's
    benchmarks.json (one run per benchmark, FILE#N), AIPerf's profile_export_aiperf.json
    and GenAI-Perf's profile_export_genai_perf.json; the tool is told by the file's shape.

    """, """
    Exit status: 0 written, 2 bad arguments or files.

    """)

    static func run(_ arguments: [String], context: CommandContext) throws -> ExitCode {
        let flags = try options.parse(arguments)
        let renderer = try flags.renderer(in: Renderers.calibration)
        guard let name = flags.value("deployment") else { throw CostGateError.usage("--deployment is required") }
        guard let output = flags.value("output") else { throw CostGateError.usage("--output is required") }
        guard !flags.positionals.isEmpty else {
            throw CostGateError.usage("name at least one benchmark result file (vllm bench serve --save-result, GuideLLM, AIPerf or GenAI-Perf)")
        }
        let (root, path) = try PlanLoader.locate(flags.value("plan") ?? "costgate.json", currentDirectory: context.currentDirectory)
        let loaded = try PlanLoader.load(path, from: .workTree(root: root))
        let plan = loaded.plan
        try ReportOutput.refuse(output, option: "--output", replacing: [(root as NSString).appendingPathComponent(loaded.path)]
                                    + flags.positionals.map(context.resolve), context: context)
        guard var deployment = plan.deployment(named: name) else {
            throw CostGateError.unknown("deployment", name, in: plan.file, known: plan.deployments.map(\.name))
        }
        // A benchmark measures one server: the fit replays it on one replica, from the engine profile.
        deployment.replicas = .fixed(1)
        deployment.calibration = nil
        var runs: [BenchmarkRun] = []
        for file in flags.positionals {
            let resolved = context.resolve(file)
            guard let data = FileManager.default.contents(atPath: resolved) else {
                throw CostGateError.io(path: file, reason: "cannot read the file")
            }
            runs += try BenchmarkRun.runs(in: try JSONParser.parse([UInt8](data), file: file), file: file)
        }
        context.progress?("costgate: fitting \(deployment.name) to \(runs.count) run\(runs.count == 1 ? "" : "s")…")
        let profile = deployment.engine.profile
        let targets = runs.map { Calibrator.target($0, deployment: deployment) }
        let fit = Calibrator.fit(from: profile, targets: targets, meanInputTokens: runs.map(\.meanInputTokens))
        func forecast(_ k: Int, _ step: StepTimeModel.Coefficients, _ frontEnd: EngineProfile.FrontEnd) -> Calibration.Metrics {
            Calibrator.adding(frontEnd.seconds(promptTokens: Int(runs[k].meanInputTokens.rounded())) * 1000,
                              to: targets[k].simulate(step))
        }
        let records = runs.indices.map { k in
            Calibration.Run(file: runs[k].file, requestRate: runs[k].requestRate, maxConcurrency: runs[k].maxConcurrency,
                            completed: runs[k].completed, meanInputTokens: runs[k].meanInputTokens,
                            meanOutputTokens: runs[k].meanOutputTokens, measured: targets[k].measured,
                            before: forecast(k, profile.stepTime, profile.frontEnd),
                            after: forecast(k, fit.stepTime, fit.frontEnd))
        }
        context.progress?("")
        let calibration = Calibration(model: deployment.model.id, gpu: deployment.gpu.id, tensorParallel: deployment.tensorParallel,
                                      engine: deployment.engine.name, engineVersion: deployment.engine.version,
                                      profile: profile.id, stepTime: fit.stepTime, frontEnd: fit.frontEnd, runs: records)
        try ReportOutput.emit(JSONWriter.write(calibration.json), to: output, context: context)
        context.stdout(renderer.render(calibration))
        return .success
    }
}
