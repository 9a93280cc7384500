/// Counts a prompt file's tokens with the chosen tokenizer.
enum PromptFileCounter {
    struct Count {
        var tokens: Int64
        var counter: String
        var exact: Bool
    }

    static func count(_ bytes: [UInt8], path: String, choice: PromptTokenizerChoice) throws(CostGateError) -> Count {
        throw .usage("\(path): prompt_file needs the tokenizer, which is not built yet")
    }
}
