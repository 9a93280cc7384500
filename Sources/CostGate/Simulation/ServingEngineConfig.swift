/// Engine identity and the settings that shape scheduling (names follow vLLM's command-line flags).
public struct ServingEngineConfig: Sendable, Equatable {
    /// The serving engine (`engine.name`; vLLM when absent).
    public var name: EngineProfile.Engine = .vllm
    /// The engine version (`engine.version`), which picks the coefficient profile; nil for the newest profile.
    public var version: String?
    /// `max_num_seqs`: most requests in one running batch.
    public var maxNumSeqs: Int
    /// `max_num_batched_tokens`: token budget of one scheduler step (prefill chunks plus decodes).
    public var maxNumBatchedTokens: Int
    /// `enable_prefix_caching`.
    public var prefixCaching: Bool
    /// `gpu_memory_utilization`: share of GPU memory vLLM may use for weights, activations and KV cache.
    public var gpuMemoryUtilization: Double
    /// Bytes per KV-cache element (2 for the model's bf16, 1 for `kv_cache_dtype: fp8`).
    public var kvCacheDtypeBytes: Double
    /// KV-cache block size in tokens (vLLM's default 16).
    public var blockSize: Int
    /// vLLM v0 `num_scheduler_steps` (multi-step scheduling): decode runs in blocks of this many steps and
    /// new requests are admitted, in a prefill-only step, only between blocks. 1 (the default) is vLLM v1's
    /// chunked-prefill scheduler.
    public var numSchedulerSteps: Int

    /// Creates a config with vLLM v1's defaults for online serving.
    public init(maxNumSeqs: Int = 256, maxNumBatchedTokens: Int = 8192, prefixCaching: Bool = true,
                gpuMemoryUtilization: Double = 0.9, kvCacheDtypeBytes: Double = 2, blockSize: Int = 16,
                numSchedulerSteps: Int = 1) {
        self.maxNumSeqs = maxNumSeqs
        self.maxNumBatchedTokens = maxNumBatchedTokens
        self.prefixCaching = prefixCaching
        self.gpuMemoryUtilization = gpuMemoryUtilization
        self.kvCacheDtypeBytes = kvCacheDtypeBytes
        self.blockSize = blockSize
        self.numSchedulerSteps = numSchedulerSteps
    }

    /// The coefficient profile of this engine and version (the engine's oldest profile when the version
    /// predates every profile; the plan reader refuses such versions).
    public var profile: EngineProfile {
        EngineProfile.profile(engine: name, version: version)
            ?? EngineProfile.all.first { $0.engine == name } ?? EngineProfile.all[0]
    }
}
