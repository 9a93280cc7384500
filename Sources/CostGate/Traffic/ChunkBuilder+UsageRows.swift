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
    mutating func finishUsageRow(_ row: UsageRow, timestamp: Double, field: @autoclosure () -> String) -> RecordIssue? {
        let requests = row.requests ?? 0
        guard row.hasUsage || requests > 0 else { return nil }
        guard requests <= Int64(TrafficField.weightLimit) else {
            return RecordIssue(field: field() + ".num_model_requests", expected: "at most 1e12 requests", found: String(requests))
        }
        let divisor = max(requests, 1)
        // Quotients and remainders of the parts: uncached input, cache reads, 5-minute writes, 1-hour writes, output.
        let quotients = (row.uncached / divisor, row.cached / divisor, row.write5m / divisor, row.write1h / divisor, row.output / divisor)
        let remainders = (row.uncached % divisor, row.cached % divisor, row.write5m % divisor, row.write1h % divisor, row.output % divisor)
        func ceiling(_ quotient: Int64, _ remainder: Int64) -> Int64 { quotient + (remainder == 0 ? 0 : 1) }
        // The largest counts any record gets: each part's ceiling.
        guard ceiling(quotients.0, remainders.0) + ceiling(quotients.1, remainders.1) + ceiling(quotients.2, remainders.2)
                + ceiling(quotients.3, remainders.3) <= TrafficField.tokenLimit,
              ceiling(quotients.4, remainders.4) <= TrafficField.tokenLimit else {
            return RecordIssue(field: field(), expected: "at most 1,000,000,000,000 input and output tokens per request (totals ÷ num_model_requests)",
                               found: "\(row.uncached + row.cached + row.write5m + row.write1h) input, \(row.output) over \(divisor) request(s)")
        }
        // The cut points: 0, every distinct remainder, n; requests between two cuts get the same counts.
        var cuts: (Int64, Int64, Int64, Int64, Int64, Int64, Int64) = (0, remainders.0, remainders.1, remainders.2, remainders.3, remainders.4, divisor)
        return withUnsafeMutableBytes(of: &cuts) { raw -> RecordIssue? in
            let bounds = raw.bindMemory(to: Int64.self)
            // Insertion sort of seven values.
            for index in 1..<7 {
                let value = bounds[index]
                var position = index
                while position > 0 && bounds[position - 1] > value {
                    bounds[position] = bounds[position - 1]
                    position -= 1
                }
                bounds[position] = value
            }
            var low = bounds[0]
            for index in 1..<7 where bounds[index] > low {
                let high = bounds[index]
                // Requests low..<high get the ceiling of every part whose remainder exceeds low.
                let uncached = quotients.0 + (low < remainders.0 ? 1 : 0)
                let cached = quotients.1 + (low < remainders.1 ? 1 : 0)
                let write5m = quotients.2 + (low < remainders.2 ? 1 : 0)
                let write1h = quotients.3 + (low < remainders.3 ? 1 : 0)
                let output = quotients.4 + (low < remainders.4 ? 1 : 0)
                draft = TrafficRecord(timestamp: timestamp, model: draft.model, route: draft.route,
                                      inputTokens: uncached + cached + write5m + write1h, outputTokens: output)
                draft.cachedInputTokens = cached
                draft.cacheWriteInputTokens = write5m
                draft.cacheWrite1hInputTokens = write1h
                draft.weight = Double(high - low)
                draft.serviceTierCode = row.tier.map { $0.rawValue + 1 } ?? 0
                draft.contextWindowCode = row.contextWindowCode
                draftExcludesCache = false
                present |= Self.aggregateFields
                if let issue = finish() { return issue }
                low = high
            }
            return nil
        }
    }

    /// The fields every aggregate record sets.
    private static let aggregateFields: UInt32 = [TrafficField.timestamp, .inputTokens, .outputTokens, .weight]
        .reduce(0) { $0 | 1 << UInt32($1.rawValue) }
}
