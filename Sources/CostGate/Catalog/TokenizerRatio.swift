/// Per-family estimates of how many tokens a model's own tokenizer produces for the text that `o200k_base`
/// counts as one token, for models whose tokenizer costgate cannot run.
///
/// These are estimates for English prose and mixed prompts; code and non-English text differ. `CostGate.docc/Prices.md`
/// cites the measurement behind each one. A plan can override any of them with `tokenizer.ratio`.
enum TokenizerRatio {
    /// Anthropic Claude: about 16% (English), 21% (math) and 30% (Python) more tokens than GPT-4o for the same
    /// prompts (VentureBeat, "Hidden costs in AI deployment", 2025); 1.2 is the middle.
    static let claude = 1.2
    /// Google Gemini (SentencePiece, ~256k vocabulary): Google's rule of thumb (~4 characters a token) equals
    /// OpenAI's; third-party side-by-side counts show 5–15% more. Low confidence.
    static let gemini = 1.1
    /// Meta Llama 3.x (tiktoken-style BPE: cl100k_base plus 28k tokens): about cl100k_base, which OpenAI measured
    /// at 1.1× o200k_base on English ("Hello GPT-4o", 27 → 24 tokens).
    static let llama3 = 1.1
    /// Mistral (Tekken for Small/NeMo, a 32k SentencePiece vocabulary for Large 2411): no published measurement
    /// against o200k_base was found; 1.15 is a judgement between cl100k_base-like and small-vocabulary behaviour.
    static let mistral = 1.15
    /// DeepSeek V3.x (128k BPE): DeepSeek's own rule of thumb (1 English character ≈ 0.3 token) against OpenAI's
    /// (≈ 4 characters a token) gives 0.3 × 4 = 1.2.
    static let deepSeek = 1.2
}
