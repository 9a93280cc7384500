/// What `costgate prices` prints: the catalog rows that match the query, in id order.
public struct PriceListing: Sendable {
    /// The rows, in id order.
    public var models: [ModelPrice]

    /// Creates a listing.
    public init(models: [ModelPrice]) {
        self.models = models
    }
}
