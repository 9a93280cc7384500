/// Forecasts each request's prompt-cache reads and writes from arrival gaps, for routes whose plan declares
/// `prompt_cache` (`PromptCacheSettings`), so a change to the start of a prompt shows the discount it loses.
///
/// The model, per route and model under the plan, walking the sample in arrival order (ties in file order):
/// - a request whose shared prefix (`prefix_id` with the plan's or the record's `prefix_tokens`) was last used
///   at most `ttl` seconds before reads it from the cache: `min(prefix, input)` cached tokens;
/// - any other request writes it (`cache_write_input_tokens`, or the 1-hour field when the lifetime is longer
///   than five minutes), billed where the provider charges writes and as input elsewhere;
/// - every use, read or write, restarts the lifetime (Anthropic and OpenAI both refresh on a hit);
/// - a prefix shorter than `min_tokens` is not cached; with `stable_prefix: false` no request reads, and each
///   eligible one writes;
/// - with `hash_ids` (Mooncake traces) instead, the cached prefix is the leading run of blocks each seen within
///   `ttl`, `block_tokens` per block, and the rest of the listed blocks are written.
/// Records without prefix information keep their recorded cache counts.
public struct PromptCacheForecast: Sendable {
    /// Per record: whether the forecast replaces its recorded counts, and the forecast tokens.
    var applies: [Bool]
    var cached: [Int64]
    var written: [Int64]
    /// Whether a record's writes use the 1-hour field.
    var longLived: [Bool]
    /// Per route, what the forecast found.
    public var routes: [Route]

    /// One route's forecast.
    public struct Route: Sendable, Equatable {
        public var route: String
        /// Records the forecast priced, and how many of them read the cache.
        public var requests: Int
        public var hits: Int
        /// Recorded input tokens of those records, and the forecast cached and written ones.
        public var inputTokens: Int64
        public var cachedTokens: Int64
        public var writtenTokens: Int64
        /// The lifetime used, in seconds.
        public var ttlSeconds: Double

        /// Cached tokens as a share of input tokens, 0 when there are none.
        public var cachedShare: Double { inputTokens > 0 ? Double(cachedTokens) / Double(inputTokens) : 0 }
    }

    /// The forecast for `traffic` under `plan`, nil when no route declares `prompt_cache`.
    public static func forecast(_ traffic: Traffic, plan: Plan) -> PromptCacheForecast? {
        guard plan.routes.values.contains(where: { $0.promptCache != nil }) else { return nil }
        let count = traffic.records.count
        var result = PromptCacheForecast(applies: Array(repeating: false, count: count), cached: Array(repeating: 0, count: count),
                                         written: Array(repeating: 0, count: count), longLived: Array(repeating: false, count: count),
                                         routes: [])
        var settingsByRoute: [Int32: PromptCacheSettings?] = [:]
        var routeStats: [Int32: Route] = [:]
        var lastUse: [String: Double] = [:]
        let order = traffic.records.indices.sorted {
            let (a, b) = (traffic.records[$0].timestamp, traffic.records[$1].timestamp)
            return a != b ? a < b : $0 < $1
        }
        for index in order {
            let record = traffic.records[index]
            let settings: PromptCacheSettings?
            if let known = settingsByRoute[record.route] {
                settings = known
            } else {
                settings = plan.routeConfig(for: traffic.strings[record.route]).promptCache
                settingsByRoute[record.route] = settings
            }
            guard let settings, record.prefixID >= 0 || record.hashCount > 0 else { continue }
            let config = plan.routeConfig(for: traffic.strings[record.route])
            let model = config.usesRecordedModel ? traffic.strings[record.model] : config.model!
            let scope = traffic.strings[record.route] + "\u{1}" + model + "\u{1}"
            var cached: Int64 = 0
            var written: Int64 = 0
            if record.prefixID >= 0 {
                let prefix = min(settings.prefixTokens ?? record.prefixTokens, record.inputTokens)
                if prefix >= settings.minTokens {
                    let key = scope + traffic.strings[record.prefixID]
                    if settings.stablePrefix, let last = lastUse[key], record.timestamp - last <= settings.ttlSeconds {
                        cached = prefix
                    } else {
                        written = prefix
                    }
                    lastUse[key] = record.timestamp
                }
            } else {
                let start = Int(record.hashStart)
                let hashes = traffic.hashPool[start..<start + Int(record.hashCount)]
                var leading = 0
                var stillLeading = settings.stablePrefix
                for hash in hashes {
                    let key = scope + "#" + String(hash)
                    if stillLeading, let last = lastUse[key], record.timestamp - last <= settings.ttlSeconds {
                        leading += 1
                    } else {
                        stillLeading = false
                    }
                    lastUse[key] = record.timestamp
                }
                let listed = min(Int64(hashes.count) * settings.blockTokens, record.inputTokens)
                if listed >= settings.minTokens {
                    cached = min(Int64(leading) * settings.blockTokens, listed)
                    written = listed - cached
                }
            }
            result.applies[index] = true
            result.cached[index] = cached
            result.written[index] = written
            result.longLived[index] = settings.ttlSeconds > 300
            var stats = routeStats[record.route] ?? Route(route: traffic.strings[record.route], requests: 0, hits: 0, inputTokens: 0,
                                                          cachedTokens: 0, writtenTokens: 0, ttlSeconds: settings.ttlSeconds)
            stats.requests += 1
            if cached > 0 { stats.hits += 1 }
            stats.inputTokens += record.inputTokens
            stats.cachedTokens += cached
            stats.writtenTokens += written
            routeStats[record.route] = stats
        }
        result.routes = routeStats.values.sorted { $0.route < $1.route }
        return result
    }

    /// The cache reads and writes (5-minute, 1-hour) the replay bills record `index` at, given its replayed
    /// input tokens: a shorter prompt cuts writes, then reads; nil when the record keeps its recorded counts.
    func tokens(_ index: Int, input: Int64) -> (cached: Int64, write: Int64, write1h: Int64)? {
        guard applies[index] else { return nil }
        let cachedTokens = min(cached[index], input)
        let writtenTokens = min(written[index], input - cachedTokens)
        return longLived[index] ? (cachedTokens, 0, writtenTokens) : (cachedTokens, writtenTokens, 0)
    }
}
