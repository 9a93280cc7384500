/// What a replay approximates or leaves out because of how the traffic was read (usage-report rows, a join), said in the report.
extension Replayer {
    /// Warnings for a replay of aggregate rows: each row's requests are taken as equal (per-request means), so a
    /// per-request change is exact only where it is linear and the row's request count is known.
    static func aggregateWarnings(_ traffic: Traffic, plan: Plan, promptDeltas: [Int32: Int64]) -> [String] {
        var warnings: [String] = []
        let source = traffic.source
        let counted = traffic.aggregateRows - traffic.aggregateRowsWithoutCount
        if traffic.aggregateRowsWithoutCount > 0 {
            warnings.append("\(source): \(traffic.aggregateRowsWithoutCount) usage row(s) carry no request count; each is read as one request of the row's token totals, so request counts, per-request figures and latency count rows, not requests (cost is exact)")
        }
        var routes: [String] = []
        var seen = Set<Int32>()
        for record in traffic.records where seen.insert(record.route).inserted { routes.append(traffic.strings[record.route]) }
        for route in routes.sorted() {
            let config = plan.routeConfig(for: route)
            if let cap = config.maxOutputTokens {
                warnings.append("route '\(route)': max_output_tokens \(cap) is applied to each usage row's per-request mean output (\(source) has no per-request sizes), so requests above the cap whose row mean is below it are not capped")
            }
            let delta = traffic.strings.id(of: route).flatMap { promptDeltas[$0] } ?? 0
            if delta != 0 && traffic.aggregateRowsWithoutCount > 0 {
                warnings.append("route '\(route)': the prompt change (\(delta > 0 ? "+" : "")\(delta) tokens a request) is applied once per usage row without a request count, not once per request: its cost is understated")
            } else if delta < 0 && counted > 0 {
                warnings.append("route '\(route)': the prompt change (\(delta) tokens a request) is applied to each usage row's per-request mean input; where a mean is shorter than the cut it stops at zero")
            }
        }
        let modality = traffic.aggregateModalityTokens
        if !modality.isEmpty {
            // Kept under the Markdown report's 300 characters a warning, the caveat included.
            let parts = [(modality.audioInput, "input_audio_tokens"), (modality.audioOutput, "output_audio_tokens"),
                         (modality.imageInput, "input_image_tokens"), (modality.imageOutput, "output_image_tokens")]
                .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
            warnings.append("\(source): \(parts.joined(separator: ", ")) are priced at text rates (no audio or image rates), as parts of input_tokens and output_tokens as OpenAI's usage API documents; older exports counted text only there and omit them")
        }
        return warnings
    }
}

extension Replayer {
    /// The warning for records `traffic.join` found no partner for: they keep only their own tags.
    static func joinWarning(_ join: Traffic.JoinSummary, traffic: Traffic) -> String {
        var text = "traffic join: \(join.unmatched) of \(join.matched + join.unmatched) record(s) in \(traffic.source) found no partner in \(join.source)"
        if join.withoutKey > 0 { text += " (\(join.withoutKey) carry no join key)" }
        return text + "; they have none of the join's tags"
    }
}
