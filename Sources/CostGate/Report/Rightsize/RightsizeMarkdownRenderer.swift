/// The rightsizing options as a Markdown table.
public struct RightsizeMarkdownRenderer: ReportRenderer {
    /// Creates the renderer.
    public init() {}

    /// Renders `listing` as Markdown.
    public func render(_ listing: RightsizeListing) -> String {
        let header = RightsizeListing.header
        let rows = listing.rows
        var text = "### Rightsizing \(Markdown.code(listing.route)) (\(Markdown.code(listing.model)))\n\n" + listing.objectives + "\n\n"
        if rows.isEmpty {
            text += "No option meets the SLOs.\n"
        } else {
            text += "| " + header.joined(separator: " | ") + " |\n|" + header.map { _ in "---" }.joined(separator: "|") + "|\n"
            for row in rows { text += "| " + ([Markdown.escape(row[0])] + row.dropFirst()).joined(separator: " | ") + " |\n" }
        }
        if !listing.report.infeasible.isEmpty {
            text += "\nNot feasible:\n\n"
            for item in listing.report.infeasible { text += "- \(Markdown.escape(item.gpu)) TP\(item.tensorParallel): \(item.reason)\n" }
        }
        if let breakEven = listing.breakEven { text += "\n" + breakEven + "\n" }
        return text
    }
}
