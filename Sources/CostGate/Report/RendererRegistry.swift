/// The output formats of one kind of document, by name, in the order help lists them; the first is the default.
///
/// A command's `--format` choices, their help phrase and their "did you mean" all come from its registry, so a
/// new format is one entry here.
public struct RendererRegistry<Document>: Sendable {
    /// One format: its name (`markdown`) and its renderer.
    public struct Entry: Sendable {
        /// The name `--format` takes.
        public var name: String
        /// The renderer.
        public var renderer: any ReportRenderer<Document>
    }

    /// The formats, the default first.
    public let entries: [Entry]

    /// Creates a registry; the first entry is the default.
    public init(_ entries: [(String, any ReportRenderer<Document>)]) {
        precondition(!entries.isEmpty, "a registry needs at least one format")
        self.entries = entries.map { Entry(name: $0.0, renderer: $0.1) }
    }

    /// The format names, the default first.
    public var names: [String] { entries.map(\.name) }

    /// The default format's name.
    public var defaultName: String { entries[0].name }

    /// The choices as help says them: "text (default), markdown or json".
    public var phrase: String {
        var words = names
        words[0] += " (default)"
        guard words.count > 1 else { return words[0] }
        return words.dropLast().joined(separator: ", ") + " or " + words[words.count - 1]
    }

    /// The renderer called `name`.
    /// - Throws: `CostGateError.unknownName` with the closest format names.
    public func renderer(named name: String) throws(CostGateError) -> any ReportRenderer<Document> {
        guard let entry = entries.first(where: { $0.name == name }) else {
            throw .unknown("format", name, in: "--format", known: names)
        }
        return entry.renderer
    }
}
