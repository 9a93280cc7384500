/// The model price catalog: the built-in rows plus any models a plan declares.
public struct PriceCatalog: Sendable {
    /// Every model, built-in first, in id order.
    public private(set) var models: [ModelPrice]
    /// Row by canonical id, so a plan model replaces the built-in row it names.
    private var byID: [String: Int] = [:]
    /// Rows by canonical qualified name (`ModelID.canonical`): each id, each `/` alias, and provider + alias.
    private var byQualifiedName: [String: [Int]] = [:]
    /// Rows by canonical bare name: each model's name and unqualified aliases.
    private var byBareName: [String: [Int]] = [:]
    /// What `suggestions(for:)` compares a name with, built on first use; every change to the rows starts a new one.
    private var suggestionIndex = SuggestionIndex()

    /// Creates a catalog of `models`; later rows replace earlier ones with the same id.
    public init(_ models: [ModelPrice]) {
        self.models = []
        for model in models { add(model) }
        suggestionIndex = SuggestionIndex()
    }

    /// The built-in catalog.
    public static let builtIn = PriceCatalog(BuiltInPrices.models)

    /// The catalog a plan prices with when it names no price files: the built-in rows, then beneath them the
    /// bundled LiteLLM snapshot (`LiteLLMPriceMap.bundled`) for every model they lack.
    public static let standard: PriceCatalog = {
        var catalog = PriceCatalog.builtIn
        catalog.addBeneath(LiteLLMPriceMap.bundled)
        return catalog
    }()

    /// The LiteLLM maps layered into this catalog, top first, for assumptions and listings.
    public private(set) var litellmMaps: [LiteLLMPriceMap] = []

    /// Adds `rows` beneath the rows already present: a row whose id an upper layer already resolves is left out,
    /// except for what the upper row lacks (`ModelPrice.supplement(from:)`), and a name an upper layer claims stays
    /// with it.
    ///
    /// Bare names are claimed as LiteLLM resolves them: first by rows flagged `unprefixed` (LiteLLM's key
    /// `gpt-5.1` is OpenAI's model), then by the other rows where no earlier layer claims the name; two such
    /// rows make the bare name ambiguous, so `mistral-large-3` on Azure and on Mistral must be named with the
    /// provider.
    public mutating func addBeneath(_ rows: [(price: ModelPrice, unprefixed: Bool)]) {
        suggestionIndex = SuggestionIndex()
        let upperQualified = Set(byQualifiedName.keys)
        for pass in [true, false] {
            let claimedBare = Set(byBareName.keys)
            for (price, unprefixed) in rows where unprefixed == pass {
                let id = ModelID(price.id)
                if upperQualified.contains(id.canonical) || byID[id.canonical] != nil {
                    if let row = lookupIndex(id) { models[row].supplement(from: price) }
                    continue
                }
                let index = models.count
                models.append(price)
                byID[id.canonical] = index
                byQualifiedName[id.canonical, default: []].append(index)
                if !claimedBare.contains(id.key), !(pass && byBareName[id.key] != nil) {
                    byBareName[id.key, default: []].append(index)
                }
                for alias in price.aliases.map(ModelID.init) where !upperQualified.contains(alias.canonical) {
                    if alias.provider == nil {
                        if !claimedBare.contains(alias.key) { byBareName[alias.key, default: []].append(index) }
                    } else if !(byQualifiedName[alias.canonical] ?? []).contains(index) {
                        byQualifiedName[alias.canonical, default: []].append(index)
                    }
                }
            }
        }
    }

    /// Takes each row's discount (`PriceSettings.discount(for:)`) off its rates; rows no pattern matches keep list prices.
    public mutating func applyDiscounts(_ settings: PriceSettings) {
        // Discounts change rates, not names: the suggestion index stays.
        // Every row has one entry in `byID`, under its canonical id, so no id is put in canonical form again.
        let matcher = PriceSettings.DiscountMatcher(settings.discounts)
        for (canonical, index) in byID {
            guard let discount = matcher.discount(forCanonical: canonical) else { continue }
            models[index] = models[index].discounted(by: discount.fraction)
        }
    }

    /// Adds a LiteLLM map beneath the rows already present (see `addBeneath(_:)`) and records it for assumptions.
    public mutating func addBeneath(_ map: LiteLLMPriceMap) {
        addBeneath(map.rows)
        litellmMaps.append(map)
    }

