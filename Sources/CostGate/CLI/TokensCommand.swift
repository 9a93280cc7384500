import Dispatch
import Foundation
import Synchronization

/// `costgate tokens`: Count tokens in files with an exact OpenAI tokenizer.
enum TokensCommand: Command {
    static let name = "tokens"
    static let summary = "Count tokens in files with an exact OpenAI tokenizer"

    static let options = OptionTable(command: name, options: [
        .value("encoding", "NAME", help: "o200k_base (default) or cl100k_base"),
        .value("model", "MODEL", help: "use the model's encoding from the price catalog; models that are not",
               "OpenAI's get an estimate: the encoding's count times a per-family ratio"),
        .format(Renderers.tokenCount, help: "{formats}"),
    ], positionals: .many("FILE"), helpColumn: 20)

    static let help = options.help("""
    Usage: costgate tokens [--encoding o200k_base|cl100k_base | --model MODEL] [--format text|json] FILE...

    Count tokens in files with an exact OpenAI tokenizer (tiktoken's o200k_base or cl100k_base).
    Each file is counted as plain text; '-' reads standard input. Special-token text such as
    <|endoftext|> counts as ordinary text.

    """)

    static func run(_ arguments: [String], context: CommandContext) throws -> ExitCode {
        let options = try options.parse(arguments)
        let renderer = try options.renderer(in: Renderers.tokenCount)
        if options.value("encoding") != nil, options.value("model") != nil {
            throw CostGateError.usage("give --encoding or --model, not both")
        }
        var encoding = TokenEncoding.o200kBase
        var model: ModelPrice?
        if let name = options.value("encoding") {
            encoding = try TokenEncoding.named(name, context: "--encoding")
        }
        if let name = options.value("model") {
            let price = try PriceCatalog.builtIn.resolve(name, context: "--model")
            model = price
            encoding = try TokenEncoding.named(price.encoding, context: "catalog encoding of \(price.id)")
        }
        guard !options.positionals.isEmpty else {
            throw CostGateError.usage("name at least one file to count ('-' reads standard input); see 'costgate tokens --help'")
        }
        let exact = model?.tokenizerExact ?? true
        let ratio = exact ? 1 : (model?.tokenizerRatio ?? 1)
        let inputs = try options.positionals.map { path throws(CostGateError) in (path, try context.readArgumentFile(path)) }
        let tokenizer = try BPETokenizer.shared(encoding)
        let counts = Mutex<[Int]>(Array(repeating: 0, count: inputs.count))
        // COSTGATE_THREADS=1 counts on one thread (for benchmarks); the totals are the same either way.
        if context.environment["COSTGATE_THREADS"] == "1" {
            for index in inputs.indices {
                let raw = tokenizer.count(utf8: inputs[index].1, parallel: false)
                counts.withLock { $0[index] = raw }
            }
        } else {
            DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
                let raw = tokenizer.count(utf8: inputs[index].1)
                counts.withLock { $0[index] = raw }
            }
        }
        let raw = counts.withLock { $0 }
        let files = inputs.indices.map { index in
            TokenCountListing.File(path: inputs[index].0, bytes: inputs[index].1.count,
                                   tokens: PromptCount.estimate(raw[index], ratio: ratio, exact: exact))
        }
        let listing = TokenCountListing(encoding: encoding, exact: exact, ratio: ratio, model: model?.id, files: files)
        context.stdout(renderer.document(listing))
        return .success
    }
}
