extension ModelArchitecture {
    /// Parses an inline `architecture` object that uses Hugging Face `config.json` field names.
    ///
    /// Other keys are allowed on purpose: a pasted `config.json` carries many fields (rope scaling, token ids)
    /// that do not shape serving.
    /// - Parameters:
    ///   - object: the object (`num_hidden_layers`, `hidden_size`, `num_attention_heads`, …).
    ///   - id: the model id to record.
    /// - Returns: the architecture.
    static func parse(_ object: inout PlanObject, id: String) throws(CostGateError) -> ModelArchitecture {
        // config.json names some fields differently per model family; the first one present counts.
        func count(_ names: [String], required: Bool) throws(CostGateError) -> Int? {
            for name in names {
                if let value = try object.int(name, in: 0...999_999_999) { return value }
            }
            if required {
                throw object.error(at: names[0], expected: "an integer from 0 to 999999999", found: "nothing")
            }
            return nil
        }
        let layers = try count(["num_hidden_layers", "num_layers"], required: true)!
        let hidden = try count(["hidden_size"], required: true)!
        let heads = try count(["num_attention_heads"], required: true)!
        let kvHeads = try count(["num_key_value_heads"], required: false) ?? heads
        let headDim = try count(["head_dim"], required: false)
        let intermediate = try count(["intermediate_size"], required: true)!
        let moeIntermediate = try count(["moe_intermediate_size"], required: false)
        let experts = try count(["num_local_experts", "num_experts", "n_routed_experts"], required: false) ?? 0
        let active = try count(["num_experts_per_tok", "experts_per_token"], required: false) ?? (experts > 0 ? 2 : 0)
        let shared = try count(["n_shared_experts", "shared_experts"], required: false) ?? 0
        let vocab = try count(["vocab_size"], required: false) ?? 32000
        if heads == 0 || layers == 0 || hidden == 0 {
            throw object.error(at: nil, expected: "non-zero num_hidden_layers, hidden_size and num_attention_heads", found: nil)
        }
        let dtypes: KeyValuePairs<String, Double> = [
            "float32": 4, "float16": 2, "bfloat16": 2, "fp8": 1, "float8": 1, "float8_e4m3fn": 1, "int8": 1,
        ]
        let torchDtype = try object.choice("torch_dtype", kind: "torch_dtype", dtypes)
        let dtype = try object.choice("dtype", kind: "dtype", dtypes)
        var bytes = torchDtype ?? dtype ?? 2
        if object.value("quantization_config") != nil || object.value("quantization")?.stringValue != nil { bytes = min(bytes, 1) }
        return ModelArchitecture(
            id: id, layers: layers, hidden: hidden, heads: heads, kvHeads: kvHeads, headDim: headDim,
            intermediate: intermediate, moeIntermediate: moeIntermediate, experts: experts, activeExperts: active,
            sharedExperts: shared, vocab: vocab, weightBytes: bytes,
            tiedEmbeddings: try object.bool("tie_word_embeddings") ?? false, source: "inline architecture in the plan")
    }
}