    /// Adds or replaces a model.
    public mutating func add(_ model: ModelPrice) {
        let id = ModelID(model.id)
        let existing = byID[id.canonical]
        let index = existing ?? models.count
        // The index keeps the names prepared before the change and works out this row's again.
        suggestionIndex = suggestionIndex.changing(row: index, of: models)
        if existing != nil {
            models[index] = model
        } else {
            models.append(model)
            byID[id.canonical] = index
        }
        func insert(_ key: String, into table: inout [String: [Int]]) {
            if !(table[key] ?? []).contains(index) { table[key, default: []].append(index) }
        }
        insert(id.canonical, into: &byQualifiedName)
        insert(id.key, into: &byBareName)
        for alias in model.aliases.map(ModelID.init) {
            if alias.provider == nil { insert(alias.key, into: &byBareName) } else { insert(alias.canonical, into: &byQualifiedName) }
            // Under the row's provider too, so `anthropic/claude-sonnet-4-5-20250929` (LiteLLM's key) finds it.
            if let provider = id.provider { insert(provider + "/" + ModelID.canonical(alias.text[...]), into: &byQualifiedName) }
        }
    }

    /// The rows `id` can name under `ModelID`'s rule: one when it resolves, several when it is ambiguous.
    private func candidates(_ id: ModelID) -> [Int] {
        let rows = id.provider == nil ? byBareName[id.key] : byQualifiedName[id.canonical]
        var distinct: [Int] = []
        for row in rows ?? [] where !distinct.contains(row) { distinct.append(row) }
        return distinct
    }

    /// The model `id` names under `ModelID`'s rule, nil when it names none or several.
    public func lookup(_ id: ModelID) -> ModelPrice? {
        let rows = candidates(id)
        return rows.count == 1 ? models[rows[0]] : nil
    }

    /// The model named `name`: a catalog id, a bare name only one provider has, an alias, or a provider's own
    /// spelling of one of these (see `ModelID`).
    public func lookup(_ name: String) -> ModelPrice? {
        lookup(ModelID(name))
    }

    /// Like `lookup`, but throws an unknown-name error with suggestions (or the ambiguous candidates).
    public func resolve(_ name: String, context: String) throws(CostGateError) -> ModelPrice {
        let rows = candidates(ModelID(name))
        if rows.count == 1 { return models[rows[0]] }
        if rows.count > 1 {
            throw .unknownName(kind: "model (ambiguous: name the provider)", name: name, context: context,
                               suggestions: rows.map { models[$0].id }.sorted())
        }
        throw CostGateError.unknownName(kind: "model", name: name, context: context, suggestions: suggestions(for: name))
    }

    /// Whether two names name the same model: both resolve to one row, or neither resolves and they are the same
    /// name (`ModelID.sameSpelling`). A name that resolves never equals one that does not.
    public func sameModel(_ a: ModelID, _ b: ModelID) -> Bool {
        switch (lookupIndex(a), lookupIndex(b)) {
        case (let x?, let y?): return x == y
        case (nil, nil): return a.sameSpelling(as: b)
        default: return false
        }
    }

    /// `sameModel` for names as written.
    public func sameModel(_ a: String, _ b: String) -> Bool {
        a == b || sameModel(ModelID(a), ModelID(b))
    }

    private func lookupIndex(_ id: ModelID) -> Int? {
        let rows = candidates(id)
        return rows.count == 1 ? rows[0] : nil
    }

    /// The ids of the models closest to `name`, comparing it with every id, bare name and alias.
    ///
    /// A bare typo (`gpt-4o-mnii`) is far from any full id but close to a bare name, so both are compared and
    /// the match is reported as the full id (`openai/gpt-4o-mini`).
    public func suggestions(for name: String) -> [String] {
        // Both sides of a check usually share one catalog and ask about the same unknown names.
        if let known = suggestionIndex.answer(for: name) { return known }
        let index = suggestionIndex.entries(of: models)
        var search = Suggestions.Search(name)
        index.offer(to: &search)
        var result: [String] = []
        for candidate in search.names {
            for id in index.ids(of: candidate) where !result.contains(id) {
                result.append(id)
            }
        }
        // A name that says its provider (`openai/gpt-4o-mnii`) is first offered that provider's models, not a
        // reseller's copy of the same name (`replicate/openai/gpt-4o-mini`).
        if let provider = ModelID(name).provider {
            let own = result.filter { ModelID($0).provider == provider }
            result = own + result.filter { ModelID($0).provider != provider }
        } else {
            // A bare name is first offered the row that owns the bare name (`openai/gpt-4o-mini`, not Azure's).
            func ownsBareName(_ id: String) -> Bool { lookup(String(id.split(separator: "/", maxSplits: 1).last ?? ""))?.id == id }
            result = result.filter(ownsBareName) + result.filter { !ownsBareName($0) }
        }
        let answer = Array(result.prefix(3))
        suggestionIndex.remember(answer, for: name)
        return answer
    }

    /// Rows whose id, alias or provider contains `query` (case-insensitive), in id order.
    public func search(_ query: String?) -> [ModelPrice] {
        let sorted = models.sorted { $0.id < $1.id }
        guard let query, !query.isEmpty else { return sorted }
        let needle = query.lowercased()
        return sorted.filter { model in
            model.id.lowercased().contains(needle) || model.aliases.contains { $0.lowercased().contains(needle) }
        }
    }
}
