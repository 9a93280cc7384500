import CostGate

/// A published serving measurement the simulator is checked against.
struct ValidationPoint: Sendable, CustomStringConvertible {
    enum Role: String, Sendable { case fit = "fit", heldOut = "held-out" }
    enum Load: Sendable { case poisson(rate: Double), closed(concurrency: Int) }
    enum Lengths: Sendable { case fixed(input: Int, output: Int), shareGPTBench }
    enum Statistic: String, Sendable { case mean, median }

    var id: String
    var role: Role
    /// Which coefficient a fit point pins down (empty for held-out points).
    var fits: String
    var model: String
    var gpu: String
    var tp: Int
    var dtype: String = "bf16"
    var kvCacheDtype: String = "auto"
    var maxNumSeqs: Int = 256
    var maxBatchedTokens: Int = 8192
    var schedulerSteps: Int = 1
    var load: Load
    var lengths: Lengths
    var requests: Int
    var statistic: Statistic
    var ttftMs: Double?
    var tpotMs: Double?
    var e2eMs: Double?
    var source: String

    var description: String { id }

    /// ShareGPT as vLLM's and SGLang's bench_serving sample it. Prompts: the built-in table rescaled to a
    /// 220-token mean (an assumption: bench_serving runs typically report 215–235 input tokens per request).
    /// Outputs: exponential with the 194-token mean implied by the same README's offline rows (vLLM 8B A100:
    /// 4132.37 tok/s ÷ 21.27 req/s = 194.3; 70B H100: 3700.64 ÷ 19.04 = 194.4); the exponential shape is an
    /// assumption. Lengths are clamped to 4 … 2048 − prompt, as bench_serving filters.
    static let shareGPTInputScale = 220.0 / 384.0
    static let shareGPTOutputMean = 194.0
}

enum ValidationPoints {
    static let buildkite = "vllm_buildkite_perf_ci_latency_throughput.csv"
    static let sglang = "sglang_vs_vllm060_benchmark_readme.csv (vLLM v0.6.0 rows)"
    static let mlperf = "mlperf_inference_llm_results.csv (v5.1 Server, vLLM 0.10.0)"
    static let nim = "nvidia_nim_llm_benchmarking_perf_tables.csv (NIM 1.8.0, labeled rows)"

