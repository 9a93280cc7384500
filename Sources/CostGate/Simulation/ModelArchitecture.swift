/// A transformer's shape, in Hugging Face `config.json` terms, and the sizes derived from it.
public struct ModelArchitecture: Sendable, Equatable {
    /// Hugging Face id (`meta-llama/Llama-3.1-8B-Instruct`).
    public var id: String
    /// `num_hidden_layers`.
    public var layers: Int
    /// `hidden_size`.
    public var hidden: Int
    /// `num_attention_heads`.
    public var heads: Int
    /// `num_key_value_heads`.
    public var kvHeads: Int
    /// `head_dim` (hidden / heads when the config omits it).
    public var headDim: Int
    /// `intermediate_size` (dense MLP width).
    public var intermediate: Int
    /// `moe_intermediate_size` (expert MLP width), or nil for the dense width.
    public var moeIntermediate: Int?
    /// Routed experts per MoE layer (`num_local_experts` / `num_experts` / `n_routed_experts`); 0 when dense.
    public var experts: Int
    /// Experts each token goes through (`num_experts_per_tok`).
    public var activeExperts: Int
    /// Shared (always-on) experts (`n_shared_experts`).
    public var sharedExperts: Int
    /// `vocab_size`.
    public var vocab: Int
    /// Bytes per weight of the served checkpoint (2 for bf16/fp16, 1 for fp8).
    public var weightBytes: Double
    /// Whether input and output embeddings are tied (`tie_word_embeddings`).
    public var tiedEmbeddings: Bool
    /// Where the figures come from.
    public var source: String

    /// Creates an architecture.
    public init(id: String, layers: Int, hidden: Int, heads: Int, kvHeads: Int, headDim: Int? = nil,
                intermediate: Int, moeIntermediate: Int? = nil, experts: Int = 0, activeExperts: Int = 0,
                sharedExperts: Int = 0, vocab: Int, weightBytes: Double = 2, tiedEmbeddings: Bool = false,
                source: String) {
        self.id = id
        self.layers = layers
        self.hidden = hidden
        self.heads = heads
        self.kvHeads = kvHeads
        self.headDim = headDim ?? hidden / max(heads, 1)
        self.intermediate = intermediate
        self.moeIntermediate = moeIntermediate
        self.experts = experts
        self.activeExperts = activeExperts
        self.sharedExperts = sharedExperts
        self.vocab = vocab
        self.weightBytes = weightBytes
        self.tiedEmbeddings = tiedEmbeddings
        self.source = source
    }

    /// Whether the MLP is a mixture of experts.
    public var isMoE: Bool { experts > 0 }

    /// Attention weights of one layer (q, k, v, o projections).
    var attentionParamsPerLayer: Double {
        Double(hidden) * Double(headDim) * Double(2 * heads + 2 * kvHeads)
    }

    /// Weights of one expert (gate, up, down), or of the dense MLP.
    var expertParams: Double { 3 * Double(hidden) * Double(moeIntermediate ?? intermediate) }

    /// Embedding and output-head weights.
    var embeddingParams: Double { Double(vocab) * Double(hidden) * (tiedEmbeddings ? 1 : 2) }

    /// All weights.
    public var totalParams: Double {
        let mlp = isMoE ? Double(experts + sharedExperts) * expertParams : 3 * Double(hidden) * Double(intermediate)
        return Double(layers) * (attentionParamsPerLayer + mlp) + embeddingParams
    }

    /// Weights one token passes through (the matmul FLOPs per token are twice this).
    public var activeParams: Double {
        let mlp = isMoE ? Double(activeExperts + sharedExperts) * expertParams : 3 * Double(hidden) * Double(intermediate)
        // Input embedding is a lookup, not a matmul: count the output head only.
        return Double(layers) * (attentionParamsPerLayer + mlp) + Double(vocab) * Double(hidden)
    }

    /// KV-cache bytes per token across all layers, before tensor-parallel sharding.
    public func kvBytesPerToken(dtypeBytes: Double) -> Double {
        Double(layers) * Double(kvHeads) * Double(headDim) * 2 * dtypeBytes
    }

    /// KV-cache bytes per token on each GPU of a tensor-parallel group: KV heads are split across GPUs, and
    /// replicated when there are fewer KV heads than GPUs (as vLLM does).
    public func kvBytesPerTokenPerGPU(dtypeBytes: Double, tensorParallel: Int) -> Double {
        let tp = max(1, tensorParallel)
        let headsPerGPU = kvHeads >= tp ? Double(kvHeads) / Double(tp) : 1
        return Double(layers) * headsPerGPU * Double(headDim) * 2 * dtypeBytes
    }
}
