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

    The log is read twice, 64 MiB at a time (a .gz file as it inflates), keeping 4
    bytes a record in between, so it may be larger than memory; a log piped to
    standard input is copied to a temporary file in TMPDIR first.

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
        let log = try SampledLog(file: options.positionals.first, loaded: loaded, skipBadRecords: options.flag("skip-bad-records"),
                                 context: context)
        let named = options.positionals.first.flatMap { $0 == "-" ? nil : context.resolve($0) }
        try ReportOutput.refuse(output, option: "--output", replacing: loaded.workTreeFiles() + (named.map { [$0] } ?? []), context: context)
        let by = try options.distinct("by")
        let keys = by.isEmpty ? ["route"] : by
        let sampler = try tally(log, keys: keys, loaded: loaded, rate: rate, seed: seed, context: context)
        let sample = try write(log, sampler: sampler, defaultWeight: 1 / loaded.plan.traffic.sampleRate, to: output, context: context)
        context.stdout(renderer.render(SampleSummary(sample: sample, total: sampler.recordCount, keys: keys, output: output,
                                                     rate: rate, seed: seed)))
        return .success
    }

    /// Pass 1: prices each block under the plan and tallies each stratum's size and the spread of its records'
    /// weighted cost; then allocates the sample and chooses its records, from each record's stratum (4 bytes a
    /// record, the only thing kept per record).
    private static func tally(_ log: SampledLog, keys: [String], loaded: LoadedPlan, rate: Double, seed: UInt64,
                              context: CommandContext) throws(CostGateError) -> StratifiedSampler {
        let prompts = try PromptResolver.sizes(for: loaded, countingWith: loaded)
        var strata = StrataIndex(keys: keys)
        var sampler = StratifiedSampler(rate: rate, seed: seed)
        var tagKeys = Set<String>()
        var skipped = Traffic.SkippedRecords()
        var recordStrata: [Int32] = []
        try log.forEachBlock { block, _ throws(CostGateError) in
            skipped.count += block.skipped.count
            skipped.examples += block.skipped.examples.prefix(10 - skipped.examples.count)
            let replay = try Replayer.replay(block, plan: loaded.plan, name: "plan", catalog: loaded.plan.catalog, prompts: prompts,
                                             reference: loaded.plan, referencePrompts: prompts)
            tagKeys.formUnion(block.tagKeys)
            let blockStrata = strata.strata(of: block, replay: replay)
            sampler.tally(values: Forecaster.costValues(replay), strata: blockStrata, strataCount: strata.keys.count)
            recordStrata.append(contentsOf: blockStrata.lazy.map { Int32($0) })
            context.progress?("costgate sample: tallied \(Format.count(Double(recordStrata.count))) records…")
        }
        guard sampler.recordCount > 0 else {
            var reason = "no readable records in \(log.name)"
            if let first = skipped.examples.first { reason += " (\(skipped.count) skipped; the first: \(first))" }
            throw .io(path: log.name, reason: reason)
        }
        let known = ["route", "model"] + tagKeys.sorted()
        for key in keys where !known.contains(key) { throw .unknown("stratum key", key, in: "--by", known: known) }
        sampler.allocate(keys: strata.keys)
        sampler.select(strata: recordStrata, firstIndex: 0)
        return sampler
    }

    /// Pass 2: writes the kept records, reweighted, in log order, through a temporary file renamed into place.
    private static func write(_ log: SampledLog, sampler: StratifiedSampler, defaultWeight: Double, to output: String,
                              context: CommandContext) throws(CostGateError) -> StratifiedSample {
        let kept = sampler.kept
        var weights: [Double] = []
        weights.reserveCapacity(kept.count)
        try ReportOutput.stream(to: output, context: context) { write throws(CostGateError) in
            var next = 0
            try log.forEachBlock { block, first throws(CostGateError) in
                var text = ""
                while next < kept.count && kept[next].index < first + block.records.count {
                    let record = block.records[kept[next].index - first]
                    let weight = sampler.weight(record.weight(orDefault: defaultWeight), stratum: kept[next].stratum)
                    weights.append(weight)
                    text += CanonicalJSONLines.line(record, weight: weight, in: block)
                    next += 1
                    if text.utf8.count >= 1 << 20 {
                        try write(text)
                        text = ""
                    }
                }
                try write(text)
                context.progress?("costgate sample: wrote \(Format.count(Double(next))) of \(Format.count(Double(kept.count))) records…")
            }
        }
        if context.showsProgress { context.stderr("\r\u{1B}[K") }
        return StratifiedSample(strata: sampler.strata, indices: kept.map(\.index), weights: weights)
    }
}
