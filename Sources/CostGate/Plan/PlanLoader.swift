import Foundation

/// Finds, reads, parses and patches plans.
public enum PlanLoader {
    /// Locates the plan named on the command line (relative paths resolve against `currentDirectory`): its
    /// repository root and repository-relative path.
    public static func locate(_ argument: String, currentDirectory: String) throws(CostGateError) -> (root: String, path: String) {
        let resolved = argument.hasPrefix("/") ? argument : (currentDirectory as NSString).appendingPathComponent(argument)
        let full = URL(fileURLWithPath: resolved).standardizedFileURL.resolvingSymlinksInPath().path
        guard FileManager.default.fileExists(atPath: full) else {
            throw .io(path: argument, reason: "no such plan file (pass --plan FILE, default costgate.json)")
        }
        let folder = (full as NSString).deletingLastPathComponent
        let root = Git.topLevel(of: folder).map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path } ?? folder
        guard full.hasPrefix(root + "/") else { return (folder, (full as NSString).lastPathComponent) }
        return (root, String(full.dropFirst(root.count + 1)))
    }

    /// Reads and parses the plan at the repository-relative `path` from `source`.
    public static func load(_ path: String, from source: FileSource) throws(CostGateError) -> LoadedPlan {
        let data = try source.read(path, namedIn: source.displayPath(path))
        let display = source.displayPath(path)
        var bytes = [UInt8](data)
        // A UTF-8 byte order mark is allowed (RFC 8259 §8.1), as the traffic readers allow it.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let json = try JSONParser.parse(bytes, file: display)
        return try LoadedPlan(plan: try PlanParser.parse(json, file: display), source: source, path: path).resolvingCalibrations().resolvingPrices()
    }

    /// Returns the plan with `patch` applied to its JSON and parsed again, so a patch is checked like a plan.
    public static func patched(_ loaded: LoadedPlan, with patch: [(path: String, value: JSONValue)], label: String) throws(CostGateError) -> LoadedPlan {
        var raw = loaded.plan.raw
        for (path, value) in patch {
            let segments = path.dottedPathSegments
            guard !segments.isEmpty, segments.allSatisfy({ !$0.isEmpty }) else {
                throw .usage("\(label): \(excerpt(path, limit: 80)) is not a dotted plan path such as routes.chat.model")
            }
            // Plans nest a few levels deep; a bound keeps a hostile path from costing memory by the square of
            // its depth as each level is copied.
            guard segments.count <= maximumPathDepth else {
                throw .usage("\(label): \(excerpt(path, limit: 80)) has \(segments.count) segments; a plan path has at most \(maximumPathDepth)")
            }
            // A list's entries are named by index; anything else there would replace the whole list with an object.
            var node: JSONValue? = raw
            for (depth, segment) in segments.enumerated() {
                guard let current = node else { break }
                if case .array(let elements) = current {
                    guard let index = JSONValue.listIndex(segment), elements.indices.contains(index) else {
                        let list = segments[..<depth].joined(separator: ".")
                        let indices = elements.isEmpty ? "it is empty" : elements.count == 1 ? "its one entry is \(list).0"
                            : "its entries are \(list).0 to \(list).\(elements.count - 1)"
                        throw .usage("\(label): \(excerpt(path, limit: 80)): '\(list)' is a list, and \(indices)")
                    }
                    node = elements[index]
                } else {
                    node = current.objectMembers?.first { $0.key == segment }?.value
                }
            }
            raw = raw.setting(segments, to: value)
        }
        var copy = loaded
        copy.plan = try PlanParser.parse(raw, file: "\(loaded.plan.file) with \(label)")
        return try copy.resolvingCalibrations().resolvingPrices()
    }

    /// The most segments a dotted plan path may have.
    static let maximumPathDepth = 16

    /// Parses a `--set key=value` argument; the value is JSON when it parses as JSON, else a string.
    public static func assignment(_ text: String) throws(CostGateError) -> (path: String, value: JSONValue) {
        guard let equals = text.firstIndex(of: "=") else {
            throw .usage("--set takes key=value, such as routes.chat.model=openai/gpt-4o-mini; got '\(text)'")
        }
        let key = String(text[..<equals])
        let valueText = String(text[text.index(after: equals)...])
        let value = (try? JSONParser.parse(Array(valueText.utf8))) ?? .string(valueText)
        return (key, value)
    }
}
