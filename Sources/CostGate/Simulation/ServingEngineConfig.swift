/// vLLM engine settings that shape scheduling (names follow vLLM's command-line flags).
public struct ServingEngineConfig: Sendable, Equatable {
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

    static func parse(_ value: JSONValue?, reader: DeploymentFieldReader) throws(CostGateError) -> ServingEngineConfig {
        var config = ServingEngineConfig()
        guard let value, value != .null else { return config }
        guard value.objectMembers != nil else {
            throw .badPlan(file: reader.file, path: reader.base, expected: "an object", found: value.kindDescription)
        }
        try reader.checkKeys(["max_num_seqs", "max_num_batched_tokens", "prefix_caching", "enable_prefix_caching",
                              "gpu_memory_utilization", "kv_cache_dtype", "block_size", "num_scheduler_steps"])
        config.maxNumSeqs = try reader.int("max_num_seqs", min: 1, max: 65536) ?? config.maxNumSeqs
        config.maxNumBatchedTokens = try reader.int("max_num_batched_tokens", min: 16, max: 10_000_000) ?? config.maxNumBatchedTokens
        let enablePrefixCaching = try reader.bool("enable_prefix_caching")
        config.prefixCaching = try reader.bool("prefix_caching") ?? enablePrefixCaching ?? config.prefixCaching
        config.gpuMemoryUtilization = try reader.number("gpu_memory_utilization", min: 0.05, max: 1) ?? config.gpuMemoryUtilization
        config.blockSize = try reader.int("block_size", min: 1, max: 1024) ?? config.blockSize
        config.numSchedulerSteps = try reader.int("num_scheduler_steps", min: 1, max: 64) ?? config.numSchedulerSteps
        if let dtype = try reader.string("kv_cache_dtype") {
            switch dtype.lowercased() {
            case "auto", "bf16", "bfloat16", "fp16", "float16": config.kvCacheDtypeBytes = 2
            case "fp8", "fp8_e4m3", "fp8_e5m2": config.kvCacheDtypeBytes = 1
            default:
                throw .badPlan(file: reader.file, path: reader.base + ".kv_cache_dtype", expected: "auto, bf16 or fp8",
                               found: excerpt(dtype))
            }
        }
        return config
    }
}
