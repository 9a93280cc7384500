extension Plan {
    /// The price catalog this plan prices with: the built-in rows, then the plan's own `models` (each replacing
    /// the built-in row of the same id, or adding a custom one).
    ///
    /// Every stage that prices or names a model under a plan takes its catalog from here, so a plan model is
    /// seen the same way by the replay, prompt counting, showback and rightsizing.
    public var catalog: PriceCatalog {
        var catalog = PriceCatalog.builtIn
        for model in models { catalog.add(model) }
        return catalog
    }
}
