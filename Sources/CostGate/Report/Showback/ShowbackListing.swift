/// What `costgate breakdown` prints: a showback, with the human-readable tables cut to their largest groups.
public struct ShowbackListing: Sendable {
    /// The spend, grouped.
    public var showback: Showback
    /// How many of the largest groups of each table text and Markdown show (0 = all); JSON and CSV show all.
    public var top: Int
    /// The charges a FOCUS export lists, computed only for `--format focus`.
    public var focus: FocusCharges?

    /// Creates a listing.
    public init(showback: Showback, top: Int, focus: FocusCharges? = nil) {
        self.showback = showback
        self.top = top
        self.focus = focus
    }

    /// The rows of a table that text and Markdown show.
    func shown(_ rows: [Showback.Row]) -> [Showback.Row] {
        top > 0 ? Array(rows.prefix(top)) : rows
    }

    /// "Spend of the recorded window (24.00 hours, 1,000 requests): $12.34".
    var heading: String {
        "Spend of the recorded window (\(Format.fixed(showback.windowHours, digits: 2)) hours, "
            + "\(Format.count(showback.total.requests)) requests): \(Format.money(showback.total.cost))"
    }
}
