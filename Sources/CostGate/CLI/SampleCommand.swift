import Foundation

/// `costgate sample`: a stratified sample of a traffic log too large to replay whole, with inclusion weights.
enum SampleCommand: Command {
    static let name = "sample"
    static let summary = "Draw a stratified, cost-weighted sample of a large traffic log"

    static let options = OptionTable(command: name, options: [
        .value("plan", "FILE", help: "The plan whose traffic spec and prices to use (default: costgate.json)."),
        .value("rate", "R", help: "Share of records to keep, above 0 and at most 1 (required)."),
        .repeatable("by", "KEY", help: "Stratify by KEY: route, model or a tag (repeatable; default: route)."),
        .value("seed", "S", help: "Seed of the selection (default: 1)."),
        .value("output", "FILE", help: "Where to write the sample, as canonical JSON Lines (required)."),
        .format(Renderers.sample, help: "{formats}: the summary printed after writing."),
        .flag("skip-bad-records", help: "Skip unreadable records and count them."),
    ], positionals: .optional("FILE", help: ["The log to sample, read with the plan's traffic spec ('-' reads standard input);",
                                              "without it, the file the plan names."]), helpColumn: 23)

    static let help = options.help("""
    Usage: costgate sample --rate R [--by KEY ...] [--seed S] --output OUT [--plan FILE] [FILE]

    Reads the traffic log (FILE, '-' for standard input, read with the plan's traffic spec;
    else the file the plan names), prices every record under the plan, and keeps a
    share R of the records, stratified by the --by keys and allocated to minimise the
    variance of the cost forecast (Neyman allocation on each record's weighted cost, with a
    floor that keeps every stratum). Each kept record's weight becomes weight × N_h / n_h,
    so the sample forecasts the same month as the log. Point a plan at OUT with
    "format": "jsonl", no columns, and the log's window as window_hours (a sample's
    first and last timestamps can fall inside the log's).

    """)

    static func run(_ arguments: [String], context: CommandContext) throws -> ExitCode {
        let options = try options.parse(arguments)
        let renderer = try options.renderer(in: Renderers.sample)
        guard let rateText = options.value("rate") else { throw CostGateError.usage("sample needs --rate R, e.g. --rate 0.05") }
        guard let rate = Double(rateText), rate > 0, rate <= 1 else {
            throw CostGateError.usage("--rate expects a number above 0 and at most 1, found \(excerpt(rateText))")
        }
        guard let output = options.value("output") else { throw CostGateError.usage("sample needs --output FILE") }
        let seedText = options.value("seed") ?? "1"
        guard let seed = UInt64(seedText) else {
            throw CostGateError.usage("--seed expects an integer from 0 to \(UInt64.max), found \(excerpt(seedText))")
        }
        let (root, path) = try PlanLoader.locate(options.value("plan") ?? "costgate.json", currentDirectory: context.currentDirectory)
        let loaded = try PlanLoader.load(path, from: .workTree(root: root))
        let traffic = try read(options.positionals.first, loaded: loaded, skipBadRecords: options.flag("skip-bad-records"), context: context)
        let keys = options.all("by").isEmpty ? ["route"] : options.all("by")
        let known = ["route", "model"] + traffic.tagKeys
        for key in keys where !known.contains(key) { throw CostGateError.unknown("stratum key", key, in: "--by", known: known) }

        let prompts = try PromptResolver.sizes(for: loaded, countingWith: loaded)
        let replay = try Replayer.replay(traffic, plan: loaded.plan, name: "plan", catalog: loaded.plan.catalog, prompts: prompts,
                                         reference: loaded.plan, referencePrompts: prompts)
        let values = Forecaster.costValues(replay)
        var stratumIDs: [[String]: Int] = [:]
        var stratumKeys: [[String]] = []
        var stratumOf: [Int] = []
        stratumOf.reserveCapacity(traffic.records.count)
        for (index, record) in traffic.records.enumerated() {
            let key = keys.map { key -> String in
                switch key {
                case "route": return traffic.strings[record.route]
                case "model": return replay.modelNames[Int(replay.models[index])]
                default: return traffic.tag(key, of: record) ?? "(none)"
                }
            }
            if let id = stratumIDs[key] {
                stratumOf.append(id)
            } else {
                stratumIDs[key] = stratumKeys.count
                stratumOf.append(stratumKeys.count)
                stratumKeys.append(key)
            }
        }
        let sample = StratifiedSample.draw(values: values, baseWeights: replay.weights, strata: stratumOf, keys: stratumKeys,
                                           rate: rate, seed: seed)
        var text = ""
        for (position, index) in sample.indices.enumerated() {
            text += CanonicalJSONLines.line(traffic.records[index], weight: sample.weights[position], in: traffic)
        }
        try ReportOutput.emit(text, to: output, context: context)
        context.stdout(renderer.render(SampleSummary(sample: sample, total: traffic.records.count, keys: keys, output: output,
                                                     rate: rate, seed: seed)))
        return .success
    }

    /// The log: `file` (or standard input) read with the plan's traffic spec, else the file the plan names.
    private static func read(_ file: String?, loaded: LoadedPlan, skipBadRecords: Bool,
                             context: CommandContext) throws(CostGateError) -> Traffic {
        guard let file else {
            var evaluator = Evaluator(options: .init(skipBadRecords: skipBadRecords, progress: context.progress))
            return try evaluator.traffic(for: loaded)
        }
        let display = file == "-" ? "standard input" : file
        var traffic = try TrafficReader.read(try context.readArgumentFile(file), spec: loaded.plan.traffic, file: display,
                                             skipBadRecords: skipBadRecords)
        traffic.source = display
        return traffic
    }
}
