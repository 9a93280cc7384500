import Synchronization

/// The names `PriceCatalog.suggestions(for:)` compares with, prepared once per catalog: a sample naming many unknown
/// models asks for suggestions for each, and preparing thousands of rows' names each time was most of the work.
/// Copies of a catalog share the index and the answers it has given; a changed catalog gets a new one.
///
/// A catalog made from another by adding or replacing a few rows (a plan's own models on top of the standard catalog)
/// keeps the other's prepared names and prepares only the names those rows had or have: every plan with models of
/// its own used to prepare the whole catalog again.
final class SuggestionIndex: Sendable {
    /// Every id, name and alias, lowercased, and the ids (sorted) of the rows each one names.
    struct Entries: Sendable {
        /// This index's own names: all of them, or for an index made from an origin, those its changed rows touch.
        var candidates: [Suggestions.Candidate]
        var ids: [String: [String]]
        /// Where each name is in `candidates` (an origin's, for the indexes made from it).
        var positions: [String: Int]
        /// The origin's names, and which of them this index's own names replace.
        var inherited: (entries: [Suggestions.Candidate], ids: [String: [String]], replaced: [Bool])?

        /// Offers every name to `search`: the inherited ones that still stand, then this index's own.
        func offer(to search: inout Suggestions.Search) {
            if let inherited {
                for index in inherited.entries.indices where !inherited.replaced[index] { search.consider(inherited.entries[index]) }
            }
            for candidate in candidates { search.consider(candidate) }
        }

        /// The ids of the rows `name` names, sorted.
        func ids(of name: String) -> [String] {
            ids[name] ?? inherited?.ids[name] ?? []
        }
    }

    /// The index a catalog's index was made from, that catalog's rows, and the rows (by position) added or replaced since.
    struct Origin: Sendable {
        var index: SuggestionIndex
        var models: [ModelPrice]
        var changedRows: Set<Int>
    }

    /// More changed rows than this and the whole catalog is prepared afresh.
    static let changedRowLimit = 256

    private let origin: Origin?
    /// Whether a changed catalog may keep this index's names. Not past `changedRowLimit` changes: each change copies
    /// the set of changed rows, and a plan of 100,000 models would copy it 100,000 times.
    private let keepsNames: Bool
    private let built = Mutex<Entries?>(nil)
    /// Suggestions already given, by name (at most `rememberedLimit` of them).
    private let answers = Mutex<[String: [String]]>([:])
    static let rememberedLimit = 4_096

    init(origin: Origin? = nil, keepsNames: Bool = true) {
        self.origin = origin
        self.keepsNames = keepsNames
    }

    /// The index for the catalog whose rows were `models` when it had this index, after its row `row` is added or
    /// replaced.
    func changing(row: Int, of models: [ModelPrice]) -> SuggestionIndex {
        guard keepsNames else { return SuggestionIndex(keepsNames: false) }
        var origin = origin ?? Origin(index: self, models: models, changedRows: [])
        origin.changedRows.insert(row)
        guard origin.changedRows.count <= Self.changedRowLimit else { return SuggestionIndex(keepsNames: false) }
        return SuggestionIndex(origin: origin)
    }

    func answer(for name: String) -> [String]? {
        answers.withLock { $0[name] }
    }

    func remember(_ answer: [String], for name: String) {
        answers.withLock { if $0.count < Self.rememberedLimit { $0[name] = answer } }
    }

    /// The entries for `models`, built on the first call.
    func entries(of models: [ModelPrice]) -> Entries {
        built.withLock { built in
            if let built { return built }
            let entries: Entries
            if let origin {
                entries = Self.entries(of: models, changing: origin)
            } else {
                entries = Self.entries(of: models)
            }
            built = entries
            return entries
        }
    }

    /// A row's names as the index keeps them: its id, name and aliases, lowercased.
    private static func names(of model: ModelPrice) -> [String] {
        ([model.id, model.name] + model.aliases).map { $0.lowercased() }
    }

    /// Every row's names, prepared.
    private static func entries(of models: [ModelPrice]) -> Entries {
        var idsByCandidate: [String: Set<String>] = [:]
        for model in models {
            for candidate in names(of: model) { idsByCandidate[candidate, default: []].insert(model.id) }
        }
        let candidates = idsByCandidate.keys.map(Suggestions.Candidate.init)
        return Entries(candidates: candidates, ids: idsByCandidate.mapValues { $0.sorted() },
                       positions: Dictionary(uniqueKeysWithValues: candidates.enumerated().map { ($1.name, $0) }), inherited: nil)
    }

    /// The origin's prepared names, with those of the changed rows (as they were and as they are) worked out again.
    /// Row ids are unique, so taking a changed row's old id off a name takes off that row and no other.
    private static func entries(of models: [ModelPrice], changing origin: Origin) -> Entries {
        let base = origin.index.entries(of: origin.models)
        var removed = Set<String>()
        var touched = Set<String>()
        for row in origin.changedRows where row < origin.models.count {
            removed.insert(origin.models[row].id)
            touched.formUnion(names(of: origin.models[row]))
        }
        var added: [String: Set<String>] = [:]
        for row in origin.changedRows {
            for name in names(of: models[row]) {
                added[name, default: []].insert(models[row].id)
                touched.insert(name)
            }
        }
        var ids: [String: [String]] = [:]
        var replaced = [Bool](repeating: false, count: base.candidates.count)
        for name in touched.sorted() {
            if let position = base.positions[name] { replaced[position] = true }
            let rows = Set(base.ids[name] ?? []).subtracting(removed).union(added[name] ?? [])
            if !rows.isEmpty { ids[name] = rows.sorted() }
        }
        return Entries(candidates: ids.keys.sorted().map(Suggestions.Candidate.init), ids: ids, positions: [:],
                       inherited: (base.candidates, base.ids, replaced))
    }
}
