/// Writes traffic records as canonical costgate JSON Lines: the field names of the README's traffic table,
/// OpenAI's token convention (input includes cache reads and writes, as records hold it), timestamps in Unix
/// seconds, every number in the shortest text that reads back to the same double, absent
/// optional fields left out. A plan reads the result with `"format": "jsonl"` and no `columns`.
enum CanonicalJSONLines {
    /// One line (with its newline) for `record`, with `weight` in place of the record's own.
    static func line(_ record: TrafficRecord, weight: Double, in traffic: Traffic) -> String {
        var members: [String] = []
        func number(_ key: String, _ value: Double) { members.append("\"\(key)\": " + Format.decimal(value)) }
        func integer(_ key: String, _ value: Int64) { members.append("\"\(key)\": \(value)") }
        func string(_ key: String, _ value: String) { members.append("\"\(key)\": " + JSONWriter.quote(value)) }
        number("timestamp", record.timestamp)
        string("model", traffic.strings[record.model])
        string("route", traffic.strings[record.route])
        integer("input_tokens", record.inputTokens)
        if record.cachedInputTokens > 0 { integer("cached_input_tokens", record.cachedInputTokens) }
        if record.cacheWriteInputTokens > 0 { integer("cache_write_input_tokens", record.cacheWriteInputTokens) }
        if record.cacheWrite1hInputTokens > 0 { integer("cache_write_1h_input_tokens", record.cacheWrite1hInputTokens) }
        if let tier = record.serviceTier { string("service_tier", tier.name) }
        integer("output_tokens", record.outputTokens)
        if record.reasoningTokens > 0 { integer("reasoning_tokens", record.reasoningTokens) }
        if !record.latencyMs.isNaN { number("latency_ms", record.latencyMs) }
        if !record.ttftMs.isNaN { number("ttft_ms", record.ttftMs) }
        string("status", record.isError ? "error" : "ok")
        if !record.quality.isNaN { number("quality", record.quality) }
        number("weight", weight)
        if record.billedCostUSD.isFinite { number("billed_cost_usd", record.billedCostUSD) }
        if record.contextWindowCode != 0 { string("context_window", record.contextWindowCode == 2 ? "200k-1M" : "0-200k") }
        if record.cacheHitCode != 0 { members.append("\"cache_hit\": " + (record.cacheHitCode == 2 ? "true" : "false")) }
        if record.outcomeCode != 0 { string("outcome", record.outcomeCode == 2 ? "failure" : "success") }
        if record.promptHash >= 0 { string("prompt_hash", traffic.strings[record.promptHash]) }
        if record.prefixID >= 0 { string("prefix_id", traffic.strings[record.prefixID]) }
        if record.prefixTokens > 0 { integer("prefix_tokens", record.prefixTokens) }
        if record.hashCount > 0 {
            let hashes = traffic.hashPool[Int(record.hashStart)..<Int(record.hashStart + record.hashCount)]
            members.append("\"hash_ids\": [" + hashes.map(String.init).joined(separator: ", ") + "]")
        }
        let tags = traffic.tagSets[Int(record.tagSet)]
        if !tags.isEmpty {
            let pairs = tags.map { JSONWriter.quote(traffic.strings[$0.key]) + ": " + JSONWriter.quote(traffic.strings[$0.value]) }
            members.append("\"tags\": {" + pairs.joined(separator: ", ") + "}")
        }
        return "{" + members.joined(separator: ", ") + "}\n"
    }
}
