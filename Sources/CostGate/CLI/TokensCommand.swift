import Dispatch
import Foundation
import Synchronization

/// `costgate tokens`: Count tokens in files with an exact OpenAI tokenizer.
enum TokensCommand: Command {
    static let name = "tokens"
    static let summary = "Count tokens in files with an exact OpenAI tokenizer"
    static let help = """
    Usage: costgate tokens [--encoding o200k_base|cl100k_base | --model MODEL] [--format text|json] FILE...

    Count tokens in files with an exact OpenAI tokenizer (tiktoken's o200k_base or cl100k_base).
    Each file is counted as plain text; '-' reads standard input. Special-token text such as
    <|endoftext|> counts as ordinary text.

    Options:
      --encoding NAME   o200k_base (default) or cl100k_base
      --model MODEL     use the model's encoding from the price catalog; models that are not
                        OpenAI's get an estimate: the encoding's count times a per-family ratio
      --format FORMAT   text (default) or json

    """

    private struct Options {
        var encoding: TokenEncoding = .o200kBase
        var model: ModelPrice?
        var format = "text"
        var files: [String] = []
    }

    private struct FileCount {
        var path: String
        var bytes: Int
        var tokens: Int
    }

    static func run(_ arguments: [String], context: CommandContext) throws -> ExitCode {
        let options = try parse(arguments)
        let exact = options.model?.tokenizerExact ?? true
        let ratio = exact ? 1 : (options.model?.tokenizerRatio ?? 1)
        let inputs = try options.files.map { path throws(CostGateError) in (path, try read(path, context: context)) }
        let tokenizer = try BPETokenizer.shared(options.encoding)
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
            FileCount(path: inputs[index].0, bytes: inputs[index].1.count,
                      tokens: PromptCount.estimate(raw[index], ratio: ratio, exact: exact))
        }
        let total = files.reduce(0) { $0 + $1.tokens }
        if options.format == "json" {
            var members: [(key: String, value: JSONValue)] = [
                ("encoding", .string(options.encoding.rawValue)),
                ("exact", .bool(exact)),
            ]
            if !exact { members.append(("ratio", .number(ratio))) }
            members.append(("files", .array(files.map { file in
                .object([("path", .string(file.path)), ("bytes", .number(Double(file.bytes))),
                         ("tokens", .number(Double(file.tokens)))])
            })))
            members.append(("total_tokens", .number(Double(total))))
            context.stdout(JSONWriter.write(.object(members)))
        } else {
            context.stdout(renderText(files, total: total, options: options, exact: exact, ratio: ratio))
        }
        return .success
    }

    private static func parse(_ arguments: [String]) throws(CostGateError) -> Options {
        var options = Options()
        var encodingName: String?
        var modelName: String?
        var index = 0
        func value(_ flag: String, inline: String?) throws(CostGateError) -> String {
            if let inline { return inline }
            index += 1
            guard index < arguments.count else { throw .usage("\(flag) needs a value") }
            return arguments[index]
        }
        var onlyFiles = false
        while index < arguments.count {
            let argument = arguments[index]
            if onlyFiles || argument == "-" || !argument.hasPrefix("-") {
                options.files.append(argument)
                index += 1
                continue
            }
            let parts = argument.split(separator: "=", maxSplits: 1)
            let flag = String(parts[0])
            let inline = parts.count > 1 ? String(parts[1]) : nil
            switch flag {
            case "--":
                onlyFiles = true
            case "--encoding":
                encodingName = try value(flag, inline: inline)
            case "--model":
                modelName = try value(flag, inline: inline)
            case "--format":
                options.format = try value(flag, inline: inline)
                guard options.format == "text" || options.format == "json" else {
                    throw CostGateError.unknown("format", options.format, in: "--format", known: ["text", "json"])
                }
            default:
                throw CostGateError.unknown("option", flag, in: "tokens", known: ["--encoding", "--model", "--format"])
            }
            index += 1
        }
        if encodingName != nil, modelName != nil {
            throw .usage("give --encoding or --model, not both")
        }
        if let encodingName {
            options.encoding = try TokenEncoding.named(encodingName, context: "--encoding")
        }
        if let modelName {
            let model = try PriceCatalog.builtIn.resolve(modelName, context: "--model")
            options.model = model
            options.encoding = try TokenEncoding.named(model.encoding, context: "catalog encoding of \(model.id)")
        }
        guard !options.files.isEmpty else {
            throw .usage("name at least one file to count ('-' reads standard input); see 'costgate tokens --help'")
        }
        return options
    }

    private static func read(_ path: String, context: CommandContext) throws(CostGateError) -> Data {
        if path == "-" { return context.readStdin() }
        let resolved = context.resolve(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) else {
            throw .io(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw .io(path: path, reason: "is a directory, not a file") }
        guard let data = FileManager.default.contents(atPath: resolved) else {
            throw .io(path: path, reason: "cannot read the file (permission denied?)")
        }
        return data
    }

    private static func renderText(_ files: [FileCount], total: Int, options: Options, exact: Bool,
                                   ratio: Double) -> String {
        let label = exact ? "tokens" : "tokens (est.)"
        let rows = files.map { [$0.path, String($0.bytes), String($0.tokens)] }
        let header = ["file", "bytes", label]
        let widths = (0..<3).map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells[0].padding(toLength: widths[0], withPad: " ", startingAt: 0) + "  "
                + String(repeating: " ", count: widths[1] - cells[1].count) + cells[1] + "  "
                + String(repeating: " ", count: widths[2] - cells[2].count) + cells[2] + "\n"
        }
        var text = line(header)
        for row in rows { text += line(row) }
        if exact {
            text += "total: \(total) tokens (\(options.encoding.rawValue), exact)\n"
        } else {
            let model = options.model?.id ?? ""
            text += "total: \(total) tokens, an estimate for \(model): \(options.encoding.rawValue) count × "
                + "\(JSONWriter.format(ratio)) (not the model's own tokenizer)\n"
        }
        return text
    }
}
