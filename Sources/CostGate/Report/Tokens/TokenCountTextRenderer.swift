import Foundation

/// Token counts as an aligned table with a total line.
public struct TokenCountTextRenderer: ReportRenderer {
    /// Creates the renderer.
    public init() {}

    /// Renders `listing` as text.
    public func render(_ listing: TokenCountListing) -> String {
        let label = listing.exact ? "tokens" : "tokens (est.)"
        let rows = listing.files.map { [$0.path, String($0.bytes), String($0.tokens)] }
        let header = ["file", "bytes", label]
        let widths = (0..<3).map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells[0].padding(toLength: widths[0], withPad: " ", startingAt: 0) + "  "
                + String(repeating: " ", count: widths[1] - cells[1].count) + cells[1] + "  "
                + String(repeating: " ", count: widths[2] - cells[2].count) + cells[2] + "\n"
        }
        var text = line(header)
        for row in rows { text += line(row) }
        if listing.exact {
            text += "total: \(listing.total) tokens (\(listing.encoding.rawValue), exact)\n"
        } else {
            text += "total: \(listing.total) tokens, an estimate for \(listing.model ?? ""): \(listing.encoding.rawValue) count × "
                + "\(Format.decimal(listing.ratio)) (not the model's own tokenizer)\n"
        }
        return text
    }
}
