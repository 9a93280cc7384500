/// One request offered to the serving simulator.
public struct SimRequest: Sendable, Equatable {
    /// Arrival time in seconds from the start of the sample (ignored in closed-loop runs).
    public var arrival: Double
    /// Prompt tokens.
    public var inputTokens: Int
    /// Output tokens to generate (at least 1).
    public var outputTokens: Int
    /// Requests with the same key share their first `prefixTokens` prompt tokens; -1 for none.
    public var prefixKey: Int64
    /// Length of the shared prefix, in tokens.
    public var prefixTokens: Int
    /// Mooncake-style prompt block hashes (one per `ServingSimulator.hashBlockTokens` tokens); may be empty.
    public var hashes: [Int64]
    /// Service time in ms for a GPU service deployment (`"kind": "service"`); 0 when unknown. LLM
    /// deployments ignore it.
    public var serviceMs: Double
    /// An opaque tag the caller uses to attribute results (route id); the simulator ignores it.
    public var tag: Int32

    /// Creates a request.
    public init(arrival: Double, inputTokens: Int, outputTokens: Int, prefixKey: Int64 = -1, prefixTokens: Int = 0,
                hashes: [Int64] = [], tag: Int32 = 0, serviceMs: Double = 0) {
        self.arrival = arrival
        self.inputTokens = max(1, inputTokens)
        self.outputTokens = max(1, outputTokens)
        self.prefixKey = prefixKey
        self.prefixTokens = prefixTokens
        self.hashes = hashes
        self.tag = tag
        self.serviceMs = serviceMs.isFinite ? max(0, serviceMs) : 0
    }
}
