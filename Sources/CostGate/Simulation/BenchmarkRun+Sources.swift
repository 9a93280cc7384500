/// Benchmark result files from tools other than `vllm bench serve`: GuideLLM's `benchmarks.json` and the
/// aggregate exports of NVIDIA AIPerf (`profile_export_aiperf.json`) and GenAI-Perf
/// (`profile_export_genai_perf.json`). Each becomes one `BenchmarkRun` per measured load, at mean lengths.
extension BenchmarkRun {
    /// The runs in one result file, whichever tool wrote it: a top-level `benchmarks` list is GuideLLM's; a
    /// `request_latency` object with `avg` is AIPerf's or GenAI-Perf's; anything else is read as `vllm bench serve`.
    public static func runs(in json: JSONValue, file: String) throws(CostGateError) -> [BenchmarkRun] {
        if json["benchmarks"]?.arrayValue != nil { return try guideLLMRuns(json, file: file) }
        if json["request_latency"]?["avg"] != nil { return [try profileExportRun(json, file: file)] }
        return [try parse(json, file: file)]
    }

    /// GuideLLM (0.3 and later): one run per entry of `benchmarks`, named `FILE#N` (1-based).
    ///
    /// The load comes from the benchmark's strategy (`config.strategy`, or `args.strategy` in 0.3): `poisson` and
    /// `constant` at `rate` requests/s (both replayed as Poisson arrivals), `concurrent` as `streams` closed-loop
    /// clients, `synchronous` as one, `throughput` as everything at once (capped by `max_concurrency` when set).
    /// Latencies are the successful requests' means: `time_to_first_token_ms`, `time_per_output_token_ms` and
    /// `request_latency` (seconds in GuideLLM, converted to ms); lengths are the means of `prompt_token_count`
    /// and `output_token_count`; `completed` is `request_totals.successful`.
    static func guideLLMRuns(_ json: JSONValue, file: String) throws(CostGateError) -> [BenchmarkRun] {
        let benchmarks = json["benchmarks"]?.arrayValue ?? []
        guard !benchmarks.isEmpty else {
            throw .badRecord(file: file, line: 1, field: "benchmarks", expected: "at least one GuideLLM benchmark", found: "an empty list")
        }
        var runs: [BenchmarkRun] = []
        for (index, benchmark) in benchmarks.enumerated() {
            let path = "benchmarks[\(index)]"
            let name = "\(file)#\(index + 1)"
            func mean(_ metric: String) -> JSONValue? {
                guard let value = benchmark["metrics"]?[metric]?["successful"]?["mean"], value != .null else { return nil }
                return value
            }
            func field(_ metric: String) -> String { "\(path).metrics.\(metric).successful.mean" }
            guard let totals = benchmark["metrics"]?["request_totals"]?["successful"] else {
                throw .badRecord(file: file, line: 1, field: "\(path).metrics.request_totals.successful",
                                 expected: "the count of successful requests (a GuideLLM benchmarks.json)", found: nil)
            }
            let completed = try count(totals, file: file, field: "\(path).metrics.request_totals.successful")
            guard let strategy = benchmark["config"]?["strategy"] ?? benchmark["args"]?["strategy"],
                  let kind = strategy["type_"]?.stringValue else {
                throw .badRecord(file: file, line: 1, field: "\(path).config.strategy.type_",
                                 expected: "the load strategy (synchronous, concurrent, throughput, constant or poisson)", found: nil)
            }
            var rate: Double?
            var concurrency: Int?
            switch kind {
            case "poisson", "constant":
                guard let value = strategy["rate"] else {
                    throw .badRecord(file: file, line: 1, field: "\(path).config.strategy.rate", expected: "a request rate", found: nil)
                }
                rate = try Self.rate(value, file: file, field: "\(path).config.strategy.rate")
            case "concurrent":
                guard let value = strategy["streams"] else {
                    throw .badRecord(file: file, line: 1, field: "\(path).config.strategy.streams", expected: "a number of streams", found: nil)
                }
                concurrency = try count(value, file: file, field: "\(path).config.strategy.streams")
            case "synchronous":
                concurrency = 1
            case "throughput":
                if let value = strategy["max_concurrency"], value != .null {
                    concurrency = try count(value, file: file, field: "\(path).config.strategy.max_concurrency")
                }
            default:
                throw .badRecord(file: file, line: 1, field: "\(path).config.strategy.type_",
                                 expected: "synchronous, concurrent, throughput, constant or poisson", found: "string '\(kind)'")
            }
            guard let input = mean("prompt_token_count"), let output = mean("output_token_count") else {
                throw .badRecord(file: file, line: 1, field: "\(path).metrics.prompt_token_count.successful.mean",
                                 expected: "mean prompt and output token counts", found: nil)
            }
            func latency(_ metric: String, seconds: Bool = false) throws(CostGateError) -> Double? {
                try mean(metric).map { (value: JSONValue) throws(CostGateError) -> Double in
                    try Self.latency(value, scale: seconds ? 1000 : 1, unit: seconds ? "s" : "ms", file: file, field: field(metric))
                }
            }
            let run = BenchmarkRun(file: name, model: nil, requestRate: rate, maxConcurrency: concurrency, completed: completed,
                                   meanInputTokens: try Self.meanTokens(input, over: 1, file: file, field: field("prompt_token_count")),
                                   meanOutputTokens: try Self.meanTokens(output, over: 1, file: file, field: field("output_token_count")),
                                   ttftMs: try latency("time_to_first_token_ms"), tpotMs: try latency("time_per_output_token_ms"),
                                   e2eMs: try latency("request_latency", seconds: true))
            guard run.ttftMs != nil || run.tpotMs != nil || run.e2eMs != nil else {
                throw .badRecord(file: file, line: 1, field: "\(path).metrics.time_to_first_token_ms",
                                 expected: "measured latencies (time_to_first_token_ms, time_per_output_token_ms or request_latency)",
                                 found: nil)
            }
            runs.append(run)
        }
        return runs
    }

