/// Renders an evaluation in one output format.
public protocol ReportRenderer: Sendable {
    /// Renders `evaluation` to the complete text of the report.
    func render(_ evaluation: Evaluation) -> String
}

/// The output formats of `check` and `whatif`.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text
    case markdown
    case json

    /// The renderer for this format.
    public var renderer: any ReportRenderer {
        switch self {
        case .text: return TextReportRenderer()
        case .markdown: return MarkdownReportRenderer()
        case .json: return JSONReportRenderer()
        }
    }
}
