/// `costgate simulate`: Simulate a self-hosted deployment under synthetic load.
enum SimulateCommand: Command {
    static let name = "simulate"
    static let summary = "Simulate a self-hosted deployment under synthetic load"

    private static let deploymentSection = "Deployment"
    private static let loadSection = "Load"

    static let options = OptionTable(command: name, options: [
        .value("model", "HF_ID", section: deploymentSection, help: "model id from the catalog (meta-llama/Llama-3.1-8B-Instruct)"),
        .value("gpu", "ID", section: deploymentSection, help: "H100, H200, A100-80GB, A100-40GB, L40S, L4, A10G, B200"),
        .value("instance", "ID", section: deploymentSection, help: "price (and GPU) from a catalog instance, such as aws/p5.48xlarge"),
        .value("spot-share", "S", section: deploymentSection, help: "share of hours on spot capacity, 0..1 (with --instance)"),
        .value("tp", "N", section: deploymentSection, help: "tensor-parallel degree (default 1)"),
        .value("dtype", "bf16|fp8", section: deploymentSection, help: "weight precision (default: the model's)"),
        .value("kv-cache-dtype", "auto|fp8", section: deploymentSection, help: "KV-cache precision (default auto)"),
        .value("max-num-seqs", "N", section: deploymentSection, help: "vLLM max_num_seqs (default 256)"),
        .value("max-batched-tokens", "N", section: deploymentSection, help: "vLLM max_num_batched_tokens (default 8192)"),
        .flag("prefix-caching", section: deploymentSection, help: "enable prefix caching (off unless given)"),
        .value("gpu-memory-utilization", "F", section: deploymentSection, help: "vLLM gpu_memory_utilization (default 0.9)"),
        .value("num-scheduler-steps", "K", section: deploymentSection, help: "vLLM v0 multi-step scheduling (default 1: v1 chunked prefill)"),
        .value("replicas", "N", section: deploymentSection, help: "replicas behind a least-outstanding-requests router (default 1)"),
        .value("price-per-gpu-hour", "USD", section: deploymentSection, help: "price (default: cheapest catalog instance of the GPU)"),
        .value("rate", "R", section: loadSection, help: "Poisson arrivals, requests/s"),
        .value("concurrency", "C", section: loadSection, help: "closed loop with C clients (instead of --rate)"),
        .value("requests", "N", section: loadSection, help: "number of requests (default 1000)"),
        .value("input-len", "N", section: loadSection, help: "fixed input length (with --output-len)"),
        .value("output-len", "N", section: loadSection, help: "fixed output length (with --input-len)"),
        .value("lengths", "sharegpt", allowed: ["sharegpt"], valueKind: "length source", section: loadSection,
               help: "sample lengths from a built-in ShareGPT table (default)"),
        .value("seed", "S", section: loadSection, help: "random seed (default 1)"),
        .format(Renderers.simulation, placeholder: nil, section: loadSection, help: "output format (default text)"),
    ], helpColumn: 29)

    static let help = options.help("""
    Usage: costgate simulate --model HF_ID (--gpu GPU | --instance ID) (--rate R | --concurrency C) [options]

    Simulate a self-hosted deployment under synthetic load, the way serving benchmarks are run:
    Poisson arrivals at --rate, or --concurrency clients in a closed loop.

    """)

    static func run(_ arguments: [String], context: CommandContext) throws -> ExitCode {
        let flags = try options.parse(arguments)
        let renderer = try flags.renderer(in: Renderers.simulation)
        // A number checked by the deployment's parser keeps the text it was given, so its message quotes `1e308`,
        // not the 309 digits of the double.
        func forwarded(_ name: String, _ value: Double) -> JSONValue { .number(value, text: flags.value(name) ?? Format.decimal(value)) }
        guard let modelID = flags.value("model") else { throw CostGateError.usage("--model is required") }
        var members: [(key: String, value: JSONValue)] = [("model", .string(modelID))]
        if let gpuID = flags.value("gpu") { members.append(("gpu", .string(gpuID))) }
        if let instance = flags.value("instance") { members.append(("instance", .string(instance))) }
        guard flags.value("gpu") != nil || flags.value("instance") != nil else {
            throw CostGateError.usage("--gpu (or --instance) is required")
        }
        if let share = try flags.double("spot-share") { members.append(("spot_share", forwarded("spot-share", share))) }
        if let tp = try flags.int("tp", in: 1...64) { members.append(("tensor_parallel", .number(Double(tp)))) }
        if let dtype = flags.value("dtype") { members.append(("dtype", .string(dtype))) }
        var engine: [(key: String, value: JSONValue)] = [("prefix_caching", .bool(flags.flag("prefix-caching")))]
        if let seqs = try flags.int("max-num-seqs", in: 1...Int.max) { engine.append(("max_num_seqs", .number(Double(seqs)))) }
        if let batched = try flags.int("max-batched-tokens", in: 16...Int.max) {
            engine.append(("max_num_batched_tokens", .number(Double(batched))))
        }
        if let kv = flags.value("kv-cache-dtype") { engine.append(("kv_cache_dtype", .string(kv))) }
        if let util = try flags.double("gpu-memory-utilization") { engine.append(("gpu_memory_utilization", forwarded("gpu-memory-utilization", util))) }
        if let steps = try flags.int("num-scheduler-steps", in: 1...64) {
            engine.append(("num_scheduler_steps", .number(Double(steps))))
        }
        members.append(("engine", .object(engine)))
        if let replicas = try flags.int("replicas", in: 1...10_000) { members.append(("replicas", .number(Double(replicas)))) }
        if let price = try flags.double("price-per-gpu-hour") { members.append(("price_per_gpu_hour", forwarded("price-per-gpu-hour", price))) }
        let deployment = try Deployment.parse(.object(members), name: "cli", file: "command line")

        let rate = try flags.double("rate", in: SyntheticLoad.rates)
        let concurrency = try flags.int("concurrency", in: 1...1_000_000)
        if (rate == nil) == (concurrency == nil) {
            throw CostGateError.usage("give exactly one of --rate R or --concurrency C")
        }
        let count = try flags.int("requests", in: 1...100_000_000) ?? 1000
        let lengths: SyntheticLoad.Lengths
        let inputLen = try flags.int("input-len", in: 1...10_000_000)
        let outputLen = try flags.int("output-len", in: 1...10_000_000)
        if let inputLen, let outputLen {
            if flags.value("lengths") != nil { throw CostGateError.usage("--lengths conflicts with --input-len/--output-len") }
            lengths = .fixed(input: inputLen, output: outputLen)
        } else if inputLen != nil || outputLen != nil {
            throw CostGateError.usage("give both --input-len and --output-len")
        } else {
            // "sharegpt" is the only length source; the option layer has already rejected anything else.
            lengths = .shareGPT(inputScale: 1, outputScale: 1)
        }
        let seed = UInt64(try flags.int("seed", in: 0...Int.max) ?? 1)

        let requests = SyntheticLoad.requests(count: count, rate: rate, lengths: lengths, seed: seed)
        context.progress?("costgate: simulating…")
        let result = ServingSimulator.run(requests, deployment: deployment,
                                          options: ServingSimulator.Options(concurrency: concurrency))
        context.progress?("")
        let listing = SimulationListing(deployment: deployment, requests: count, rate: rate, concurrency: concurrency, result: result)
        context.stdout(renderer.document(listing))
        return .success
    }
}
