/// One plan replayed over a traffic sample: what every recorded request would cost under that plan.
public struct Replay: Sendable {
    /// The side's name (`base`, `head`, a candidate's name).
    public var name: String
    /// Each record's cost in picodollars (0 when unpriced or self-hosted).
    public var picodollars: [Int64]
    /// Each record's weight: how many real requests it stands for.
    public var weights: [Double]
    /// Each record's model under this plan: an index into `modelNames`.
    public var models: [Int32]
    /// Model ids (catalog ids, or the recorded name when unpriced).
    public var modelNames: [String]
    /// Each record's input tokens after the prompt change.
    public var inputTokens: [Int64]
    /// Each record's output tokens after the output scale and cap.
    public var outputTokens: [Int64]
    /// Each record's input tokens read from the prompt cache (after the prompt change), and the picodollars
    /// of its cost that those cache reads and its output (reasoning included) account for; the rest of
    /// `picodollars` is uncached input and cache writes. `ChangeDecomposition` splits a route's change with them.
    public var cachedTokens: [Int64] = []
    public var cachedPicodollars: [Int64] = []
    public var outputPicodollars: [Int64] = []
    /// Each record's quality score, NaN where none applies.
    public var quality: [Double]
    /// Per record: how it is billed (one byte each).
    public var billing: [Billing]
    /// The catalog the side was priced with (built-in rows plus the plan's models); later stages match model
    /// names against it with the same rule the replay used.
    public var catalog: PriceCatalog
    /// Warnings found while replaying.
    public var warnings: [String]
    /// Per route (string id in the traffic): prompt tokens on this side and the reference side, when both are known.
    public var promptChanges: [PromptChange]
    /// The calls of records on routes with a router or semantic cache, nil when the plan has none.
    public var architecture: ArchitectureLedger? = nil
    /// Records per model without a price, and per (model, tier) billed at standard rates for want of the tier's
    /// rates: the counts behind the warnings (`Replayer.recordWarnings`).
    var unpricedRecords: [String: Int] = [:]
    var unavailableTierRecords: [[String]: Int] = [:]
    /// Per route with `prompt_cache`, the forecast cache reads and writes (`PromptCacheForecast`).
    public var promptCache: [PromptCacheForecast.Route] = []

    /// A route's prompt size on the reference side and on this side.
    public struct PromptChange: Sendable, Equatable {
        public var route: String
        public var baseTokens: Int64
        public var headTokens: Int64
        /// Which tokenizer counted them (`literal` when the plan gave numbers).
        public var counter: String
        /// Whether the count is exact.
        public var exact: Bool

        /// Tokens added (or, negative, removed) by the head side.
        public var tokenChange: Int64 { headTokens - baseTokens }
    }

    /// How one replayed record is billed. A one-byte enum: the replay keeps one per record, millions of them.
    public enum Billing: UInt8, Sendable {
        /// Priced by a hosted API's token rates.
        case priced = 0
        /// On a hosted API whose model is in neither the catalog nor the plan's models: costs nothing here.
        case unpriced = 1
        /// Served by a self-hosted deployment: billed as GPU time by the serving forecast.
        case selfHosted = 2
    }
}
