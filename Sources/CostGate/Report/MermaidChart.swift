/// A Mermaid `xychart-beta` bar chart of monthly cost by route, base vs head, in a ```` ```mermaid ```` fence
/// (GitHub and GitLab draw it in comments).
///
/// Inside a fence Markdown processes nothing, so no Markdown escaping applies; instead every label keeps only
/// letters, digits, spaces and `_-./+=@`: no quote can end a Mermaid string, no bracket or `;` can end a list
/// or a statement, no `%` can start a directive, no backtick or newline can close the fence.
enum MermaidChart {
    /// The most routes drawn; the rest are summed into "other".
    static let maxRoutes = 6

    /// The chart for `rows` (in `Comparison`'s order, largest change first), or nil when there is nothing to draw.
    /// Each route is two bars, base then head, labelled so (a chart has no legend).
    static func costByRoute(_ rows: [Comparison.Row], base: String, head: String) -> String? {
        guard !rows.isEmpty, rows.contains(where: { $0.baseCost != 0 || $0.headCost != 0 }) else { return nil }
        var shown = Array(rows.prefix(rows.count > maxRoutes ? maxRoutes - 1 : maxRoutes)).map { (label(name: $0.name), $0.baseCost, $0.headCost) }
        if rows.count > shown.count {
            let rest = rows.dropFirst(shown.count)
            shown.append(("other (\(rest.count) routes)", rest.reduce(0) { $0 + $1.baseCost }, rest.reduce(0) { $0 + $1.headCost }))
        }
        let baseLabel = label(name: base, limit: 12)
        let headLabel = label(name: head, limit: 12)
        var labels: [String] = []
        var bars: [String] = []
        for (name, before, after) in shown {
            labels += ["\"\(name) \(baseLabel)\"", "\"\(name) \(headLabel)\""]
            bars += [amount(before), amount(after)]
        }
        // Horizontal, so long labels sit on the left instead of overlapping; one series, because Mermaid draws
        // a second series over the first at the same place rather than beside it.
        return "```mermaid\nxychart-beta horizontal\n"
            + "    title \"Monthly cost by route, USD (\(baseLabel) vs \(headLabel))\"\n"
            + "    x-axis [" + labels.joined(separator: ", ") + "]\n"
            + "    y-axis \"USD per month\" 0 --> " + amount(axisTop(shown.map { max($0.1, $0.2) }.max() ?? 0)) + "\n"
            + "    bar [" + bars.joined(separator: ", ") + "]\n"
            + "```\n"
    }

    /// `name` reduced to characters that cannot end a Mermaid string or statement, nor the fence.
    static func label(name: String, limit: Int = 24) -> String {
        // Controls, bidi and zero-width characters go as in every format; line breaks become spaces.
        let visible = Markdown.sanitized(name, limit: limit)
        let safe = visible.map { character -> Character in
            character == "…" || character.isLetter || character.isNumber || " _-./+=@".contains(character) ? character : "_"
        }
        let trimmed = String(safe).split(separator: " ").joined(separator: " ")
        return trimmed.isEmpty ? "(empty)" : trimmed
    }

    /// Dollars with cents, no grouping (Mermaid reads plain numbers).
    private static func amount(_ usd: Double) -> String { Format.fixed(max(0, usd), digits: 2) }

    /// The axis end: `value` rounded up to 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten (at least $1), so the
    /// axis starts at zero (Mermaid would start it at the smallest bar) and ends just past the longest bar.
    static func axisTop(_ value: Double) -> Double {
        guard value > 1, value.isFinite else { return 1 }
        var power = 1.0
        while power * 10 <= value { power *= 10 }
        for step in [1.0, 1.5, 2, 2.5, 3, 4, 5, 6, 8] where step * power >= value { return step * power }
        return 10 * power
    }
}
