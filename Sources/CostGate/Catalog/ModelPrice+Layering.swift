extension ModelPrice {
    /// Takes from `lower` (the same model in a lower price layer) what this row does not say and is not a price:
    /// the deprecation date. Rates are never mixed across layers: a hand-kept row bills exactly what it lists (a
    /// row without a flex tier bills a flex record at standard rates, with a warning, as before).
    mutating func supplement(from lower: ModelPrice) {
        if deprecationDate == nil { deprecationDate = lower.deprecationDate }
    }
}
