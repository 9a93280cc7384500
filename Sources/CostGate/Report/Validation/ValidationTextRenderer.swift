/// The validation summary as a few lines for a terminal or an editor.
public struct ValidationTextRenderer: ReportRenderer {
    /// Creates the renderer.
    public init() {}

    /// Renders `summary` as text.
    public func render(_ summary: ValidationSummary) -> String {
        var text = "\(TextTable.clean(summary.planFile)): valid\n"
        text += "  traffic: \(TextTable.clean(summary.trafficSource)), \(summary.records) records"
        text += summary.skippedRecords > 0 ? " (\(summary.skippedRecords) skipped)\n" : "\n"
        text += "  routes: \(summary.routes.map { TextTable.clean($0) }.joined(separator: ", "))\n"
        text += "  tag keys: \(summary.tagKeys.map { TextTable.clean($0) }.joined(separator: ", "))\n"
        text += "  policies: \(summary.policies), candidates: \(summary.candidates.count)\n"
        for warning in summary.warnings { text += "  warning: \(TextTable.clean(warning, limit: 300))\n" }
        return text
    }
}
