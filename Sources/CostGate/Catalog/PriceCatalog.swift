/// The model price catalog: the built-in rows plus any models a plan declares.
public struct PriceCatalog: Sendable {
    /// Every model, built-in first, in id order.
    public private(set) var models: [ModelPrice]
    private var byID: [String: Int] = [:]
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
        let index: Int
        if let existing = byID[model.id.lowercased()] {
            index = existing
            models[index] = model
        } else {
            index = models.count
            models.append(model)
            byID[model.id.lowercased()] = index
        }
        for name in [model.name] + model.aliases where !(byBareName[name.lowercased()] ?? []).contains(index) {
            byBareName[name.lowercased(), default: []].append(index)
        }
        for alias in model.aliases where alias.contains("/") {
            byID[alias.lowercased()] = index
        }
    }

    /// The model named `name`: a full `provider/model` id, or a bare model name that only one provider has.
    public func lookup(_ name: String) -> ModelPrice? {
        let key = name.lowercased()
        if let index = byID[key] { return models[index] }
        if let indices = byBareName[key], Set(indices).count == 1 { return models[indices[0]] }
        return nil
    }

    /// Like `lookup`, but throws an unknown-name error with suggestions (or the ambiguous candidates).
    public func resolve(_ name: String, context: String) throws(CostGateError) -> ModelPrice {
        if let model = lookup(name) { return model }
        if let indices = byBareName[name.lowercased()], Set(indices).count > 1 {
            throw .unknownName(kind: "model (ambiguous: name the provider)", name: name, context: context,
                               suggestions: Set(indices).map { models[$0].id }.sorted())
        }
        throw CostGateError.unknownName(kind: "model", name: name, context: context, suggestions: suggestions(for: name))
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
