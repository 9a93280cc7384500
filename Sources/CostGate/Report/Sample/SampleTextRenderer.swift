/// The sample summary for a terminal: one line, then the largest strata.
public struct SampleTextRenderer: ReportRenderer {
    /// Creates the renderer.
    public init() {}

    /// Renders `summary` as text.
    public func render(_ summary: SampleSummary) -> String {
        let kept = summary.sample.indices.count
        let share = summary.total > 0 ? Double(kept) / Double(summary.total) * 100 : 0
        var text = "Kept \(Format.count(Double(kept))) of \(Format.count(Double(summary.total))) records "
        text += "(\(Format.fixed(share, digits: 2))%) in \(summary.sample.strata.count) strata by "
        text += summary.keys.map { TextTable.clean($0) }.joined(separator: ", ") + "; wrote " + TextTable.clean(summary.output) + "\n"
        var table = TextTable(["stratum", "records", "kept", "cost sd (USD)"], rightAligned: [1, 2, 3])
        let largest = summary.sample.strata.sorted { $0.population != $1.population ? $0.population > $1.population : $0.key.lexicographicallyPrecedes($1.key) }
        for stratum in largest.prefix(20) {
            table.add([stratum.key.map { TextTable.clean($0, limit: 40) }.joined(separator: " / "), Format.count(Double(stratum.population)),
                       Format.count(Double(stratum.kept)), Format.unitCost(stratum.standardDeviation)])
        }
        text += table.render()
        if largest.count > 20 { text += "  \(largest.count - 20) more strata not shown\n" }
        return text
    }
}
