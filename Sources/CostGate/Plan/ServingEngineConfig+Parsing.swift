extension ServingEngineConfig {
    /// Parses a deployment's `engine` object (vLLM flag names); absent fields keep vLLM's defaults.
    static func parse(_ object: inout PlanObject) throws(CostGateError) -> ServingEngineConfig {
        try object.rejectUnknownKeys(["name", "version", "max_num_seqs", "max_num_batched_tokens", "prefix_caching", "enable_prefix_caching",
                                      "gpu_memory_utilization", "kv_cache_dtype", "block_size", "num_scheduler_steps"])
        var config = ServingEngineConfig()
        config.name = try object.choice("name", kind: "serving engine", as: EngineProfile.Engine.self) ?? .vllm
        if let version = try object.string("version") {
            guard version.first?.isNumber == true else {
                throw object.error(at: "version", expected: "an engine version such as 0.11.0", found: version)
            }
            guard EngineProfile.profile(engine: config.name, version: version) != nil else {
                throw object.error(at: "version", expected: "a \(config.name.rawValue) version costgate has a profile for",
                                   found: version)
            }
            config.version = version
        }
        config.maxNumSeqs = try object.int("max_num_seqs", in: 1...65536) ?? config.maxNumSeqs
        config.maxNumBatchedTokens = try object.int("max_num_batched_tokens", in: 16...10_000_000) ?? config.maxNumBatchedTokens
        // vLLM spells the flag `enable_prefix_caching`; the shorter name wins when both are given.
        let enablePrefixCaching = try object.bool("enable_prefix_caching")
        config.prefixCaching = try object.bool("prefix_caching") ?? enablePrefixCaching ?? config.prefixCaching
        config.gpuMemoryUtilization = try object.number("gpu_memory_utilization", in: 0.05...1, as: "a memory share")
            ?? config.gpuMemoryUtilization
        config.blockSize = try object.int("block_size", in: 1...1024) ?? config.blockSize
        config.numSchedulerSteps = try object.int("num_scheduler_steps", in: 1...64) ?? config.numSchedulerSteps
        if let bytes = try object.choice("kv_cache_dtype", kind: "KV-cache dtype", [
            "auto": 2.0, "bf16": 2, "bfloat16": 2, "fp16": 2, "float16": 2, "fp8": 1, "fp8_e4m3": 1, "fp8_e5m2": 1,
        ]) {
            config.kvCacheDtypeBytes = bytes
        }
        return config
    }
}
