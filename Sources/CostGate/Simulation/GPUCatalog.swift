/// The built-in GPU catalog, by id.
public enum GPUCatalog {
    private static let blis = "github.com/inference-sim/blis-catalog hardware/*.yaml (vendor specs, dense)"

    /// Every known GPU, in display order.
    public static let all: [GPUSpec] = [
        GPUSpec(id: "H100", bf16TFLOPS: 989.5, fp8TFLOPS: 1979, hbmTBps: 3.35, memoryGiB: 80, linkGBps: 450,
                date: "2026-03", source: blis + "; H100 SXM datasheet halved to dense"),
        GPUSpec(id: "H200", bf16TFLOPS: 989.5, fp8TFLOPS: 1979, hbmTBps: 4.8, memoryGiB: 141, linkGBps: 450,
                date: "2026-03", source: blis),
        GPUSpec(id: "A100-80GB", bf16TFLOPS: 312, fp8TFLOPS: nil, hbmTBps: 2.039, memoryGiB: 80, linkGBps: 300,
                date: "2026-03", source: blis + " (a100-80.yaml)"),
        GPUSpec(id: "A100-40GB", bf16TFLOPS: 312, fp8TFLOPS: nil, hbmTBps: 1.555, memoryGiB: 40, linkGBps: 300,
                date: "2020-05", source: "NVIDIA A100 datasheet (40GB SXM: 1,555 GB/s)"),
        GPUSpec(id: "L40S", bf16TFLOPS: 362.05, fp8TFLOPS: 733, hbmTBps: 0.864, memoryGiB: 48, linkGBps: 32,
                date: "2026-03", source: blis + " (l40s.yaml; fp8 733 dense, not the 1466 sparsity figure); PCIe Gen4 x16"),
        GPUSpec(id: "L4", bf16TFLOPS: 121, fp8TFLOPS: 242.5, hbmTBps: 0.3, memoryGiB: 24, linkGBps: 32,
                date: "2023-03", source: "NVIDIA L4 datasheet (242/485 TFLOP/s with sparsity, halved to dense); PCIe Gen4"),
        GPUSpec(id: "A10G", bf16TFLOPS: 70, fp8TFLOPS: nil, hbmTBps: 0.6, memoryGiB: 24, linkGBps: 32,
                date: "2021-10", source: "ESTIMATE: AWS G5 A10G (A10 datasheet 125 TFLOP/s bf16 at a lower A10G clock; 600 GB/s GDDR6)"),
        GPUSpec(id: "B200", bf16TFLOPS: 2250, fp8TFLOPS: 4500, hbmTBps: 7.7, memoryGiB: 180, linkGBps: 900,
                date: "2026-03", source: blis + " (b200.yaml)"),
    ]

    /// Spellings accepted for an id, mapped to the catalog id.
    static let aliases: [String: String] = [
        "H100-SXM": "H100", "H100-80GB": "H100", "H100-SXM-80GB": "H100",
        "H200-SXM": "H200", "A100": "A100-80GB", "A100-80": "A100-80GB", "A100-SXM": "A100-80GB",
        "A100-SXM-80GB": "A100-80GB", "A100-40": "A100-40GB", "A10": "A10G",
    ]

    /// The GPU with this id (or a known alias), if any.
    public static func spec(_ id: String) -> GPUSpec? {
        let key = aliases[id] ?? aliases[id.uppercased()] ?? id
        return all.first { $0.id == key || $0.id.uppercased() == key.uppercased() }
    }

    /// The catalog ids, for "did you mean".
    public static var ids: [String] { all.map(\.id) }
}