    /// AIPerf's `profile_export_aiperf.json` or GenAI-Perf's `profile_export_genai_perf.json`: one run.
    ///
    /// Each metric is an object with `unit` and `avg`; times in `ms`, `s` or `ns` are converted to ms. Latencies:
    /// `time_to_first_token`, `inter_token_latency` (as TPOT: both tools average the gaps after the first token)
    /// and `request_latency`. Lengths: `total_isl` / `total_osl` over `request_count` (AIPerf), else the means of
    /// `input_sequence_length` / `output_sequence_length`. The count is `request_count`, else
    /// `request_throughput` × `benchmark_duration`. The load is `input_config.loadgen` (AIPerf) or `input_config`
    /// (GenAI-Perf): `request_rate` (Poisson), else `concurrency` closed-loop clients.
    static func profileExportRun(_ json: JSONValue, file: String) throws(CostGateError) -> BenchmarkRun {
        func average(_ metric: String) throws(CostGateError) -> Double? {
            guard let value = json[metric]?["avg"], value != .null else { return nil }
            return try finite(value, file: file, field: "\(metric).avg")
        }
        func milliseconds(_ metric: String) throws(CostGateError) -> Double? {
            guard let value = json[metric]?["avg"], value != .null else { return nil }
            let unit = json[metric]?["unit"]?.stringValue ?? "ms"
            let scale: Double
            switch unit {
            case "ms": scale = 1
            case "s", "sec": scale = 1000
            case "ns": scale = 1e-6
            default:
                throw .badRecord(file: file, line: 1, field: "\(metric).unit", expected: "ms, s or ns", found: "string '\(unit)'")
            }
            return try Self.latency(value, scale: scale, unit: unit, file: file, field: "\(metric).avg")
        }
        let completed: Int
        if let requests = try average("request_count") {
            completed = try count(.number(requests), file: file, field: "request_count.avg")
        } else if let throughput = try average("request_throughput"), let duration = try average("benchmark_duration") {
            completed = try count(.number(max(1, (throughput * duration).rounded())), file: file,
                                  field: "request_throughput.avg × benchmark_duration.avg")
        } else {
            throw .badRecord(file: file, line: 1, field: "request_count.avg",
                             expected: "the number of requests (or request_throughput and benchmark_duration)", found: nil)
        }
        let input: Double
        let output: Double
        func raw(_ metric: String) -> JSONValue? {
            guard let value = json[metric]?["avg"], value != .null else { return nil }
            return value
        }
        if let totalInput = raw("total_isl"), let totalOutput = raw("total_osl") {
            (input, output) = (try meanTokens(totalInput, over: completed, file: file, field: "total_isl.avg"),
                               try meanTokens(totalOutput, over: completed, file: file, field: "total_osl.avg"))
        } else if let meanInput = raw("input_sequence_length"), let meanOutput = raw("output_sequence_length") {
            (input, output) = (try meanTokens(meanInput, over: 1, file: file, field: "input_sequence_length.avg"),
                               try meanTokens(meanOutput, over: 1, file: file, field: "output_sequence_length.avg"))
        } else {
            throw .badRecord(file: file, line: 1, field: "input_sequence_length.avg",
                             expected: "prompt and output lengths (total_isl and total_osl, or input_ and output_sequence_length)",
                             found: nil)
        }
        let load = json["input_config"]?["loadgen"] ?? json["input_config"]
        var rate: Double?
        var concurrency: Int?
        if let value = load?["request_rate"], value != .null {
            rate = try Self.rate(value, file: file, field: "input_config.request_rate")
        } else if let value = load?["concurrency"], value != .null {
            concurrency = try count(value, file: file, field: "input_config.concurrency")
        }
        let run = BenchmarkRun(file: file, model: nil, requestRate: rate, maxConcurrency: concurrency, completed: completed,
                               meanInputTokens: input, meanOutputTokens: output,
                               ttftMs: try milliseconds("time_to_first_token"), tpotMs: try milliseconds("inter_token_latency"),
                               e2eMs: try milliseconds("request_latency"))
        return run
    }

