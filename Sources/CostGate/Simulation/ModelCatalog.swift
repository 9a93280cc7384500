/// The built-in open-model catalog, by Hugging Face id (inline `config.json` fields: `ModelArchitecture+Parsing.swift`).
public enum ModelCatalog {
    private static let sim = "inference-sim@f90a1e3a model_configs (copy of the HF config.json, 2026-08)"
    private static let hf = "huggingface.co config.json"

    /// Every known model.
    public static let all: [ModelArchitecture] = [
        ModelArchitecture(id: "meta-llama/Llama-3.1-8B-Instruct", layers: 32, hidden: 4096, heads: 32, kvHeads: 8,
                          intermediate: 14336, vocab: 128256, source: sim),
        ModelArchitecture(id: "meta-llama/Meta-Llama-3-8B-Instruct", layers: 32, hidden: 4096, heads: 32, kvHeads: 8,
                          intermediate: 14336, vocab: 128256, source: hf),
        ModelArchitecture(id: "meta-llama/Llama-3.1-70B-Instruct", layers: 80, hidden: 8192, heads: 64, kvHeads: 8,
                          intermediate: 28672, vocab: 128256, source: sim),
        ModelArchitecture(id: "meta-llama/Meta-Llama-3-70B-Instruct", layers: 80, hidden: 8192, heads: 64, kvHeads: 8,
                          intermediate: 28672, vocab: 128256, source: hf),
        ModelArchitecture(id: "meta-llama/Llama-3.3-70B-Instruct", layers: 80, hidden: 8192, heads: 64, kvHeads: 8,
                          intermediate: 28672, vocab: 128256, source: hf + " (same shape as Llama-3.1-70B)"),
        ModelArchitecture(id: "meta-llama/Llama-2-7b-hf", layers: 32, hidden: 4096, heads: 32, kvHeads: 32,
                          intermediate: 11008, vocab: 32000, source: sim),
        ModelArchitecture(id: "meta-llama/Llama-2-70b-hf", layers: 80, hidden: 8192, heads: 64, kvHeads: 8,
                          intermediate: 28672, vocab: 32000, source: "inference-sim/training@ed5c1d2690 model_configs"),
        ModelArchitecture(id: "codellama/CodeLlama-34b-Instruct-hf", layers: 48, hidden: 8192, heads: 64, kvHeads: 8,
                          intermediate: 22016, vocab: 32000, source: sim),
        // MLA attention caches a 512+64 latent per layer; modelled as kv_heads × head_dim, which overstates KV.
        ModelArchitecture(id: "deepseek-ai/DeepSeek-V2-Lite", layers: 27, hidden: 2048, heads: 16, kvHeads: 16,
                          headDim: 128, intermediate: 10944, moeIntermediate: 1408, experts: 64, activeExperts: 6,
                          sharedExperts: 2, vocab: 102400, source: sim + "; MLA approximated as MHA"),
        // The CSV gives no Hugging Face id for this one: the catalog key is its model_configs directory name.
        ModelArchitecture(id: "glm-5.2-fp8", layers: 78, hidden: 6144, heads: 64, kvHeads: 64, headDim: 192,
                          intermediate: 12288, moeIntermediate: 2048, experts: 256, activeExperts: 8, sharedExperts: 1,
                          vocab: 154880, weightBytes: 1, source: sim + "; DSA/MLA approximated as MHA"),
        ModelArchitecture(id: "RedHatAI/Llama-4-Scout-17B-16E-Instruct-FP8-dynamic", layers: 48, hidden: 5120, heads: 40,
                          kvHeads: 8, headDim: 128, intermediate: 8192, experts: 16, activeExperts: 1, sharedExperts: 1,
                          vocab: 202048, weightBytes: 1, source: sim),
        ModelArchitecture(id: "meta-llama/Llama-4-Scout-17B-16E-Instruct", layers: 48, hidden: 5120, heads: 40,
                          kvHeads: 8, headDim: 128, intermediate: 8192, experts: 16, activeExperts: 1, sharedExperts: 1,
                          vocab: 202048, source: hf),
        ModelArchitecture(id: "mistralai/Mistral-Nemo-Instruct-2407", layers: 40, hidden: 5120, heads: 32, kvHeads: 8,
                          headDim: 128, intermediate: 14336, vocab: 131072, source: sim),
        ModelArchitecture(id: "mistralai/Mixtral-8x7B-v0.1", layers: 32, hidden: 4096, heads: 32, kvHeads: 8,
                          intermediate: 14336, experts: 8, activeExperts: 2, vocab: 32000, source: sim),
        ModelArchitecture(id: "mistralai/Mixtral-8x7B-Instruct-v0.1", layers: 32, hidden: 4096, heads: 32, kvHeads: 8,
                          intermediate: 14336, experts: 8, activeExperts: 2, vocab: 32000, source: hf),
        ModelArchitecture(id: "mistralai/Mixtral-8x22B-v0.1", layers: 56, hidden: 6144, heads: 48, kvHeads: 8,
                          intermediate: 16384, experts: 8, activeExperts: 2, vocab: 32000,
                          source: "HF config.json via a public test fixture (groundtruth row)"),
        ModelArchitecture(id: "Qwen/Qwen2.5-7B-Instruct", layers: 28, hidden: 3584, heads: 28, kvHeads: 4,
                          intermediate: 18944, vocab: 152064, source: sim),
        ModelArchitecture(id: "Qwen/Qwen2.5-72B-Instruct", layers: 80, hidden: 8192, heads: 64, kvHeads: 8,
                          intermediate: 29568, vocab: 152064, source: hf),
        ModelArchitecture(id: "Qwen/Qwen3-14B", layers: 40, hidden: 5120, heads: 40, kvHeads: 8, headDim: 128,
                          intermediate: 17408, vocab: 151936, source: sim),
        ModelArchitecture(id: "Qwen/Qwen3-8B", layers: 36, hidden: 4096, heads: 32, kvHeads: 8, headDim: 128,
                          intermediate: 12288, vocab: 151936, source: hf),
        ModelArchitecture(id: "Qwen/Qwen3-32B", layers: 64, hidden: 5120, heads: 64, kvHeads: 8, headDim: 128,
                          intermediate: 25600, vocab: 151936, source: hf),
        ModelArchitecture(id: "Qwen/Qwen3-30B-A3B", layers: 48, hidden: 2048, heads: 32, kvHeads: 4, headDim: 128,
                          intermediate: 6144, moeIntermediate: 768, experts: 128, activeExperts: 8, vocab: 151936,
                          source: sim),
        ModelArchitecture(id: "01-ai/Yi-34B", layers: 60, hidden: 7168, heads: 56, kvHeads: 8, intermediate: 20480,
                          vocab: 64000, source: sim),
    ]

    /// The model `id` names under `ModelID`'s spelling rule (case and dots-vs-dashes aside; the organisation may
    /// be left out when only one has the name), if exactly one does.
    public static func model(_ id: String) -> ModelArchitecture? {
        if let exact = all.first(where: { $0.id == id }) { return exact }
        let wanted = ModelID(id)
        let matches = all.filter { wanted.sameSpelling(as: ModelID($0.id)) }
        return matches.count == 1 ? matches[0] : nil
    }

    /// The catalog ids, for "did you mean".
    public static var ids: [String] { all.map(\.id) }
}
