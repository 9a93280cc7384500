@testable import CostGate
import Testing

/// The byte path of `Suggestions` (plain ASCII names, a distance that stops once it exceeds the limit) against the
/// rule it replaced: every candidate measured by characters, in full.
struct SuggestionsTests {
    /// The rule as it was written before the byte path: the reference the fast path must agree with.
    static func reference(to name: String, among known: [String]) -> [String] {
        let loweredName = name.lowercased()
        let target = Array(loweredName)
        let limit = max(2, target.count / 3)
        var scored: [(distance: Int, name: String)] = []
        for candidate in known {
            let lowered = candidate.lowercased()
            let distance = lowered.hasSuffix("/" + loweredName) || lowered.contains(loweredName) && name.count >= 4
                ? 1 : Suggestions.editDistance(target, Array(lowered))
            if distance <= limit { scored.append((distance, candidate)) }
        }
        scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.name < $1.name }
        return scored.prefix(3).map(\.name)
    }

    @Test func theBytePathAgreesWithTheCharacterRuleOnRandomNames() {
        var generator = SplitMix64(seed: 11)
        let alphabet = Array("abcdeo-/.4".utf8)
        func randomName(_ length: Int) -> String {
            String(decoding: (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }, as: UTF8.self)
        }
        let known = (0..<300).map { _ in randomName(1 + Int(generator.next() % 14)) } + ["openai/gpt-4o-mini", "GPT-4o", "a/b", "/abc"]
        for round in 0..<400 {
            let name = round % 50 == 0 ? "" : randomName(1 + Int(generator.next() % 12))
            #expect(Suggestions.closest(to: name, among: known) == Self.reference(to: name, among: known), "\(name)")
        }
    }

    /// The search lowers its limit to the third-best distance found so far; over a two-letter alphabet most names tie
    /// at small distances (and some are listed twice), so the order of distance, then name, decides every answer.
    @Test func theFallingLimitKeepsTheAnswerOfAFullSort() {
        var generator = SplitMix64(seed: 23)
        func randomName(_ length: Int) -> String {
            String(decoding: (0..<length).map { _ in UInt8(ascii: "a") + UInt8(generator.next() % 2) }, as: UTF8.self)
        }
        for _ in 0..<60 {
            var known = (0..<(20 + Int(generator.next() % 180))).map { _ in randomName(Int(generator.next() % 11)) }
            known += known.prefix(Int(generator.next() % 8))
            for _ in 0..<40 {
                let name = randomName(Int(generator.next() % 12))
                #expect(Suggestions.closest(to: name, among: known) == Self.reference(to: name, among: known), "\(name)")
            }
        }
    }

    @Test func namesBeyondASCIIAreMeasuredByCharacters() {
        let known = ["gpt-4o-mini", "modèle-a", "modèle-b", "e\u{301}cho", "line\r\nbreak", "linebreak"]
        for name in ["modele-a", "modèle-c", "écho", "e\u{301}chos", "line\r\nbrea", "linebrea", "GPT-4O-MINJ"] {
            #expect(Suggestions.closest(to: name, among: known) == Self.reference(to: name, among: known), "\(name)")
        }
        #expect(Suggestions.closest(to: "modèle-c", among: known) == ["modèle-a", "modèle-b"])
    }

    @Test func theCappedDistanceIsExactUpToItsLimit() {
        var generator = SplitMix64(seed: 5)
        for _ in 0..<2_000 {
            let a = (0..<Int(generator.next() % 9)).map { _ in UInt8(97 + generator.next() % 3) }
            let b = (0..<Int(generator.next() % 9)).map { _ in UInt8(97 + generator.next() % 3) }
            let exact = Suggestions.editDistance(a.map { Character(UnicodeScalar($0)) }, b.map { Character(UnicodeScalar($0)) })
            for limit in 0...4 {
                let capped = Suggestions.editDistance(a, b, limit: limit)
                #expect(exact <= limit ? capped == exact : capped > limit)
            }
        }
    }

    /// `PriceCatalog.suggestions(for:)` as it was before `SuggestionIndex`: every row's names prepared for each call.
    static func catalogReference(_ catalog: PriceCatalog, _ name: String) -> [String] {
        var idsByCandidate: [String: Set<String>] = [:]
        for model in catalog.models {
            for candidate in [model.id, model.name] + model.aliases {
                idsByCandidate[candidate.lowercased(), default: []].insert(model.id)
            }
        }
        var result: [String] = []
        for candidate in reference(to: name, among: Array(idsByCandidate.keys)) {
            for id in idsByCandidate[candidate, default: []].sorted() where !result.contains(id) { result.append(id) }
        }
        if let provider = ModelID(name).provider {
            result = result.filter { ModelID($0).provider == provider } + result.filter { ModelID($0).provider != provider }
        } else {
            func ownsBareName(_ id: String) -> Bool { catalog.lookup(String(id.split(separator: "/", maxSplits: 1).last ?? ""))?.id == id }
            result = result.filter(ownsBareName) + result.filter { !ownsBareName($0) }
        }
        return Array(result.prefix(3))
    }

    @Test func aCatalogOffersTheSameIdsAsPreparingEveryNameAfresh() {
        let catalog = PriceCatalog.standard
        let names = ["gpt-4o-minj", "openai/gpt-4o-mnii", "claude-sonet-4", "gemini-2.5-flsh", "zzzz", "o4-mni", "GPT4O",
                     "anthropic/claude-haiku-45", "mistral-larg", "llama-3.1-8b", "deepsek-chat", "modèle"]
        for name in names {
            let first = catalog.suggestions(for: name)
            #expect(first == Self.catalogReference(catalog, name), "\(name)")
            #expect(catalog.suggestions(for: name) == first)  // the remembered answer
            var changed = catalog
            changed.add(ModelPrice(id: "acme/" + name, rates: TokenRates(input: 1, output: 1), date: "2026-11-30", source: "test"))
            #expect(changed.suggestions(for: name) == Self.catalogReference(changed, name), "\(name)")
            #expect(changed.suggestions(for: name).contains("acme/" + name), "\(name)")
        }
        #expect(catalog.suggestions(for: "gpt-4o-minj").first == "openai/gpt-4o-mini")
    }

    /// A catalog made from the standard one by adding and replacing rows keeps the standard catalog's prepared names
    /// and works out only the changed rows' names again: it must offer what preparing every name afresh offers, for a
    /// replaced row (whose old aliases no longer name it), a row whose alias another row already has, several changes
    /// in a row, and a layer added after them.
    @Test func aChangedCatalogOffersWhatPreparingEveryNameAfreshOffers() {
        let rates = TokenRates(input: 1, output: 1)
        func model(_ id: String, aliases: [String] = []) -> ModelPrice {
            ModelPrice(id: id, rates: rates, date: "2026-11-30", source: "test", aliases: aliases)
        }
        let names = ["gpt-4o-minj", "openai/gpt-4o-mnii", "gpt-4o-mini", "claude-sonet-4", "acme/widgt", "widget-pro", "zzzz",
                     "o4-mni", "gemini-2.5-flsh", "acme/gpt-4o-minii", "tiny", "mistral-larg", "my-alias", "other-alia", "gizmo-onf", "gadget-y"]
        var changes: [(String, (inout PriceCatalog) -> Void)] = [
            ("a new row", { $0.add(model("acme/widget")) }),
            ("a replaced row without its aliases", { $0.add(model("openai/gpt-4o-mini")) }),
            ("a replaced row with new aliases", { $0.add(model("openai/gpt-4o-mini", aliases: ["my-alias", "widget-pro"])) }),
            ("a row whose alias names another row", { $0.add(model("acme/gpt-4o-mini-copy", aliases: ["gpt-4o-mini", "tiny"])) }),
        ]
        changes.append(("a replaced row loses its old aliases", { catalog in
            catalog.addBeneath([(price: model("acme/gizmo", aliases: ["gizmo-one", "gadget-x"]), unprefixed: false)])
            _ = catalog.suggestions(for: "gizmo-onf")  // the origin's names prepared before the change
            catalog.add(model("acme/gizmo", aliases: ["gadget-x"]))
        }))
        changes.append(("every change above, then one replaced again", { catalog in
            for index in 0..<5 { changes[index].1(&catalog) }
            catalog.add(model("acme/widget", aliases: ["other-alias"]))
        }))
        changes.append(("changes, then a layer beneath", { catalog in
            catalog.add(model("acme/widget"))
            catalog.addBeneath([(price: model("layer/widgets"), unprefixed: false)])
            catalog.add(model("acme/gpt-4o-mini-copy", aliases: ["tiny"]))
        }))
        for (label, change) in changes {
            var catalog = PriceCatalog.standard
            change(&catalog)
            for name in names {
                #expect(catalog.suggestions(for: name) == Self.catalogReference(catalog, name), "\(label): \(name)")
            }
        }
        // More changed rows than the limit: the whole catalog is prepared again, with the same answers.
        var many = PriceCatalog.standard
        for index in 0...SuggestionIndex.changedRowLimit { many.add(model("bulk/model-\(index)")) }
        many.add(model("bulk/model-7", aliases: ["seventh"]))
        for name in ["bulk/model-7", "model-300", "gpt-4o-minj", "sevent"] {
            #expect(many.suggestions(for: name) == Self.catalogReference(many, name), "\(name)")
        }
    }

    @Test func byteSearchFindsANeedleAnywhereAndOnlyWhereItIs() {
        let haystack = Array("openai/gpt-4o-mini".utf8)
        for needle in ["openai", "gpt-4o", "mini", "i/g", "openai/gpt-4o-mini", ""] {
            #expect(haystack.containsBytes(Array(needle.utf8)), "\(needle)")
        }
        for needle in ["minis", "gpt-4o-mini-", "xopenai", "4o/", "OPENAI"] {
            #expect(!haystack.containsBytes(Array(needle.utf8)), "\(needle)")
        }
        #expect("claude-sonnet-4".containsASCII("sonnet"))
        #expect(!"claude".containsASCII("claudes"))
        // Against the standard library's search, on random short strings over a small alphabet (many near misses).
        var generator = SplitMix64(seed: 30)
        for _ in 0..<2_000 {
            let a = (0..<Int(generator.next() % 12)).map { _ in UInt8(ascii: "a") + UInt8(generator.next() % 3) }
            let b = (0..<Int(generator.next() % 4)).map { _ in UInt8(ascii: "a") + UInt8(generator.next() % 3) }
            let expected = b.isEmpty || (0...max(0, a.count - b.count)).contains { a.count >= b.count && Array(a[$0..<($0 + b.count)]) == b }
            #expect(a.containsBytes(b) == expected, "\(a) \(b)")
        }
    }

    @Test func anUnknownNameWithNothingCloseListsAShortListOfChoices() {
        let metrics = PolicyMetric.allCases.map(\.rawValue)
        let far = CostGateError.unknown("metric", "latency_p95_ms", in: "plan.json: 'policies[0].metric'", known: metrics)
        #expect(far.description.hasPrefix("plan.json: 'policies[0].metric': unknown metric 'latency_p95_ms'; expected one of 'monthly_cost', "))
        #expect(far.description.contains("'e2e_p95_ms'"))
        let near = CostGateError.unknown("metric", "e2e_p59_ms", in: "p", known: metrics)
        #expect(near.description == "p: unknown metric 'e2e_p59_ms'; did you mean 'e2e_p50_ms' or 'e2e_p99_ms' or 'e2e_p95_ms'?")
        // A long list (the price catalog's models, here 41 names) is not spelled out.
        let many = (0...CostGateError.choicesListed).map { "model-\($0)" }
        #expect(CostGateError.unknown("model", "zzzzzzzzzzzz", in: "p", known: many).description == "p: unknown model 'zzzzzzzzzzzz'")
    }
}
