/// Aggregate rows become records whose weights and token counts reproduce the row's totals exactly.
///
/// A row with `n` requests and a token total `T` per part has a per-request mean `T / n`, rarely an integer.
/// Rounding it would bill `n × round(T / n)`, not `T`. Instead the row is split into at most six records: request
/// `j` (0 ≤ j < n) of the row gets `⌊T/n⌋ + 1` tokens of a part when `j < T mod n`, else `⌊T/n⌋`, and consecutive
/// requests that get the same counts share one record whose weight is how many they are. Each part then sums to
/// exactly `T` over the row's `n` requests, each record is within one token of the mean, and since cost is linear
/// in tokens, the records' weighted cost is the provider's price of the row's totals, to the picodollar.
extension ChunkBuilder {
    /// Appends the records of `row` (begun with `begin()`, its tags and model already read); returns the issue if
    /// a record would leave the bounds of a request. A row without usage or requests adds nothing.
    mutating func finishUsageRow(_ row: UsageRow, timestamp: Double, field: String) -> RecordIssue? {
        let parts = row.parts
        let requests = row.requests ?? 0
        guard row.hasUsage || requests > 0 else { return nil }
        guard requests <= Int64(TrafficField.weightLimit) else {
            return RecordIssue(field: field + ".num_model_requests", expected: "at most 1e12 requests", found: String(requests))
        }
        let divisor = max(requests, 1)
        // The largest counts any record gets: each part's ceiling.
        let ceilings = parts.map { $0 / divisor + ($0 % divisor == 0 ? 0 : 1) }
        guard ceilings[0] + ceilings[1] + ceilings[2] + ceilings[3] <= TrafficField.tokenLimit,
              ceilings[4] <= TrafficField.tokenLimit else {
            return RecordIssue(field: field, expected: "at most 1,000,000,000,000 input and output tokens per request (totals ÷ num_model_requests)",
                               found: "\(parts[0] + parts[1] + parts[2] + parts[3]) input, \(parts[4]) output over \(divisor) request(s)")
        }
        var cuts = Set<Int64>([0, divisor])
        for part in parts { cuts.insert(part % divisor) }
        let bounds = cuts.sorted()
        for (low, high) in zip(bounds, bounds.dropFirst()) {
            // Requests low..<high get the same counts: the ceiling of every part whose remainder exceeds low.
            let counts = parts.map { $0 / divisor + (low < $0 % divisor ? 1 : 0) }
            draft = TrafficRecord(timestamp: timestamp, model: draft.model, route: draft.route,
                                  inputTokens: counts[0] + counts[1] + counts[2] + counts[3], outputTokens: counts[4])
            draft.cachedInputTokens = counts[1]
            draft.cacheWriteInputTokens = counts[2]
            draft.cacheWrite1hInputTokens = counts[3]
            draft.weight = Double(high - low)
            draft.serviceTierCode = row.tier.map { $0.rawValue + 1 } ?? 0
            draft.contextWindowCode = row.contextWindowCode
            draftExcludesCache = false
            for field in [TrafficField.timestamp, .inputTokens, .outputTokens, .weight] { present |= 1 << UInt32(field.rawValue) }
            if let issue = finish() { return issue }
        }
        return nil
    }
}
