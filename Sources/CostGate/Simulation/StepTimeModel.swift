import Foundation

/// The hardware model: how long one vLLM scheduler step takes for a given batch on a given deployment.
///
/// A step is limited by whichever is slower: reading the weights and the attended KV cache from HBM, or
/// the matmul and attention FLOPs; tensor parallelism adds two all-reduces per layer, and every step pays
/// a fixed CPU/launch overhead plus a per-sequence overhead. Efficiencies come from `Coefficients`.
public struct StepTimeModel: Sendable {
    /// Fitted efficiency coefficients (see Simulator.md in CostGate.docc for the fit and its points).
    public struct Coefficients: Sendable, Equatable {
        /// Achieved share of peak HBM bandwidth in bandwidth-bound (decode) steps.
        public var bandwidthEfficiency: Double
        /// Achieved share of peak dense bf16 tensor FLOP/s in compute-bound (prefill) steps.
        public var computeEfficiency: Double
        /// Achieved share of peak dense fp8 tensor FLOP/s, for fp8 checkpoints on GPUs with fp8 tensor cores.
        public var fp8ComputeEfficiency: Double
        /// Fixed seconds per step (scheduler, sampling, kernel launches).
        public var stepOverhead: Double
        /// Seconds per sequence in the batch per step (input preparation, sampling).
        public var perSequenceOverhead: Double
        /// Seconds of latency per all-reduce (two per layer when tensor_parallel > 1).
        public var allReduceLatency: Double
        /// Whether the host's per-step time (`stepOverhead` plus `perSequenceOverhead` per sequence) runs while the GPU
        /// executes the previous step, as with vLLM's asynchronous scheduling: a step then takes the longer of the two,
        /// not their sum.
        public var overlapsHostTime: Bool

        /// Creates coefficients.
        public init(bandwidthEfficiency: Double, computeEfficiency: Double, fp8ComputeEfficiency: Double,
                    stepOverhead: Double, perSequenceOverhead: Double, allReduceLatency: Double, overlapsHostTime: Bool = false) {
            self.bandwidthEfficiency = bandwidthEfficiency
            self.computeEfficiency = computeEfficiency
            self.fp8ComputeEfficiency = fp8ComputeEfficiency
            self.stepOverhead = stepOverhead
            self.perSequenceOverhead = perSequenceOverhead
            self.allReduceLatency = allReduceLatency
            self.overlapsHostTime = overlapsHostTime
        }

        /// The coefficients fitted to the calibration points named in CostGate.docc/Simulator.md: vLLM buildkite
        /// batch-8 latency of Llama-3.1-8B on A100/H100/H200 (bandwidth, step overhead), buildkite Llama-3-70B
        /// TP4 on H100 (all-reduce latency), MLPerf v5.1 Server Llama-3.1-8B on one H100 with vLLM 0.10
        /// (bf16 compute), NIM Llama-3.3-70B fp8 TP2 concurrency-1 TTFT (fp8 compute).
        public static let fitted = Coefficients(
            bandwidthEfficiency: 0.80, computeEfficiency: 0.76, fp8ComputeEfficiency: 0.49, stepOverhead: 0.0020,
            perSequenceOverhead: 0.000_010, allReduceLatency: 0.000_023)
    }

    /// The coefficients in use.
    public var coefficients: Coefficients
    let denseWeightBytes: Double
    let expertBytesPerExpert: Double
    let experts: Double
    let activeExperts: Double
    let layers: Double
    let kvBytesPerToken: Double
    let linearFLOPsPerToken: Double
    let attentionFLOPsPerPair: Double
    let bandwidth: Double
    let peakFLOPS: Double
    let computeEfficiency: Double
    let allReduceBytesPerToken: Double
    let linkBandwidth: Double
    let tensorParallel: Double

    /// Builds the model for a deployment's per-GPU shard.
    public init(deployment: Deployment, coefficients: Coefficients = .fitted) {
        let model = deployment.model
        let tp = Double(deployment.tensorParallel)
        self.coefficients = coefficients
        tensorParallel = tp
        layers = Double(model.layers)
        let expertLayerBytes = model.isMoE
            ? Double(model.layers) * Double(model.experts) * model.expertParams * model.weightBytes : 0
        denseWeightBytes = (model.totalParams * model.weightBytes - expertLayerBytes) / tp
        expertBytesPerExpert = model.isMoE ? Double(model.layers) * model.expertParams * model.weightBytes / tp : 0
        experts = Double(model.experts)
        activeExperts = Double(model.activeExperts)
        kvBytesPerToken = model.kvBytesPerTokenPerGPU(dtypeBytes: deployment.engine.kvCacheDtypeBytes,
                                                      tensorParallel: deployment.tensorParallel)
        linearFLOPsPerToken = 2 * model.activeParams / tp
        attentionFLOPsPerPair = 4 * Double(model.layers) * Double(model.heads) * Double(model.headDim) / tp
        bandwidth = deployment.gpu.memoryBandwidth
        let fp8 = model.weightBytes <= 1 && deployment.gpu.fp8FLOPS > deployment.gpu.bf16FLOPS
        peakFLOPS = fp8 ? deployment.gpu.fp8FLOPS : deployment.gpu.bf16FLOPS
        computeEfficiency = fp8 ? coefficients.fp8ComputeEfficiency : coefficients.computeEfficiency
        allReduceBytesPerToken = 2 * Double(model.layers) * Double(model.hidden) * 2
        linkBandwidth = deployment.gpu.interconnectBandwidth
    }

    /// Seconds for one step.
    /// - Parameters:
    ///   - tokens: tokens computed in the step (decodes plus prefill chunks).
    ///   - sequences: requests in the step.
    ///   - contextTokens: KV tokens read by attention (each scheduled request's full context).
    ///   - attentionPairs: query × key pairs of attention (Σ new tokens × mean context).
    public func stepTime(tokens: Int, sequences: Int, contextTokens: Double, attentionPairs: Double) -> Double {
        let t = Double(tokens)
        var weightBytes = denseWeightBytes
        if experts > 0 {
            // Experts touched by t tokens, each choosing activeExperts of experts uniformly.
            let untouched = pow(1 - activeExperts / experts, t)
            weightBytes += expertBytesPerExpert * experts * (1 - untouched)
        }
        let memory = (weightBytes + contextTokens * kvBytesPerToken) / (bandwidth * coefficients.bandwidthEfficiency)
        let compute = (linearFLOPsPerToken * t + attentionFLOPsPerPair * attentionPairs)
            / (peakFLOPS * computeEfficiency)
        var device = max(memory, compute)
        if tensorParallel > 1 {
            let ring = 2 * (tensorParallel - 1) / tensorParallel
            device += ring * allReduceBytesPerToken * t / linkBandwidth + 2 * layers * coefficients.allReduceLatency
        }
        let host = coefficients.stepOverhead + coefficients.perSequenceOverhead * Double(sequences)
        return coefficients.overlapsHostTime ? max(device, host) : device + host
    }

    /// Seconds for a decode-only step: `sequences` requests each computing one token after `computedSum` tokens in
    /// all. The scheduler's per-request sums (c + 1 context tokens, 1 × (c + ½) attention pairs) are integers and
    /// halves, exact in a Double, so this is the time `stepTime` gives for the same step counted request by request.
    @inline(__always)  // once per simulated step: a call here costs the simulator about 10% (measured)
    func decodeStepTime(sequences: Int, computedSum: Int) -> Double {
        stepTime(tokens: sequences, sequences: sequences, contextTokens: Double(computedSum + sequences),
                 attentionPairs: Double(computedSum) + Double(sequences) / 2)
    }
}
