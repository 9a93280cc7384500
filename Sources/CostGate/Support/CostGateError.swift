/// Every error costgate reports to a user: each names where it happened and what was expected.
///
/// All of these map to exit status 2 (`ExitCode.badInput`) and are rendered by `description`.
public enum CostGateError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A command-line usage error, with an optional hint.
    case usage(String)
    /// A file could not be read or written.
    case io(path: String, reason: String)
    /// A record or value in an input file is malformed.
    case badRecord(file: String, line: Int, field: String?, expected: String, found: String?)
    /// A plan or configuration value is wrong; `path` is the JSON path of the value (`routes.chat.model`).
    case badPlan(file: String, path: String, expected: String, found: String?)
    /// A name that is not known, with the closest known names; when none is close, `choices` lists every known name
    /// of a short list (empty for a long one, such as the price catalog's models).
    case unknownName(kind: String, name: String, context: String, suggestions: [String], choices: [String] = [])
    /// A file named in a plan resolves outside the repository.
    case pathEscapesRepository(file: String, path: String, root: String)
    /// A git invocation failed.
    case git(String)
    /// A computed figure is not a finite number: the inputs, though each within its bounds, add up to more
    /// than a double can hold.
    case notFinite(plan: String, figure: String)
    /// A code host's API refused a request or could not be reached; `reason` says what to do (never a token).
    case remote(service: String, reason: String)

    /// The message, with control, bidi and zero-width characters spelled out: file names, header names and
    /// values come from input files and arguments, and the message is printed, logged and put in reports.
    public var description: String { unescapedDescription.escapingControlCharacters }

    private var unescapedDescription: String {
        switch self {
        case .usage(let message):
            return "usage error: \(message)"
        case .io(let path, let reason):
            return "\(path): \(reason)"
        case .badRecord(let file, let line, let field, let expected, let found):
            var text = "\(file):\(line):"
            if let field { text += " field '\(field)':" }
            text += " expected \(expected)"
            if let found { text += ", found \(found)" }
            return text
        case .badPlan(let file, let path, let expected, let found):
            var text = "\(file): \(path.isEmpty ? "top level" : "'\(path)'"): expected \(expected)"
            if let found { text += ", found \(found)" }
            return text
        case .unknownName(let kind, let name, let context, let suggestions, let choices):
            // An empty context leaves the "where" to the `costgate <command>: ` prefix.
            var text = (context.isEmpty ? "" : "\(context): ") + "unknown \(kind) '\(name)'"
            if !suggestions.isEmpty {
                text += "; did you mean " + suggestions.map { "'\($0)'" }.joined(separator: " or ") + "?"
            } else if !choices.isEmpty {
                text += "; expected one of " + choices.map { "'\($0)'" }.joined(separator: ", ")
            }
            return text
        case .pathEscapesRepository(let file, let path, let root):
            return "\(file): path '\(path)' resolves outside the repository \(root); files named in a plan must stay inside it"
        case .git(let message):
            return "git: \(message)"
        case .remote(let service, let reason):
            return "\(service): \(reason)"
        case .notFinite(let plan, let figure):
            // Cost per quality divides by the weighted quality scores: only scores next to 0 take it past a double.
            let cause = figure.hasPrefix("cost_per_quality")
                ? "the records' quality scores are so close to 0 that the cost divided by them is beyond what can be computed"
                : "the traffic's weights and token counts and the plan's prices multiply beyond what can be computed"
            return "\(plan): the forecast's \(figure) is not a finite number; \(cause), so no report is written"
        }
    }

    /// How many known names an unknown-name error lists when none is close to the name given.
    static let choicesListed = 40

    /// Creates an unknown-name error, suggesting the closest of `known` names, or listing them all when none is close
    /// and there are at most `choicesListed`.
    public static func unknown(_ kind: String, _ name: String, in context: String, known: some Sequence<String>) -> CostGateError {
        let names = Array(known)
        let suggestions = Suggestions.closest(to: name, among: names)
        let choices = suggestions.isEmpty && names.count <= choicesListed ? names : []
        return .unknownName(kind: kind, name: name, context: context, suggestions: suggestions, choices: choices)
    }
}

/// Renders a short excerpt of an offending value for an error message: at most `limit` characters, quoted.
/// Control, bidi and zero-width characters are spelled out by `CostGateError.description`, for the whole message.
func excerpt<S: StringProtocol>(_ value: S, limit: Int = 40) -> String {
    let text = String(value)
    let cut = text.count > limit ? String(text.prefix(limit)) + "…" : text
    return "'" + cut + "'"
}
