/// What `costgate prices` prints: the catalog rows that match the query, in id order.
public struct PriceListing: Sendable {
    /// The rows, in id order.
    public var models: [ModelPrice]

    /// The price sources the rows come from, top layer first (`LiteLLM 1.110.2 price map (bundled snapshot, …)`).
    public var sources: [String]

    /// Creates a listing.
    public init(models: [ModelPrice], sources: [String] = []) {
        self.models = models
        self.sources = sources
    }
}
