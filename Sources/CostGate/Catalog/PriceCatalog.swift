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

    /// Creates a catalog of `models`; later rows replace earlier ones with the same id.
    public init(_ models: [ModelPrice]) {
        self.models = []
        for model in models { add(model) }
    }

    /// The built-in catalog.
    public static let builtIn = PriceCatalog(BuiltInPrices.models)

    /// Adds or replaces a model.
    public mutating func add(_ model: ModelPrice) {
        let id = ModelID(model.id)
        let index: Int
        if let existing = byID[id.canonical] {
            index = existing
            models[index] = model
        } else {
            index = models.count
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
        var idsByCandidate: [String: Set<String>] = [:]
        for model in models {
            for candidate in [model.id, model.name] + model.aliases {
                idsByCandidate[candidate.lowercased(), default: []].insert(model.id)
            }
        }
        var result: [String] = []
        for candidate in Suggestions.closest(to: name, among: idsByCandidate.keys) {
            for id in idsByCandidate[candidate, default: []].sorted() where !result.contains(id) {
                result.append(id)
            }
        }
        return Array(result.prefix(3))
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
