/// One recorded request, compact so that millions fit in memory (144 bytes: the fields are declared widest first, so
/// none is padded). Strings are ids into `Traffic.strings`.
public struct TrafficRecord: Sendable, Equatable {
    /// Arrival time, Unix seconds (UTC).
    public var timestamp: Double
    /// Input tokens, cached tokens included (OpenAI's convention).
    public var inputTokens: Int64
    /// Input tokens read from the provider's prompt cache.
    public var cachedInputTokens: Int64
    /// Input tokens written to the prompt cache with the default (5-minute) lifetime.
    public var cacheWriteInputTokens: Int64
    /// Input tokens written to the prompt cache with a 1-hour lifetime.
    public var cacheWrite1hInputTokens: Int64
    /// Output tokens, reasoning tokens included.
    public var outputTokens: Int64
    /// Reasoning tokens (part of `outputTokens`).
    public var reasoningTokens: Int64
    /// Recorded end-to-end latency in ms, or NaN.
    public var latencyMs: Double
    /// Recorded time to first token in ms, or NaN.
    public var ttftMs: Double
    /// Quality score 0...1, or NaN when absent.
    public var quality: Double
    /// How many real requests this record stands for, or NaN to use 1 / sample_rate.
    public var weight: Double
    /// Length of the shared prefix in tokens (0 when none).
    public var prefixTokens: Int64
    /// What the provider billed for the request in USD (`billed_cost_usd`, LiteLLM's `spend`), or NaN.
    public var billedCostUSD: Double = .nan
    /// The recorded model (string id), as written in the traffic.
    public var model: Int32
    /// The route (string id).
    public var route: Int32
    /// Index into `Traffic.tagSets`.
    public var tagSet: Int32
    /// Shared-prefix id (string id) for prefix caching, or -1.
    public var prefixID: Int32
    /// Mooncake-style block hashes: `Traffic.hashPool[hashStart..<hashStart+hashCount]`.
    public var hashStart: Int32
    /// Number of block hashes.
    public var hashCount: Int32
    /// The request's prompt hash (string id), or -1: repeats within a TTL are semantic-cache hits.
    public var promptHash: Int32 = -1
    /// The service tier the record names: 0 when it names none, else `ServiceTier.rawValue + 1`.
    public var serviceTierCode: UInt8
    /// Whether the request failed (`status: error`).
    public var isError: Bool
    /// The long-context tier a usage report billed the record at: 0 when it does not say (the prompt size decides),
    /// 1 at or below the model's threshold, 2 above it (Anthropic's `context_window` `200k-1M`).
    public var contextWindowCode: UInt8
    /// Whether a semantic cache answered the request: 0 when the record does not say, 1 a miss, 2 a hit.
    public var cacheHitCode: UInt8 = 0
    /// The request's outcome: 0 when the record does not say, 1 success, 2 failure.
    public var outcomeCode: UInt8 = 0

    /// How many real requests the record stands for: its own `weight`, else `defaultWeight` (1 / `sample_rate`).
    @inline(__always)
    public func weight(orDefault defaultWeight: Double) -> Double {
        weight.isNaN ? defaultWeight : weight
    }

    /// Creates a record with every optional field absent.
    public init(timestamp: Double, model: Int32, route: Int32, inputTokens: Int64, outputTokens: Int64) {
        self.timestamp = timestamp
        self.model = model
        self.route = route
        self.inputTokens = inputTokens
        self.cachedInputTokens = 0
        self.cacheWriteInputTokens = 0
        self.cacheWrite1hInputTokens = 0
        self.serviceTierCode = 0
        self.outputTokens = outputTokens
        self.reasoningTokens = 0
        self.latencyMs = .nan
        self.ttftMs = .nan
        self.isError = false
        self.quality = .nan
        self.weight = .nan
        self.tagSet = 0
        self.prefixID = -1
        self.prefixTokens = 0
        self.hashStart = 0
        self.hashCount = 0
        self.contextWindowCode = 0
    }
}

extension TrafficRecord {
    /// The service tier the record names, nil when it names none.
    public var serviceTier: ServiceTier? {
        serviceTierCode == 0 ? nil : ServiceTier(rawValue: serviceTierCode - 1)
    }

    /// Field-by-field identity, with absent (NaN) values equal to each other, unlike `==`.
    func isIdentical(to other: TrafficRecord) -> Bool {
        timestamp.bitPattern == other.timestamp.bitPattern && model == other.model && route == other.route
            && inputTokens == other.inputTokens && cachedInputTokens == other.cachedInputTokens
            && cacheWriteInputTokens == other.cacheWriteInputTokens && cacheWrite1hInputTokens == other.cacheWrite1hInputTokens
            && serviceTierCode == other.serviceTierCode
            && outputTokens == other.outputTokens && reasoningTokens == other.reasoningTokens
            && latencyMs.bitPattern == other.latencyMs.bitPattern && ttftMs.bitPattern == other.ttftMs.bitPattern
            && isError == other.isError && quality.bitPattern == other.quality.bitPattern
            && weight.bitPattern == other.weight.bitPattern && tagSet == other.tagSet && prefixID == other.prefixID
            && prefixTokens == other.prefixTokens && hashStart == other.hashStart && hashCount == other.hashCount
            && cacheHitCode == other.cacheHitCode && promptHash == other.promptHash && outcomeCode == other.outcomeCode
            && contextWindowCode == other.contextWindowCode && billedCostUSD.bitPattern == other.billedCostUSD.bitPattern
    }
}

extension TrafficRecord {
    /// The record with its references moved into merged tables: `strings[i]` is the merged id of the source table's
    /// string `i`, `tagSets` likewise, and its hashes start `hashOffset` further into the merged pool. Every string
    /// a record names (model, route, prefix id, prompt hash) goes through here, for one file's chunks and for files
    /// appended to each other alike.
    func remapped(strings: [Int32], tagSets: [Int32], hashOffset: Int32) -> TrafficRecord {
        var record = self
        record.remap(strings: strings, tagSets: tagSets, hashOffset: hashOffset)
        return record
    }

    /// Remaps this record in place, as `remapped` returns it (no copy of its 144 bytes).
    @inline(__always)
    mutating func remap(strings: [Int32], tagSets: [Int32], hashOffset: Int32) {
        model = strings[Int(model)]
        route = strings[Int(route)]
        if prefixID >= 0 { prefixID = strings[Int(prefixID)] }
        if promptHash >= 0 { promptHash = strings[Int(promptHash)] }
        tagSet = tagSets[Int(tagSet)]
        if hashCount > 0 { hashStart += hashOffset }
    }
}
