import Foundation

/// `costgate simulate`: Simulate a self-hosted deployment under synthetic load.
enum SimulateCommand: Command {
    static let name = "simulate"
    static let summary = "Simulate a self-hosted deployment under synthetic load"
    static let help = """
    Usage: costgate simulate --model HF_ID (--gpu GPU | --instance ID) (--rate R | --concurrency C) [options]

    Simulate a self-hosted deployment under synthetic load, the way serving benchmarks are run:
    Poisson arrivals at --rate, or --concurrency clients in a closed loop.

    Deployment:
      --model HF_ID              model id from the catalog (meta-llama/Llama-3.1-8B-Instruct)
      --gpu ID                   H100, H200, A100-80GB, A100-40GB, L40S, L4, A10G, B200
      --instance ID              price (and GPU) from a catalog instance, such as aws/p5.48xlarge
      --spot-share S             share of hours on spot capacity, 0..1 (with --instance)
      --tp N                     tensor-parallel degree (default 1)
      --dtype bf16|fp8           weight precision (default: the model's)
      --kv-cache-dtype auto|fp8  KV-cache precision (default auto)
      --max-num-seqs N           vLLM max_num_seqs (default 256)
      --max-batched-tokens N     vLLM max_num_batched_tokens (default 8192)
      --prefix-caching           enable prefix caching (off unless given)
      --gpu-memory-utilization F vLLM gpu_memory_utilization (default 0.9)
      --num-scheduler-steps K    vLLM v0 multi-step scheduling (default 1: v1 chunked prefill)
      --replicas N               replicas behind a least-outstanding-requests router (default 1)
      --price-per-gpu-hour USD   price (default: cheapest catalog instance of the GPU)

    Load:
      --rate R                   Poisson arrivals, requests/s
      --concurrency C            closed loop with C clients (instead of --rate)
      --requests N               number of requests (default 1000)
      --input-len N --output-len N   fixed lengths
      --lengths sharegpt         sample lengths from a built-in ShareGPT table (default)
      --seed S                   random seed (default 1)
      --format text|json         output format (default text)

    """

