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
