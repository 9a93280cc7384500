import CostGate
import CostGateTestSupport

/// A published serving measurement the simulator is checked against.
struct ValidationPoint: Sendable, CustomStringConvertible {
    enum Role: String, Sendable { case fit = "fit", heldOut = "held-out" }
    /// `stages`: open-loop, evenly spaced arrivals (inference-perf's `constant` load) at each stage's rate in turn.
    enum Load: Sendable {
        case poisson(rate: Double), closed(concurrency: Int), offline, stages([(rate: Double, seconds: Double)])
    }
    /// `shareGPTMeans`: ShareGPT rescaled to the run's reported mean prompt and output lengths.
    /// `sharedPrefix`: inference-perf's shared_prefix data: a `system`-token prompt shared by the requests of each of
    /// `groups` groups (request k is in group k mod groups), then a `question`-token suffix; fixed `output` tokens.
    enum Lengths: Sendable {
        case fixed(input: Int, output: Int), shareGPTBench, shareGPTMeans(input: Double, output: Double)
        case sharedPrefix(system: Int, question: Int, output: Int, groups: Int)
    }
    enum Statistic: String, Sendable { case mean, median }

    var id: String
    var role: Role
    /// Which coefficient a fit point pins down (empty for held-out points).
    var fits: String
    var model: String
    var gpu: String
    var tp: Int
    /// `engine.name` and `engine.version` of the deployment (the legacy points ran vLLM 0.6–0.10).
    var engine: String = "vllm"
    var engineVersion: String = "0.10"
    var dtype: String = "bf16"
    var kvCacheDtype: String = "auto"
    var maxNumSeqs: Int = 256
    var maxBatchedTokens: Int = 8192
    var gpuMemoryUtilization: Double = 0.9
    var schedulerSteps: Int = 1
    var load: Load
    var lengths: Lengths
    var requests: Int
    var statistic: Statistic
    var ttftMs: Double?
    var tpotMs: Double?
    var e2eMs: Double?
    /// Offline throughput, requests/s (every request released at t = 0).
    var throughput: Double? = nil
    var source: String

    var description: String { id }

    /// ShareGPT as vLLM's and SGLang's bench_serving sample it. Prompts: the built-in table rescaled to a
    /// 220-token mean (an assumption: bench_serving runs typically report 215–235 input tokens per request).
    /// Outputs: exponential with the 194-token mean implied by the same README's offline rows (vLLM 8B A100:
    /// 4132.37 tok/s ÷ 21.27 req/s = 194.3; 70B H100: 3700.64 ÷ 19.04 = 194.4); the exponential shape is an
    /// assumption. Lengths are clamped to 4 … 2048 − prompt, as bench_serving filters.
    static let shareGPTInputScale = 220.0 / 384.0
    static let shareGPTOutputMean = 194.0
    /// Mean prompt length of the built-in ShareGPT table (ShareGPTLengths.swift).
    static let shareGPTTableInputMean = 384.0
}
