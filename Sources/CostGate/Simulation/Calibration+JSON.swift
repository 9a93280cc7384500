extension Calibration {
    /// The format tag of a calibration file.
    static let formatTag = "costgate-calibration/1"

    /// The calibration file's JSON.
    public var json: JSONValue {
        func number(_ value: Double?) -> JSONValue { value.map { JSONValue.number($0) } ?? .null }
        func metrics(_ m: Metrics) -> JSONValue {
            .object([("ttft_ms", number(m.ttft)), ("tpot_ms", number(m.tpot)), ("e2e_ms", number(m.e2e))])
        }
        func errors(_ m: Metrics) -> JSONValue {
            .object([("ttft", number(m.ttft)), ("tpot", number(m.tpot)), ("e2e", number(m.e2e))])
        }
        return .object([
            ("format", .string(Self.formatTag)),
            ("fitted_on", .object([
                ("model", .string(model)), ("gpu", .string(gpu)), ("tensor_parallel", .number(Double(tensorParallel))),
                ("engine", .string(engine.rawValue)), ("engine_version", engineVersion.map(JSONValue.string) ?? .null),
                ("profile", .string(profile)),
            ])),
            ("coefficients", .object([
                ("bandwidth_efficiency", .number(stepTime.bandwidthEfficiency)),
                ("compute_efficiency", .number(stepTime.computeEfficiency)),
                ("fp8_compute_efficiency", .number(stepTime.fp8ComputeEfficiency)),
                ("step_overhead_s", .number(stepTime.stepOverhead)),
                ("per_sequence_overhead_s", .number(stepTime.perSequenceOverhead)),
                ("all_reduce_latency_s", .number(stepTime.allReduceLatency)),
                ("overlaps_host_time", .bool(stepTime.overlapsHostTime)),
                ("front_end_base_s", .number(frontEnd.base)),
                ("front_end_per_prompt_token_s", .number(frontEnd.perPromptToken)),
            ])),
            ("fit_error", .object([("profile", errors(fitError(\.before))), ("calibrated", errors(fitError(\.after)))])),
            ("runs", .array(runs.map { run in
                .object([
                    ("file", .string(run.file)), ("request_rate", number(run.requestRate)),
                    ("max_concurrency", run.maxConcurrency.map { JSONValue.number(Double($0)) } ?? .null),
                    ("completed", .number(Double(run.completed))),
                    ("mean_input_tokens", .number(run.meanInputTokens)), ("mean_output_tokens", .number(run.meanOutputTokens)),
                    ("measured", metrics(run.measured)), ("profile", metrics(run.before)), ("calibrated", metrics(run.after)),
                ])
            })),
        ])
    }

    /// Reads a calibration file strictly (the plan reader's rules: unknown keys and out-of-range numbers are errors).
    public static func parse(_ value: JSONValue, file: String) throws(CostGateError) -> Calibration {
        var root = try PlanObject(value, path: "", file: file)
        guard try root.string("format") == formatTag else {
            throw root.error(at: "format", expected: "\"\(formatTag)\" (a file written by costgate calibrate)",
                             found: value["format"]?.kindDescription)
        }
        guard var on = try root.object("fitted_on"), var c = try root.object("coefficients") else {
            throw root.error(at: nil, expected: "fitted_on and coefficients objects", found: nil)
        }
        func required<T>(_ object: PlanObject, _ key: String, _ value: T?) throws(CostGateError) -> T {
            guard let value else { throw object.error(at: key, expected: "a value", found: nil) }
            return value
        }
        let model = try required(on, "model", try on.string("model"))
        let gpu = try required(on, "gpu", try on.string("gpu"))
        let tp = try required(on, "tensor_parallel", try on.int("tensor_parallel", in: 1...1024))
        let engine = try required(on, "engine", try on.choice("engine", kind: "serving engine", as: EngineProfile.Engine.self))
        let version = try on.string("engine_version")
        let profile = try required(on, "profile", try on.string("profile"))
        try on.rejectUnknownKeys()
        func coefficient(_ key: String, _ range: ClosedRange<Double>) throws(CostGateError) -> Double {
            try required(c, key, try c.number(key, in: range))
        }
        let step = StepTimeModel.Coefficients(
            bandwidthEfficiency: try coefficient("bandwidth_efficiency", 0.01...2),
            computeEfficiency: try coefficient("compute_efficiency", 0.01...2),
            fp8ComputeEfficiency: try coefficient("fp8_compute_efficiency", 0.01...2),
            stepOverhead: try coefficient("step_overhead_s", 0...1),
            perSequenceOverhead: try coefficient("per_sequence_overhead_s", 0...1),
            allReduceLatency: try coefficient("all_reduce_latency_s", 0...1),
            // Files written before the key existed were fitted with host and GPU time added.
            overlapsHostTime: try c.bool("overlaps_host_time") ?? false)
        let frontEnd = EngineProfile.FrontEnd(base: try coefficient("front_end_base_s", 0...60),
                                              perPromptToken: try coefficient("front_end_per_prompt_token_s", 0...1))
        try c.rejectUnknownKeys()
        // The fit error and the runs are a record for people; they are read back as written, not re-checked.
        _ = root.value("fit_error")
        var runs: [Run] = []
        for case let item in root.value("runs")?.arrayValue ?? [] {
            func metric(_ object: JSONValue?, _ key: String) -> Double? { object?[key]?.doubleValue }
            func metrics(_ key: String) -> Metrics {
                Metrics(ttft: metric(item[key], "ttft_ms"), tpot: metric(item[key], "tpot_ms"), e2e: metric(item[key], "e2e_ms"))
            }
            runs.append(Run(file: item["file"]?.stringValue ?? "", requestRate: item["request_rate"]?.doubleValue,
                            maxConcurrency: item["max_concurrency"]?.doubleValue.map { Int($0) },
                            completed: Int(item["completed"]?.doubleValue ?? 0),
                            meanInputTokens: item["mean_input_tokens"]?.doubleValue ?? 0,
                            meanOutputTokens: item["mean_output_tokens"]?.doubleValue ?? 0,
                            measured: metrics("measured"), before: metrics("profile"), after: metrics("calibrated")))
        }
        try root.rejectUnknownKeys()
        return Calibration(model: model, gpu: gpu, tensorParallel: tp, engine: engine, engineVersion: version,
                           profile: profile, stepTime: step, frontEnd: frontEnd, runs: runs)
    }
}