    static func run(_ arguments: [String], context: CommandContext) throws -> ExitCode {
        let flags = try SimFlagReader(arguments, command: name, flags: [
            "model", "gpu", "instance", "spot-share", "gpu-memory-utilization", "num-scheduler-steps", "tp", "dtype", "kv-cache-dtype", "max-num-seqs", "max-batched-tokens", "replicas",
            "price-per-gpu-hour", "rate", "concurrency", "requests", "input-len", "output-len", "lengths", "seed", "format",
        ], switches: ["prefix-caching"])
        guard let modelID = flags.string("model") else { throw CostGateError.usage("simulate: --model is required") }
        var members: [(key: String, value: JSONValue)] = [("model", .string(modelID))]
        if let gpuID = flags.string("gpu") { members.append(("gpu", .string(gpuID))) }
        if let instance = flags.string("instance") { members.append(("instance", .string(instance))) }
        guard flags.string("gpu") != nil || flags.string("instance") != nil else {
            throw CostGateError.usage("simulate: --gpu (or --instance) is required")
        }
        if let share = try flags.double("spot-share") { members.append(("spot_share", .number(share))) }
        if let tp = try flags.int("tp", min: 1, max: 64) { members.append(("tensor_parallel", .number(Double(tp)))) }
        if let dtype = flags.string("dtype") { members.append(("dtype", .string(dtype))) }
        var engine: [(key: String, value: JSONValue)] = [("prefix_caching", .bool(flags.switches.contains("prefix-caching")))]
        if let seqs = try flags.int("max-num-seqs", min: 1) { engine.append(("max_num_seqs", .number(Double(seqs)))) }
        if let batched = try flags.int("max-batched-tokens", min: 16) {
            engine.append(("max_num_batched_tokens", .number(Double(batched))))
        }
        if let kv = flags.string("kv-cache-dtype") { engine.append(("kv_cache_dtype", .string(kv))) }
        if let util = try flags.double("gpu-memory-utilization") { engine.append(("gpu_memory_utilization", .number(util))) }
        if let steps = try flags.int("num-scheduler-steps", min: 1, max: 64) {
            engine.append(("num_scheduler_steps", .number(Double(steps))))
        }
        members.append(("engine", .object(engine)))
        if let replicas = try flags.int("replicas", min: 1, max: 10_000) { members.append(("replicas", .number(Double(replicas)))) }
        if let price = try flags.double("price-per-gpu-hour") { members.append(("price_per_gpu_hour", .number(price))) }
        let deployment = try Deployment.parse(.object(members), name: "cli", file: "command line")

        let rate = try flags.double("rate")
        let concurrency = try flags.int("concurrency", min: 1, max: 1_000_000)
        if (rate == nil) == (concurrency == nil) {
            throw CostGateError.usage("simulate: give exactly one of --rate R or --concurrency C")
        }
        if let rate, rate <= 0 { throw CostGateError.usage("simulate: --rate must be positive") }
        let count = try flags.int("requests", min: 1, max: 100_000_000) ?? 1000
        let lengths: SyntheticLoad.Lengths
        let inputLen = try flags.int("input-len", min: 1, max: 10_000_000)
        let outputLen = try flags.int("output-len", min: 1, max: 10_000_000)
        if let inputLen, let outputLen {
            if flags.string("lengths") != nil { throw CostGateError.usage("simulate: --lengths conflicts with --input-len/--output-len") }
            lengths = .fixed(input: inputLen, output: outputLen)
        } else if inputLen != nil || outputLen != nil {
            throw CostGateError.usage("simulate: give both --input-len and --output-len")
        } else {
            let source = flags.string("lengths") ?? "sharegpt"
            guard source == "sharegpt" else {
                throw CostGateError.unknown("length source", source, in: "costgate simulate --lengths", known: ["sharegpt"])
            }
            lengths = .shareGPT(inputScale: 1, outputScale: 1)
        }
        let seed = UInt64(try flags.int("seed", min: 0) ?? 1)
        let format = flags.string("format") ?? "text"
        guard ["text", "json"].contains(format) else {
            throw CostGateError.unknown("format", format, in: "costgate simulate --format", known: ["text", "json"])
        }

        let requests = SyntheticLoad.requests(count: count, rate: rate, lengths: lengths, seed: seed)
        if context.showsProgress { context.stderr("costgate: simulating…") }
        let result = ServingSimulator.run(requests, deployment: deployment,
                                          options: ServingSimulator.Options(concurrency: concurrency))
        if context.showsProgress { context.stderr("\r\u{1B}[K") }
        let ttft = LatencySummary(result.ttftMs)
        let tpot = LatencySummary(result.tpotMs)
        let e2e = LatencySummary(result.e2eMs)
        let completed = e2e.count
        let requestRate = result.span > 0 ? Double(completed) / result.span : 0
        if format == "json" {
            let json: JSONValue = .object([
                ("deployment", .object([
                    ("model", .string(deployment.model.id)), ("gpu", .string(deployment.gpu.id)),
                    ("tensor_parallel", .number(Double(deployment.tensorParallel))),
                    ("kv_cache_tokens", .number(Double(deployment.kvCapacityTokens))),
                ])),
                ("load", .object([
                    ("requests", .number(Double(count))),
                    ("rate", rate.map { .number($0) } ?? .null),
                    ("concurrency", concurrency.map { .number(Double($0)) } ?? .null),
                ])),
                ("completed", .number(Double(completed))),
                ("rejected", .number(Double(result.rejected))),
                ("preemptions", .number(Double(result.preemptions))),
                ("duration_s", .number(result.span)),
                ("request_throughput", .number(requestRate)),
                ("output_token_throughput", .number(result.outputThroughput)),
                ("ttft_ms", ttft.json), ("tpot_ms", tpot.json), ("e2e_ms", e2e.json),
                ("utilization", .number(result.fleet.utilization)),
                ("mean_batch_size", .number(result.fleet.meanBatchSize)),
                ("gpu_hours", .number(result.fleet.gpuHours)),
                ("cost_usd", .number(result.fleet.cost)),
            ])
            context.stdout(JSONWriter.write(json))
        } else {
            var text = "\(deployment.model.id) on \(deployment.tensorParallel)× \(deployment.gpu.id)"
            text += " (KV cache \(Money.formatCount(Double(deployment.kvCapacityTokens))) tokens per replica)\n"
            text += "load: \(count) requests, " + (rate.map { "Poisson \(fmt($0)) req/s" } ?? "\(concurrency!) concurrent clients") + "\n"
            text += "completed \(completed), rejected \(result.rejected), preemptions \(result.preemptions)\n"
            text += "duration \(fmt(result.span)) s, throughput \(fmt(requestRate)) req/s, \(fmt(result.outputThroughput)) output tok/s\n"
            text += "            mean       p50       p90       p95       p99\n"
            for (label, summary) in [("TTFT ms", ttft), ("TPOT ms", tpot), ("E2E ms", e2e)] {
                text += label.padding(toLength: 8, withPad: " ", startingAt: 0)
                for value in [summary.mean, summary.p50, summary.p90, summary.p95, summary.p99] {
                    let cell = fmt(value)
                    text += String(repeating: " ", count: max(1, 10 - cell.count)) + cell
                }
                text += "\n"
            }
            text += "utilization \(fmt(result.fleet.utilization * 100))% (mean batch \(fmt(result.fleet.meanBatchSize))), "
            text += "\(fmt(result.fleet.gpuHours)) GPU-hours, "
            text += Money.format(result.fleet.cost) + " at \(Money.formatUnit(deployment.pricePerGPUHour))/GPU-hour (\(deployment.priceSource))\n"
            context.stdout(text)
        }
        return .success
    }

    private static func fmt(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        return String(format: abs(value) >= 100 ? "%.0f" : "%.2f", value)
    }
}
