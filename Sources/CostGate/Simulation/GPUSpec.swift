/// One GPU type's published hardware figures, as the step-time model needs them.
public struct GPUSpec: Sendable, Equatable {
    /// Catalog id (`H100`).
    public var id: String
    /// Dense bf16 tensor throughput in FLOP/s (no sparsity).
    public var bf16FLOPS: Double
    /// Dense fp8 tensor throughput in FLOP/s; equal to `bf16FLOPS` where the GPU has no fp8 tensor cores.
    public var fp8FLOPS: Double
    /// HBM (or GDDR) bandwidth in bytes/s.
    public var memoryBandwidth: Double
    /// Device memory in bytes.
    public var memoryBytes: Double
    /// GPU-to-GPU bandwidth in bytes/s, one direction (NVLink, or PCIe when there is none).
    public var interconnectBandwidth: Double
    /// When the figures were taken (YYYY-MM).
    public var date: String
    /// Where they come from.
    public var source: String

    /// Creates a spec from figures in the units datasheets use (TFLOP/s, TB/s, GiB, GB/s).
    public init(id: String, bf16TFLOPS: Double, fp8TFLOPS: Double?, hbmTBps: Double, memoryGiB: Double,
                linkGBps: Double, date: String, source: String) {
        self.id = id
        self.bf16FLOPS = bf16TFLOPS * 1e12
        self.fp8FLOPS = (fp8TFLOPS ?? bf16TFLOPS) * 1e12
        self.memoryBandwidth = hbmTBps * 1e12
        self.memoryBytes = memoryGiB * 1_073_741_824
        self.interconnectBandwidth = linkGBps * 1e9
        self.date = date
        self.source = source
    }
}
