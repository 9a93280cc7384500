import Synchronization

/// The names `PriceCatalog.suggestions(for:)` compares with, prepared once per catalog: a sample naming many unknown
/// models asks for suggestions for each, and preparing thousands of rows' names each time was most of the work.
/// Copies of a catalog share the index and the answers it has given; a changed catalog gets a new one.
final class SuggestionIndex: Sendable {
    /// Every id, name and alias, lowercased, and the ids (sorted) of the rows each one names.
    struct Entries: Sendable {
        var candidates: [Suggestions.Candidate]
        var ids: [String: [String]]
    }

    private let built = Mutex<Entries?>(nil)
    /// Suggestions already given, by name (at most `rememberedLimit` of them).
    private let answers = Mutex<[String: [String]]>([:])
    static let rememberedLimit = 4_096

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
            var idsByCandidate: [String: Set<String>] = [:]
            for model in models {
                for candidate in [model.id, model.name] + model.aliases {
                    idsByCandidate[candidate.lowercased(), default: []].insert(model.id)
                }
            }
            let entries = Entries(candidates: idsByCandidate.keys.map(Suggestions.Candidate.init),
                                  ids: idsByCandidate.mapValues { $0.sorted() })
            built = entries
            return entries
        }
    }
}
