import Synchronization

/// A plan's catalog, built on first use and then shared by every copy of the plan that has not changed what it is
/// built from.
final class CatalogMemo: Sendable {
    private let built = Mutex<PriceCatalog?>(nil)

    init() {}

    func catalog(_ build: () -> PriceCatalog) -> PriceCatalog {
        built.withLock { built in
            if let built { return built }
            let catalog = build()
            built = catalog
            return catalog
        }
    }
}
