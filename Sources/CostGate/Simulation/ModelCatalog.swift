/// The built-in open-model catalog, by Hugging Face id, plus parsing of inline `config.json` fields.
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
        ModelArchitecture(id: "Qwen/Qwen3-30B-A3B", layers: 48, hidden: 2048, heads: 32, kvHeads: 4, headDim: 128,
                          intermediate: 6144, moeIntermediate: 768, experts: 128, activeExperts: 8, vocab: 151936,
                          source: sim),
        ModelArchitecture(id: "01-ai/Yi-34B", layers: 60, hidden: 7168, heads: 56, kvHeads: 8, intermediate: 20480,
                          vocab: 64000, source: sim),
    ]

    /// The model with this id (case-insensitive), if any.
    public static func model(_ id: String) -> ModelArchitecture? {
        all.first { $0.id == id } ?? all.first { $0.id.lowercased() == id.lowercased() }
    }

    /// The catalog ids, for "did you mean".
    public static var ids: [String] { all.map(\.id) }

    /// Parses an inline `architecture` object that uses Hugging Face `config.json` field names.
    ///
    /// - Parameters:
    ///   - value: the object (`num_hidden_layers`, `hidden_size`, `num_attention_heads`, …).
    ///   - id: the model id to record.
    ///   - file: the plan file, for errors.
    ///   - path: the JSON path of the object, for errors.
    /// - Returns: the architecture.
    public static func parseArchitecture(_ value: JSONValue, id: String, file: String, path: String)
        throws(CostGateError) -> ModelArchitecture
    {
        guard value.objectMembers != nil else {
            throw .badPlan(file: file, path: path, expected: "an object of config.json fields", found: value.kindDescription)
        }
        func int(_ names: [String], required: Bool) throws(CostGateError) -> Int? {
            for name in names {
                guard let field = value[name], field != .null else { continue }
                guard let number = field.doubleValue, number >= 0, number == number.rounded(), number < 1e9 else {
                    throw .badPlan(file: file, path: path + "." + name, expected: "a non-negative integer",
                                   found: field.kindDescription)
                }
                return Int(number)
            }
            if required {
                throw .badPlan(file: file, path: path + "." + names[0], expected: "a non-negative integer", found: "nothing")
            }
            return nil
        }
        let layers = try int(["num_hidden_layers", "num_layers"], required: true)!
        let hidden = try int(["hidden_size"], required: true)!
        let heads = try int(["num_attention_heads"], required: true)!
        let kvHeads = try int(["num_key_value_heads"], required: false) ?? heads
        let headDim = try int(["head_dim"], required: false)
        let intermediate = try int(["intermediate_size"], required: true)!
        let moeIntermediate = try int(["moe_intermediate_size"], required: false)
        let experts = try int(["num_local_experts", "num_experts", "n_routed_experts"], required: false) ?? 0
        let active = try int(["num_experts_per_tok", "experts_per_token"], required: false) ?? (experts > 0 ? 2 : 0)
        let shared = try int(["n_shared_experts", "shared_experts"], required: false) ?? 0
        let vocab = try int(["vocab_size"], required: false) ?? 32000
        if heads == 0 || layers == 0 || hidden == 0 {
            throw .badPlan(file: file, path: path, expected: "non-zero num_hidden_layers, hidden_size and num_attention_heads",
                           found: nil)
        }
        var bytes = 2.0
        if let dtype = value["torch_dtype"]?.stringValue ?? value["dtype"]?.stringValue {
            switch dtype.lowercased() {
            case "float32": bytes = 4
            case "float16", "bfloat16": bytes = 2
            case "fp8", "float8", "float8_e4m3fn", "int8": bytes = 1
            default:
                throw .badPlan(file: file, path: path + ".torch_dtype", expected: "bfloat16, float16, float32 or fp8",
                               found: excerpt(dtype))
            }
        }
        if value["quantization_config"] != nil || value["quantization"]?.stringValue != nil { bytes = min(bytes, 1) }
        return ModelArchitecture(
            id: id, layers: layers, hidden: hidden, heads: heads, kvHeads: kvHeads, headDim: headDim,
            intermediate: intermediate, moeIntermediate: moeIntermediate, experts: experts, activeExperts: active,
            sharedExperts: shared, vocab: vocab, weightBytes: bytes,
            tiedEmbeddings: value["tie_word_embeddings"]?.boolValue ?? false, source: "inline architecture in the plan")
    }
}
