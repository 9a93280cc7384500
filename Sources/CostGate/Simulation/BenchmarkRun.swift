import Foundation

/// One `vllm bench serve --save-result` file: the load it ran and the latencies it measured.
///
/// Summary-only files (no per-request arrays) are enough: the load is rebuilt from `request_rate`,
/// `burstiness`, `max_concurrency`, `completed` and the token totals, with every request at the mean lengths.
/// When the file carries `input_lens` / `output_lens` (and `start_times`), the run is replayed request by request.
public struct BenchmarkRun: Sendable, Equatable {
    /// The file, as given.
    public var file: String
    /// `model_id`, when present.
    public var model: String?
    /// Poisson rate in requests/s; nil for `inf` (every request sent at once, or as clients free up).
    public var requestRate: Double?
    /// `max_concurrency`, when set.
    public var maxConcurrency: Int?
    /// `completed`.
    public var completed: Int
    /// Mean prompt and output tokens per request (from the totals).
    public var meanInputTokens: Double
    /// Mean output tokens per request.
    public var meanOutputTokens: Double
    /// Per-request prompt lengths, when the file has them.
    public var inputLengths: [Int]?
    /// Per-request output lengths, when the file has them.
    public var outputLengths: [Int]?
    /// Per-request send times in seconds from the first, when the file has them.
    public var startTimes: [Double]?
    /// Measured mean TTFT, TPOT and E2E latency in milliseconds (`mean_ttft_ms`, `mean_tpot_ms`, `mean_e2el_ms`).
    public var ttftMs: Double?
    /// Measured mean TPOT, ms.
    public var tpotMs: Double?
    /// Measured mean E2E latency, ms.
    public var e2eMs: Double?

    /// Reads a `--save-result` file.
    /// - Throws: `CostGateError.badRecord` naming the field when a required one is missing or not a number.
    public static func parse(_ json: JSONValue, file: String) throws(CostGateError) -> BenchmarkRun {
        guard json.objectMembers != nil else {
            throw .badRecord(file: file, line: 1, field: nil, expected: "a vllm bench serve --save-result object",
                             found: json.kindDescription)
        }
        func present(_ key: String) -> JSONValue? {
            guard let value = json[key], value != .null else { return nil }
            return value
        }
        func required(_ key: String) throws(CostGateError) -> JSONValue {
            guard let value = present(key) else {
                throw .badRecord(file: file, line: 1, field: key, expected: "a number (vllm bench serve --save-result)", found: nil)
            }
            return value
        }
        func latency(_ key: String) throws(CostGateError) -> Double? {
            try present(key).map { (value: JSONValue) throws(CostGateError) -> Double in try Self.latency(value, file: file, field: key) }
        }
        // Per-request arrays list every request sent; they are used only when they match the completed count, and
        // then every entry must be a length (or a send time) within bounds.
        func lengths(_ key: String, count: Int) throws(CostGateError) -> [Int]? {
            guard let array = json[key]?.arrayValue, array.count == count else { return nil }
            var values: [Int] = []
            values.reserveCapacity(count)
            for (index, value) in array.enumerated() {
                guard let number = value.doubleValue, number.isFinite, number == number.rounded(), (0...Self.maxTokens).contains(number) else {
                    throw .badRecord(file: file, line: 1, field: "\(key)[\(index)]",
                                     expected: "a whole number of tokens from 0 to \(Format.count(Self.maxTokens))", found: value.kindDescription)
                }
                values.append(Int(number))
            }
            return values
        }
        let completed = try Self.count(try required("completed"), file: file, field: "completed")
        var rate: Double?
        if let value = present("request_rate") {
            // vllm writes `inf` (a string) when it sent every request at once.
            if let text = value.stringValue, text == "inf" || text == "Infinity" { rate = nil } else {
                rate = try Self.rate(value, file: file, field: "request_rate")
            }
        }
        let concurrency = try present("max_concurrency").map { (value: JSONValue) throws(CostGateError) -> Int in
            try Self.count(value, file: file, field: "max_concurrency")
        }
        var run = BenchmarkRun(
            file: file, model: json["model_id"]?.stringValue, requestRate: rate, maxConcurrency: concurrency, completed: completed,
            meanInputTokens: try Self.meanTokens(try required("total_input_tokens"), over: completed, file: file, field: "total_input_tokens"),
            meanOutputTokens: try Self.meanTokens(try required("total_output_tokens"), over: completed, file: file, field: "total_output_tokens"),
            ttftMs: try latency("mean_ttft_ms"), tpotMs: try latency("mean_tpot_ms"), e2eMs: try latency("mean_e2el_ms"))
        if let inputs = try lengths("input_lens", count: completed), let outputs = try lengths("output_lens", count: completed) {
            run.inputLengths = inputs
            run.outputLengths = outputs
            if let array = json["start_times"]?.arrayValue, array.count == completed {
                var starts: [Double] = []
                starts.reserveCapacity(completed)
                for (index, value) in array.enumerated() {
                    guard let number = value.doubleValue, number.isFinite else {
                        throw .badRecord(file: file, line: 1, field: "start_times[\(index)]", expected: "a send time in seconds", found: value.kindDescription)
                    }
                    starts.append(number)
                }
                let first = starts.min() ?? 0
                if let last = starts.max(), !(last - first <= Self.maxSpanSeconds) {
                    throw .badRecord(file: file, line: 1, field: "start_times",
                                     expected: "send times within \(Format.count(Self.maxSpanSeconds)) s (366 days) of each other",
                                     found: "a span of \(Format.decimal(last - first)) s")
                }
                run.startTimes = starts.map { $0 - first }
            }
        }
        guard run.ttftMs != nil || run.tpotMs != nil || run.e2eMs != nil else {
            throw .badRecord(file: file, line: 1, field: "mean_ttft_ms", expected: "measured latencies (mean_ttft_ms, mean_tpot_ms or mean_e2el_ms)",
                             found: nil)
        }
        return run
    }

    /// The requests of this run, for the simulator: replayed when the file has per-request lengths, else Poisson
    /// (or all at once) at the mean lengths.
    public func requests(seed: UInt64 = 42) -> [SimRequest] {
        if let inputs = inputLengths, let outputs = outputLengths {
            let poisson = SyntheticLoad.requests(count: completed, rate: requestRate, lengths: .fixed(input: 1, output: 1),
                                                 seed: seed)
            return (0..<completed).map { k in
                SimRequest(arrival: startTimes?[k] ?? poisson[k].arrival, inputTokens: max(1, inputs[k]),
                           outputTokens: max(1, outputs[k]))
            }
        }
        return SyntheticLoad.requests(count: completed, rate: requestRate,
                                      lengths: .fixed(input: max(1, Int(meanInputTokens.rounded())),
                                                      output: max(1, Int(meanOutputTokens.rounded()))), seed: seed)
    }

    /// Closed-loop clients when the run capped concurrency and sent as fast as it could.
    public var closedLoopConcurrency: Int? { requestRate == nil ? maxConcurrency : nil }
}
