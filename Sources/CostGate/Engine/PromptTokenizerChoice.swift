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
