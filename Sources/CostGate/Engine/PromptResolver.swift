/// Counts each route's prompt size for a plan: `prompt_tokens` as written, or the tokens of its `prompt_file`.
public enum PromptResolver {
    /// The prompt sizes of `loaded`'s routes. Files are counted with the tokenizer of the route's model in
    /// `tokenizerPlan` (the head side), so that both sides of a comparison count with the same tokenizer and the
    /// delta reflects only the text that changed.
    public static func sizes(for loaded: LoadedPlan, countingWith tokenizerPlan: LoadedPlan) throws(CostGateError) -> PromptSizes {
        var sizes = PromptSizes()
        for (route, config) in loaded.plan.routes.sorted(by: { $0.key < $1.key }) {
            if let tokens = config.promptTokens {
                sizes.tokens[route] = tokens
                sizes.counter[route] = ("literal", true)
            } else if let file = config.promptFile {
                let (data, display) = try loaded.readFile(file)
                let tokenizer = try PromptTokenizerChoice.forRoute(route, in: tokenizerPlan.plan)
                let count = try PromptFileCounter.count([UInt8](data), path: display, choice: tokenizer)
                sizes.tokens[route] = count.tokens
                sizes.counter[route] = (count.counter, count.exact)
            }
        }
        return sizes
    }
}

/// Which tokenizer counts a route's prompt: the route model's encoding and, for models whose tokenizer is not
/// public, the per-family ratio that turns an o200k count into an estimate.
public struct PromptTokenizerChoice: Sendable, Equatable {
    public var encoding: String
    public var ratio: Double
    public var exact: Bool
    public var modelID: String

    /// The choice for `route` under `plan` (its model, the `*` route's, or o200k_base for recorded models).
    public static func forRoute(_ route: String, in plan: Plan) throws(CostGateError) -> PromptTokenizerChoice {
        let config = plan.routeConfig(for: route)
        guard !config.usesRecordedModel, let name = config.model else {
            return PromptTokenizerChoice(encoding: "o200k_base", ratio: 1, exact: false, modelID: "recorded")
        }
        let model = try plan.catalog.resolve(name, context: "\(plan.file): 'routes.\(route).model'")
        return PromptTokenizerChoice(encoding: model.encoding, ratio: model.tokenizerRatio, exact: model.tokenizerExact, modelID: model.id)
    }
}