    private static func finite(_ value: JSONValue, file: String, field: String) throws(CostGateError) -> Double {
        guard let number = value.doubleValue, number.isFinite, number >= 0 else {
            throw .badRecord(file: file, line: 1, field: field, expected: "a finite number, at least 0", found: value.kindDescription)
        }
        return number
    }

    // MARK: Bounds
    //
    // A benchmark file's figures become a load the simulator replays (a request each), so each is held to a stated
    // range; beyond it the figure is an input error, never a trap, an allocation of 1e18 requests or an infinite latency.

    /// The most requests (or clients) one run may have: a million, where published runs send thousands.
    static let maxCount = 1_000_000.0
    /// The longest mean prompt or output, in tokens (as `simulate --input-len` allows).
    static let maxTokens = 10_000_000.0
    /// The longest latency, in ms: a day, as for recorded traffic.
    static let maxLatencyMs = 86_400_000.0
    /// The longest span of per-request send times: 366 days.
    static let maxSpanSeconds = 31_622_400.0

    /// A request rate within `SyntheticLoad.rates`.
    static func rate(_ value: JSONValue, file: String, field: String) throws(CostGateError) -> Double {
        guard let number = value.doubleValue, number.isFinite, SyntheticLoad.rates.contains(number) else {
            throw .badRecord(file: file, line: 1, field: field,
                             expected: "a request rate from \(Format.decimal(SyntheticLoad.rates.lowerBound)) to \(Format.count(SyntheticLoad.rates.upperBound)) per second",
                             found: value.kindDescription)
        }
        return number
    }

    /// A whole number of requests or clients, 1 to `maxCount`.
    static func count(_ value: JSONValue, file: String, field: String) throws(CostGateError) -> Int {
        guard let number = value.doubleValue, number.isFinite, number >= 1, number <= maxCount, number == number.rounded() else {
            throw .badRecord(file: file, line: 1, field: field, expected: "a whole number from 1 to \(Format.count(maxCount))",
                             found: value.kindDescription)
        }
        return Int(number)
    }

    /// `total` tokens over `count` requests, a mean of 0 to `maxTokens` tokens.
    static func meanTokens(_ total: JSONValue, over count: Int, file: String, field: String) throws(CostGateError) -> Double {
        guard let number = total.doubleValue, number.isFinite, number >= 0, number / Double(count) <= maxTokens else {
            throw .badRecord(file: file, line: 1, field: field,
                             expected: count == 1 ? "a mean of 0 to \(Format.count(maxTokens)) tokens"
                                 : "a token total of 0 to \(Format.count(maxTokens)) tokens a request over \(Format.count(Double(count))) requests",
                             found: total.kindDescription)
        }
        return number / Double(count)
    }

    /// A latency in ms, 0 to `maxLatencyMs`, from `value` in units of `scale` ms (1000 for seconds).
    static func latency(_ value: JSONValue, scale: Double = 1, unit: String = "ms", file: String, field: String) throws(CostGateError) -> Double {
        guard let number = value.doubleValue, number.isFinite, number >= 0, number * scale <= maxLatencyMs else {
            throw .badRecord(file: file, line: 1, field: field, expected: "a latency from 0 to \(Format.count(maxLatencyMs)) ms (a day)",
                             found: value.kindDescription + (unit == "ms" ? "" : " " + unit))
        }
        return number * scale
    }
}
