import Foundation

/// The rightsizing options as an aligned table for a terminal.
public struct RightsizeTextRenderer: ReportRenderer {
    /// Creates the renderer.
    public init() {}

    /// Renders `listing` as text.
    public func render(_ listing: RightsizeListing) -> String {
        let header = RightsizeListing.header
        let rows = listing.rows
        var text = "Rightsizing route '\(listing.route)' (\(listing.model))\n" + listing.objectives + "\n\n"
        if rows.isEmpty {
            text += "No option meets the SLOs.\n"
        } else {
            let widths = header.indices.map { i in max(header[i].count, rows.map { $0[i].count }.max() ?? 0) }
            func line(_ cells: [String]) -> String {
                cells.indices.map { i in
                    i < 3 ? cells[i].padding(toLength: widths[i], withPad: " ", startingAt: 0)
                        : String(repeating: " ", count: widths[i] - cells[i].count) + cells[i]
                }.joined(separator: "  ") + "\n"
            }
            text += line(header)
            for row in rows { text += line(row) }
        }
        if !listing.report.infeasible.isEmpty {
            text += "\nNot feasible:\n"
            for item in listing.report.infeasible { text += "  \(item.gpu) TP\(item.tensorParallel): \(item.reason)\n" }
        }
        if let breakEven = listing.breakEven { text += "\n" + breakEven + "\n" }
        return text
    }
}
