extension Deployment {
    /// Bytes vLLM reserves per GPU for activations and CUDA graphs, besides weights and KV cache.
    static let activationReserveBytes: Double = 2.5 * 1_073_741_824

    /// Tokens of KV cache one replica holds: (memory × gpu_memory_utilization − weights − activations) per GPU
    /// over per-token KV bytes per GPU. Zero or negative when the weights do not fit.
    public var kvCapacityTokens: Int {
        let tp = Double(tensorParallel)
        let weightsPerGPU = model.totalParams * model.weightBytes / tp
        let free = gpu.memoryBytes * engine.gpuMemoryUtilization - weightsPerGPU - Self.activationReserveBytes
        let perToken = model.kvBytesPerTokenPerGPU(dtypeBytes: engine.kvCacheDtypeBytes, tensorParallel: tensorParallel)
        guard free > 0, perToken > 0 else { return 0 }
        return Int(free / perToken)
    }
}
