extension Plan {
    /// The price catalog this plan prices with: its own `models` (each replacing the row of the same id, or adding
    /// a custom one) over `basePrices` (price files, the built-in rows, LiteLLM's map), with the plan's
    /// discounts taken off every rate of the rows they match.
    ///
    /// Every stage that prices or names a model under a plan takes its catalog from here, so a plan model is
    /// seen the same way by the replay, prompt counting, showback and rightsizing.
    ///
    /// It is built on first use and kept (`CatalogMemo`): a plan with models or discounts copies every catalog row to
    /// build it, and a check reads it for each side, each route's tokenizer and each block.
    public var catalog: PriceCatalog {
        catalogMemo.catalog {
            var catalog = basePrices
            for model in models { catalog.add(model) }
            if !prices.discounts.isEmpty { catalog.applyDiscounts(prices) }
            return catalog
        }
    }
}