    static let all: [ValidationPoint] = [
        // Fit points: decode-bound batch-8 latency pins bandwidth efficiency and step overhead.
        ValidationPoint(id: "bk-8b-h100-b8", role: .fit, fits: "bandwidthEfficiency, stepOverhead",
                        model: "meta-llama/Llama-3.1-8B-Instruct", gpu: "H100", tp: 1, load: .closed(concurrency: 8),
                        lengths: .fixed(input: 32, output: 128), requests: 8, statistic: .mean, e2eMs: 997.542,
                        source: buildkite + " (8xH100 node)"),
        ValidationPoint(id: "bk-8b-a100-b8", role: .fit, fits: "bandwidthEfficiency, stepOverhead",
                        model: "meta-llama/Llama-3.1-8B-Instruct", gpu: "A100-80GB", tp: 1, load: .closed(concurrency: 8),
                        lengths: .fixed(input: 32, output: 128), requests: 8, statistic: .mean, e2eMs: 1585.43,
                        source: buildkite + " (A100-SXM4-80GB)"),
        ValidationPoint(id: "bk-8b-h200-b8", role: .fit, fits: "bandwidthEfficiency, stepOverhead",
                        model: "meta-llama/Llama-3.1-8B-Instruct", gpu: "H200", tp: 1, load: .closed(concurrency: 8),
                        lengths: .fixed(input: 32, output: 128), requests: 8, statistic: .mean, e2eMs: 833.421,
                        source: buildkite + " (H200)"),
        ValidationPoint(id: "bk-70b-h100-tp4-b8", role: .fit, fits: "allReduceLatency",
                        model: "meta-llama/Meta-Llama-3-70B-Instruct", gpu: "H100", tp: 4, load: .closed(concurrency: 8),
                        lengths: .fixed(input: 32, output: 128), requests: 8, statistic: .mean, e2eMs: 2444.47,
                        source: buildkite + " (8xH100 node)"),
        ValidationPoint(id: "nim-70b-fp8-h100-tp2-c1-5000", role: .fit, fits: "fp8ComputeEfficiency (TTFT only)",
                        model: "meta-llama/Llama-3.3-70B-Instruct", gpu: "H100", tp: 2, dtype: "fp8", kvCacheDtype: "fp8",
                        load: .closed(concurrency: 1), lengths: .fixed(input: 5000, output: 500), requests: 3,
                        statistic: .mean, ttftMs: 406.77, source: nim),

        // Held-out points.
        ValidationPoint(id: "bk-70b-h200-tp4-b8", role: .heldOut, fits: "",
                        model: "meta-llama/Meta-Llama-3-70B-Instruct", gpu: "H200", tp: 4, load: .closed(concurrency: 8),
                        lengths: .fixed(input: 32, output: 128), requests: 8, statistic: .mean, e2eMs: 2077.53,
                        source: buildkite + " (H200)"),
        ValidationPoint(id: "bk-mixtral-h100-tp2-b8", role: .heldOut, fits: "",
                        model: "mistralai/Mixtral-8x7B-Instruct-v0.1", gpu: "H100", tp: 2, load: .closed(concurrency: 8),
                        lengths: .fixed(input: 32, output: 128), requests: 8, statistic: .mean, e2eMs: 2326.97,
                        source: buildkite + " (8xH100 node)"),
        ValidationPoint(id: "bk-mixtral-h200-tp2-b8", role: .heldOut, fits: "",
                        model: "mistralai/Mixtral-8x7B-Instruct-v0.1", gpu: "H200", tp: 2, load: .closed(concurrency: 8),
                        lengths: .fixed(input: 32, output: 128), requests: 8, statistic: .mean, e2eMs: 1917.44,
                        source: buildkite + " (H200)"),
        ValidationPoint(id: "nim-70b-fp8-h100-tp2-c1-5000-itl", role: .heldOut, fits: "",
                        model: "meta-llama/Llama-3.3-70B-Instruct", gpu: "H100", tp: 2, dtype: "fp8", kvCacheDtype: "fp8",
                        load: .closed(concurrency: 1), lengths: .fixed(input: 5000, output: 500), requests: 3,
                        statistic: .mean, tpotMs: 18.58, source: nim + "; ITL taken as TPOT"),
        ValidationPoint(id: "nim-70b-fp8-h100-tp2-c5", role: .heldOut, fits: "",
                        model: "meta-llama/Llama-3.3-70B-Instruct", gpu: "H100", tp: 2, dtype: "fp8", kvCacheDtype: "fp8",
                        load: .closed(concurrency: 5), lengths: .fixed(input: 5000, output: 500), requests: 100,
                        statistic: .mean, ttftMs: 546.7, tpotMs: 21.83, source: nim + "; ITL taken as TPOT"),
        ValidationPoint(id: "nim-70b-fp8-h100-tp2-c25", role: .heldOut, fits: "",
                        model: "meta-llama/Llama-3.3-70B-Instruct", gpu: "H100", tp: 2, dtype: "fp8", kvCacheDtype: "fp8",
                        load: .closed(concurrency: 25), lengths: .fixed(input: 5000, output: 500), requests: 300,
                        statistic: .mean, ttftMs: 688.69, tpotMs: 38.75, source: nim + "; ITL taken as TPOT"),
        ValidationPoint(id: "nim-70b-fp8-h100-tp2-c50", role: .heldOut, fits: "",
                        model: "meta-llama/Llama-3.3-70B-Instruct", gpu: "H100", tp: 2, dtype: "fp8", kvCacheDtype: "fp8",
                        load: .closed(concurrency: 50), lengths: .fixed(input: 5000, output: 500), requests: 600,
                        statistic: .mean, ttftMs: 834.51, tpotMs: 59.73, source: nim + "; ITL taken as TPOT"),
        ValidationPoint(id: "nim-70b-fp8-h100-tp2-c100", role: .heldOut, fits: "",
                        model: "meta-llama/Llama-3.3-70B-Instruct", gpu: "H100", tp: 2, dtype: "fp8", kvCacheDtype: "fp8",
                        load: .closed(concurrency: 100), lengths: .fixed(input: 5000, output: 500), requests: 1000,
                        statistic: .mean, ttftMs: 7996.25, tpotMs: 92.91, source: nim + "; ITL taken as TPOT"),
        ValidationPoint(id: "nim-70b-fp8-h100-tp2-c1-500in", role: .heldOut, fits: "",
                        model: "meta-llama/Llama-3.3-70B-Instruct", gpu: "H100", tp: 2, dtype: "fp8", kvCacheDtype: "fp8",
                        load: .closed(concurrency: 1), lengths: .fixed(input: 500, output: 2000), requests: 2,
                        statistic: .mean, ttftMs: 47.77, tpotMs: 18.91, source: nim + "; ITL taken as TPOT"),
        ValidationPoint(id: "sglang-vllm060-8b-a100-rps4", role: .heldOut, fits: "",
                        model: "meta-llama/Llama-3.1-8B-Instruct", gpu: "A100-80GB", tp: 1, maxBatchedTokens: 4096, schedulerSteps: 10, load: .poisson(rate: 4),
                        lengths: .shareGPTBench, requests: 1200, statistic: .median,
                        ttftMs: 100.48, tpotMs: 14.14, e2eMs: 1691.97, source: sglang),
        ValidationPoint(id: "sglang-vllm060-8b-a100-rps8", role: .heldOut, fits: "",
                        model: "meta-llama/Llama-3.1-8B-Instruct", gpu: "A100-80GB", tp: 1, maxBatchedTokens: 4096, schedulerSteps: 10, load: .poisson(rate: 8),
                        lengths: .shareGPTBench, requests: 2400, statistic: .median,
                        ttftMs: 120.39, tpotMs: 17.09, e2eMs: 2137.16, source: sglang),
        ValidationPoint(id: "sglang-vllm060-70b-h100-tp4-rps4", role: .heldOut, fits: "",
                        model: "meta-llama/Llama-3.1-70B-Instruct", gpu: "H100", tp: 4, maxBatchedTokens: 4096, schedulerSteps: 10, load: .poisson(rate: 4),
                        lengths: .shareGPTBench, requests: 1200, statistic: .median,
                        ttftMs: 179.15, tpotMs: 23.58, e2eMs: 2915.6, source: sglang),
        ValidationPoint(id: "sglang-vllm060-70b-h100-tp4-rps8", role: .heldOut, fits: "",
                        model: "meta-llama/Llama-3.1-70B-Instruct", gpu: "H100", tp: 4, maxBatchedTokens: 4096, schedulerSteps: 10, load: .poisson(rate: 8),
                        lengths: .shareGPTBench, requests: 2400, statistic: .median,
                        ttftMs: 207.12, tpotMs: 29.15, e2eMs: 3752.38, source: sglang),
        ValidationPoint(id: "mlperf51-8b-l40s-qps9.3", role: .heldOut, fits: "",
                        model: "meta-llama/Llama-3.1-8B-Instruct", gpu: "L40S", tp: 1, load: .poisson(rate: 9.3),
                        lengths: .fixed(input: 778, output: 129), requests: 3000, statistic: .mean,
                        ttftMs: 123.749, tpotMs: 48.338, e2eMs: 6311.047,
                        source: mlperf + " RedHat IBM_Cloud gx3 L40S; input 778 = CNN-DM mean (assumed)"),
        ValidationPoint(id: "mlperf51-8b-h100-qps39.5", role: .fit, fits: "computeEfficiency (bf16; E2E only)",
                        model: "meta-llama/Llama-3.1-8B-Instruct", gpu: "H100", tp: 1, load: .poisson(rate: 39.5),
                        lengths: .fixed(input: 778, output: 129), requests: 6000, statistic: .mean,
                        e2eMs: 3317.799,
                        source: mlperf + " RedHat XE8640 H100 (1 accelerator); input 778 = CNN-DM mean (assumed)"),
        ValidationPoint(id: "mlperf51-8b-h100-qps39.5-ttft-tpot", role: .heldOut, fits: "",
                        model: "meta-llama/Llama-3.1-8B-Instruct", gpu: "H100", tp: 1, load: .poisson(rate: 39.5),
                        lengths: .fixed(input: 778, output: 129), requests: 6000, statistic: .mean,
                        ttftMs: 359.333, tpotMs: 23.113,
                        source: mlperf + " RedHat XE8640 H100 (1 accelerator); same run as the fit point's E2E"),
    ]
}
