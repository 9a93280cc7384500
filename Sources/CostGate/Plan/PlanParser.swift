/// Turns a plan's JSON into a `Plan`, rejecting anything it does not understand.
public enum PlanParser {
    /// Parses `json` read from `file`.
    public static func parse(_ json: JSONValue, file: String) throws(CostGateError) -> Plan {
        var top = try PlanObject(json, path: "", file: file)
        if let version = try top.integer("version", in: 0...PlanObject.largestInteger), version != 1 {
            throw .badPlan(file: file, path: "version", expected: "1 (the only plan version so far)", found: String(version))
        }
        guard var trafficObject = try top.object("traffic") else {
            throw .badPlan(file: file, path: "traffic", expected: "a traffic section with at least a path", found: nil)
        }
        let traffic = try parseTraffic(&trafficObject)
        var forecast = ForecastSettings()
        if var object = try top.object("forecast") {
            forecast.days = try object.number("days", in: 0.001...3660, as: "a number of days") ?? forecast.days
            forecast.growth = try object.number("growth", in: -0.99...1000, as: "a growth fraction",
                                                note: "0.10 = +10%; -1 would forecast no traffic, and any budget would pass") ?? forecast.growth
            forecast.confidence = try object.number("confidence", in: 0.5...0.999, as: "a confidence") ?? forecast.confidence
            if let seed = try object.integer("seed", in: 0...PlanObject.largestInteger) { forecast.seed = UInt64(seed) }
            forecast.replicates = try object.int("replicates", in: 100...100_000, as: "a number of replicates") ?? forecast.replicates
            try object.rejectUnknownKeys()
        }
        var models: [ModelPrice] = []
        if let object = try top.object("models") {
            for member in object.members {
                models.append(try parseModel(member.value, id: member.key, path: object.childPath(member.key), file: file))
            }
        }
        var routes: [String: RouteConfig] = [:]
        var routeOrder: [String] = []
        if let object = try top.object("routes") {
            for member in object.members {
                routes[member.key] = try parseRoute(member.value, path: object.childPath(member.key), file: file)
                routeOrder.append(member.key)
            }
        }
        var quality: [String: [String: Double]] = [:]
        if let object = try top.object("quality") {
            for member in object.members {
                var routeObject = try PlanObject(member.value, path: object.childPath(member.key), file: file)
                var scores: [String: Double] = [:]
                for score in routeObject.members {
                    scores[score.key] = try routeObject.number(score.key, in: 0...1, as: "a quality score")
                }
                quality[member.key] = scores
            }
        }
        var policies: [Policy] = []
        if let value = top.value("policies") {
            guard let list = value.arrayValue else {
                throw .badPlan(file: file, path: "policies", expected: "a list of policies", found: value.kindDescription)
            }
            for (index, element) in list.enumerated() {
                policies.append(try parsePolicy(element, path: "policies[\(index)]", file: file))
            }
        }
        var candidates: [Plan.Candidate] = []
        if let object = try top.object("candidates") {
            for member in object.members {
                let patchObject = try PlanObject(member.value, path: object.childPath(member.key), file: file)
                candidates.append(.init(name: member.key, patch: patchObject.members.map { ($0.key, $0.value) }))
            }
        }
        // Deployments are parsed here, with everything else, so a bad one is reported before any traffic is read.
        var deployments: [Deployment] = []
        if let object = try top.object("deployments") {
            for member in object.members {
                deployments.append(try Deployment.parse(member.value, name: member.key, file: file))
            }
        }
        for route in routeOrder {
            guard let name = routes[route]?.deployment, !deployments.contains(where: { $0.name == name }) else { continue }
            throw .unknown("deployment", name, in: "\(file): 'routes.\(route).deployment'", known: deployments.map(\.name))
        }
        var rateLimits: [String: Plan.RateLimit] = [:]
        if let object = try top.object("rate_limits") {
            for member in object.members {
                var limit = try PlanObject(member.value, path: object.childPath(member.key), file: file)
                let rpm = try limit.number("rpm", in: 0...1e12, as: "requests per minute")
                let tpm = try limit.number("tpm", in: 0...1e15, as: "tokens per minute")
                try limit.rejectUnknownKeys()
                rateLimits[member.key] = .init(rpm: rpm, tpm: tpm)
            }
        }
        let prices = try top.object("prices").map { (object: PlanObject) throws(CostGateError) -> PriceSettings in
            var object = object
            return try parsePrices(&object)
        } ?? PriceSettings()
        _ = top.value("$schema")
        _ = top.value("description")
        try top.rejectUnknownKeys()
        var plan = Plan(file: file, raw: json, traffic: traffic, forecast: forecast, models: models, routes: routes,
                        quality: quality, policies: policies, candidates: candidates, deployments: deployments,
                        rateLimits: rateLimits)
        plan.prices = prices
        return plan
    }

    /// Parses the `prices` section (`PriceSettings`).
    private static func parsePrices(_ object: inout PlanObject) throws(CostGateError) -> PriceSettings {
        var prices = PriceSettings()
        prices.litellm = try object.string("litellm")
        if let value = object.value("files") {
            guard let list = value.arrayValue else {
                throw object.error(at: "files", expected: "a list of price file paths", found: value.kindDescription)
            }
            for (index, element) in list.enumerated() {
                guard let path = element.stringValue, !path.isEmpty else {
                    throw object.error(at: "files[\(index)]", expected: "a price file path", found: element.kindDescription)
                }
                prices.files.append(path)
            }
        }
        if var discounts = try object.object("discounts") {
            for member in discounts.members {
                let pattern = member.key
                let star = pattern.firstIndex(of: "*")
                guard !pattern.isEmpty, star == nil || star == pattern.index(before: pattern.endIndex) else {
                    throw discounts.error(at: pattern, expected: "a model id or a glob ending in '*' ('openai/*')", found: "'\(pattern)'")
                }
                // `number` reads null as absent: a pattern given null is a discount missing, not a trap.
                guard let fraction = try discounts.number(pattern, in: 0...0.99, as: "a discount", note: "0.18 = 18% off list price") else {
                    throw discounts.error(at: pattern, expected: "a discount from 0 to 0.99 (0.18 = 18% off list price)", found: "null")
                }
                prices.discounts.append(.init(pattern: pattern, fraction: fraction))
            }
        }
        prices.confidential = try object.bool("confidential") ?? false
        if let day = try object.string("as_of") {
            guard day.count == 10, TimestampParser.parse(day + "T00:00:00Z") != nil else {
                throw object.error(at: "as_of", expected: "a day as YYYY-MM-DD", found: "'\(day)'")
            }
            prices.asOf = day
        }
        try object.rejectUnknownKeys()
        return prices
    }

    private static func parseTraffic(_ object: inout PlanObject) throws(CostGateError) -> TrafficSpec {
        let file = object.file
        // A file, a folder, a glob or `-`, or a list of these.
        var pathForms: [String] = []
        if let list = object.value("path")?.arrayValue {
            for (index, item) in list.enumerated() {
                guard let text = item.stringValue, !text.isEmpty else {
                    throw .badPlan(file: file, path: "traffic.path[\(index)]", expected: "a non-empty path string", found: item.kindDescription)
                }
                pathForms.append(text)
            }
            guard !pathForms.isEmpty else { throw .badPlan(file: file, path: "traffic.path", expected: "a path or a non-empty list of paths", found: "[]") }
        } else if let text = try object.string("path") {
            pathForms = [text]
        }
        guard let first = pathForms.first else {
            throw .badPlan(file: file, path: "traffic.path", expected: "the path of the traffic sample", found: nil)
        }
        let path = pathForms.joined(separator: ", ")
        // `.gz` is a compression, not a format: `daily.csv.gz` is CSV.
        var lowered = first.lowercased()
        if lowered.hasSuffix(".gz") { lowered.removeLast(3) }
        let format = try object.choice("format", kind: "format", as: TrafficSpec.Format.self)
            ?? (lowered.hasSuffix(".csv") ? .csv : .jsonl)
        let sampleRate = try object.number("sample_rate", in: 1e-9...1, as: "a sample rate") ?? 1
        let windowHours = try object.number("window_hours", in: 1e-6...1e6, as: "a window in hours")
        var columns = try object.stringMap("columns")
        for key in columns.keys.sorted() where !TrafficSpec.canonicalFields.contains(key) {
            throw .unknown("field", key, in: "\(file): 'traffic.columns.\(key)'", known: TrafficSpec.canonicalFields)
        }
        let defaults = try object.stringMap("defaults")
        let unit = try object.choice("timestamp_unit", kind: "timestamp unit", as: TrafficSpec.TimestampUnit.self) ?? .s
        let convention = try object.choice("token_convention", kind: "token convention", as: TrafficSpec.TokenConvention.self)
        let latencyUnit = try object.choice("latency_unit", kind: "latency unit", as: TrafficSpec.LatencyUnit.self)
        var tags = try object.stringMap("tags")
        for key in tags.keys.sorted() where key.isEmpty || TrafficSpec.canonicalFields.contains(key) {
            throw .badPlan(file: file, path: "traffic.tags", expected: "tag names that are not canonical field names", found: "'\(key)'")
        }
        if format == .otlp || format.isAggregate, lowered.hasSuffix(".csv") {
            throw .badPlan(file: file, path: "traffic.format", expected: "the \(format.rawValue) data as JSON (it has no CSV form)", found: "'\(format.rawValue)' with a .csv path")
        }
        if let preset = TrafficPreset.of(format) {
            columns = preset.columns.merging(columns) { _, plan in plan }
            tags = preset.tags.merging(tags) { _, plan in plan }
            // A plan that maps a field elsewhere, or names a tag the preset also reads, wins.
            let mappedPaths = Set(columns.values)
            tags = tags.filter { key, path in preset.tags[key] != path || !mappedPaths.contains(path) }
        }
        if format.isAggregate, let column = columns.keys.sorted().first {
            throw .badPlan(file: file, path: "traffic.columns.\(column)", expected: "no columns: usage-report rows are read by their documented fields (map tags with traffic.tags)", found: "'\(columns[column]!)'")
        }
        if format == .otlp, let column = columns.keys.sorted().first {
            throw .badPlan(file: file, path: "traffic.columns.\(column)", expected: "no columns: OTLP spans are read by their GenAI attributes (map tags with traffic.tags)", found: "'\(columns[column]!)'")
        }
        var paths: [(segments: [String], target: PathNode.Target)] = []
        for (key, name) in columns.sorted(by: { $0.key < $1.key }) {
            paths.append((name.dottedPathSegments, .field(TrafficField(rawValue: TrafficSpec.canonicalFields.firstIndex(of: key)!)!)))
        }
        for (key, path) in tags.sorted(by: { $0.key < $1.key }) where format != .otlp {
            paths.append((path.dottedPathSegments, .tag(Array(key.utf8))))
        }
        for (segments, _) in paths where segments.contains(where: \.isEmpty) {
            throw .badPlan(file: file, path: "traffic", expected: "dotted paths without empty segments", found: "'\(segments.joined(separator: "."))'")
        }
        // Two fields may share a flat column name (as before); a path inside another, or named twice, is ambiguous.
        let nestedRoots = Set(paths.filter { $0.segments.count > 1 }.map { $0.segments[0] })
        let checked = paths.filter { path in
            if case .tag = path.target { return true }
            return path.segments.count > 1 || nestedRoots.contains(path.segments[0])
        }
        if let conflict = PathNode.build(checked).conflict {
            throw .badPlan(file: file, path: "traffic", expected: "each path named once, and none inside another", found: "'\(conflict)'")
        }
        let join = try parseJoin(&object, format: format)
        try object.rejectUnknownKeys()
        var spec = TrafficSpec(path: path, format: format, sampleRate: sampleRate, windowHours: windowHours,
                               columns: columns, defaults: defaults, timestampUnit: unit)
        spec.tokenConvention = convention ?? TrafficPreset.of(format)?.tokenConvention ?? .openai
        spec.latencyUnit = latencyUnit ?? TrafficPreset.of(format)?.latencyUnit ?? .ms
        spec.tags = tags
        spec.paths = pathForms
        spec.join = join
        return spec
    }

    /// Reads `traffic.join`: `{"path", "format", "on": {"left", "right"}, "tags", "columns"}`.
    private static func parseJoin(_ traffic: inout PlanObject, format: TrafficSpec.Format) throws(CostGateError) -> TrafficJoin? {
        guard var object = try traffic.object("join") else { return nil }
        let file = object.file
        var paths: [String] = []
        if let list = object.value("path")?.arrayValue {
            for (index, item) in list.enumerated() {
                guard let text = item.stringValue, !text.isEmpty, text != "-" else {
                    throw .badPlan(file: file, path: "traffic.join.path[\(index)]", expected: "a non-empty path (not '-')", found: item.kindDescription)
                }
                paths.append(text)
            }
        } else if let text = try object.string("path") {
            paths = [text]
        }
        guard let first = paths.first, first != "-" else {
            throw .badPlan(file: file, path: "traffic.join.path", expected: "the joined log's path (a file, folder, glob or list; not '-')", found: paths.first.map { "'\($0)'" })
        }
        var lowered = first.lowercased()
        if lowered.hasSuffix(".gz") { lowered.removeLast(3) }
        let joinFormat = try object.choice("format", kind: "format", as: TrafficSpec.Format.self) ?? (lowered.hasSuffix(".csv") ? .csv : .jsonl)
        guard joinFormat == .jsonl || joinFormat == .csv else {
            throw .badPlan(file: file, path: "traffic.join.format", expected: "'jsonl' or 'csv' (a joined log is read by its key and tags)", found: "'\(joinFormat.rawValue)'")
        }
        guard format != .otlp && !format.isAggregate else {
            throw .badPlan(file: file, path: "traffic.join", expected: "a request log to join to (not OTLP spans or usage-report rows)", found: "format '\(format.rawValue)'")
        }
        guard var on = try object.object("on") else {
            throw .badPlan(file: file, path: "traffic.join.on", expected: "{\"left\": FIELD, \"right\": FIELD}: the key in each log", found: nil)
        }
        guard let left = try on.string("left"), let right = try on.string("right") else {
            throw .badPlan(file: file, path: "traffic.join.on", expected: "both 'left' (the key in the traffic) and 'right' (the key in the joined log)", found: nil)
        }
        try on.rejectUnknownKeys()
        let tags = try object.stringMap("tags")
        for key in tags.keys.sorted() where key.isEmpty || TrafficSpec.canonicalFields.contains(key) {
            throw .badPlan(file: file, path: "traffic.join.tags", expected: "tag names that are not canonical field names", found: "'\(key)'")
        }
        let columns = try object.stringMap("columns")
        for key in columns.keys.sorted() where !TrafficJoin.fillableFields.contains(key) {
            throw .unknown("field the join can fill", key, in: "\(file): 'traffic.join.columns.\(key)'", known: TrafficJoin.fillableFields)
        }
        for (segments, name) in ([left, right] + Array(tags.values) + Array(columns.values)).map({ ($0.dottedPathSegments, $0) }) where segments.contains(where: \.isEmpty) {
            throw .badPlan(file: file, path: "traffic.join", expected: "dotted paths without empty segments", found: "'\(name)'")
        }
        if joinFormat == .csv, let nested = ([right] + tags.values.sorted() + columns.values.sorted()).first(where: { $0.dottedPathSegments.count > 1 }) {
            throw .badPlan(file: file, path: "traffic.join", expected: "column names in a CSV joined log", found: "'\(nested)'")
        }
        try object.rejectUnknownKeys()
        return TrafficJoin(path: paths.joined(separator: ", "), paths: paths, format: joinFormat, left: left, right: right,
                           tags: tags, columns: columns)
    }

    /// The token-rate names a plan model (and its `long_context` tier) accepts under each prefix: none for the
    /// standard tier, then `batch_`, `flex_` and `priority_`.
    static let rateNames = ["input_per_mtok", "cached_input_per_mtok", "cache_write_per_mtok", "cache_write_1h_per_mtok",
                            "output_per_mtok", "reasoning_per_mtok"]

    /// Reads the rates named with `prefix` over `base`, changing only the fields the plan names; nil when it names
    /// none and there is no base. Without a base, both the input and the output rate are required.
    private static func parseRates(_ object: inout PlanObject, prefix: String = "", base: TokenRates?,
                                   required: Bool = false) throws(CostGateError) -> TokenRates? {
        func rate(_ key: String, _ object: inout PlanObject) throws(CostGateError) -> Rate? {
            guard let value = try object.number(prefix + key, in: 0...1e9, as: "a price in USD per 1M tokens") else { return nil }
            guard Rate.isExact(perMillion: value) else {
                throw .badPlan(file: object.file, path: object.childPath(prefix + key), expected: "a price with at most six decimals (micro-USD per 1M tokens)", found: String(value))
            }
            return Rate(perMillion: value)
        }
        let named = try rateNames.map { (key: String) throws(CostGateError) -> Rate? in try rate(key, &object) }
        guard named.contains(where: { $0 != nil }) || required else { return base }
        guard var rates = base ?? named[0].flatMap({ input in named[4].map { TokenRates(input: input, output: $0) } }) else {
            throw .badPlan(file: object.file, path: object.path, expected: "both \(prefix)input_per_mtok and \(prefix)output_per_mtok", found: nil)
        }
        if let input = named[0] { rates.input = input }
        if let cached = named[1] { rates.cachedInput = cached }
        if let write = named[2] { rates.cacheWrite = write }
        if let write1h = named[3] { rates.cacheWrite1h = write1h }
        if let output = named[4] { rates.output = output }
        if let reasoning = named[5] { rates.reasoning = reasoning }
        return rates
    }

    /// Parses a plan model. A model the built-in catalog knows keeps every field the plan does not name (its
    /// batch, flex and priority rates, long-context tier and tokenizer); any other model needs input and output rates.
    static func parseModel(_ value: JSONValue, id: String, path: String, file: String) throws(CostGateError) -> ModelPrice {
        var object = try PlanObject(value, path: path, file: file)
        let base = PriceCatalog.standard.lookup(id)
        var model = base ?? ModelPrice(id: id.contains("/") ? id : "custom/" + id, rates: TokenRates(input: 0, output: 0),
                                       date: "plan", source: file)
        let original = model
        model.rates = try parseRates(&object, base: base?.rates, required: base == nil)!
        if var tier = try object.object("long_context") {
            let threshold = try tier.integer("threshold", in: 1...PlanObject.largestInteger, as: "an input-token threshold")
                ?? model.longContext?.threshold
            guard let threshold else {
                throw .badPlan(file: file, path: tier.childPath("threshold"), expected: "the input-token threshold of the tier", found: nil)
            }
            let rates = try parseRates(&tier, base: model.longContext?.rates, required: model.longContext == nil)!
            let batch = try parseRates(&tier, prefix: "batch_", base: model.longContext?.batchRates)
            let flex = try parseRates(&tier, prefix: "flex_", base: model.longContext?.flexRates)
            let priority = try parseRates(&tier, prefix: "priority_", base: model.longContext?.priorityRates)
            try tier.rejectUnknownKeys()
            model.longContext = .init(threshold: threshold, rates: rates, batchRates: batch, flexRates: flex, priorityRates: priority)
        }
        if let discount = try object.number("batch_discount", in: 0...1, as: "a batch discount", note: "0.5 = half price") {
            let factor = 1 - discount
            func scaled(_ rate: Rate?) -> Rate? { rate.map { Rate(picodollarsPerToken: Int64((Double($0.picodollarsPerToken) * factor).rounded())) } }
            func scaled(_ rates: TokenRates) -> TokenRates {
                TokenRates(input: scaled(rates.input)!, cachedInput: scaled(rates.cachedInput), cacheWrite: scaled(rates.cacheWrite),
                           cacheWrite1h: scaled(rates.cacheWrite1h), output: scaled(rates.output)!, reasoning: scaled(rates.reasoning))
            }
            model.batchRates = scaled(model.rates)
            if let tier = model.longContext { model.longContext?.batchRates = scaled(tier.rates) }
        }
        model.batchRates = try parseRates(&object, prefix: "batch_", base: model.batchRates)
        model.flexRates = try parseRates(&object, prefix: "flex_", base: model.flexRates)
        model.priorityRates = try parseRates(&object, prefix: "priority_", base: model.priorityRates)
        for (tier, flat, long) in [("flex", model.flexRates, model.longContext?.flexRates),
                                   ("priority", model.priorityRates, model.longContext?.priorityRates)] where flat == nil && long != nil {
            throw .badPlan(file: file, path: "\(path).long_context", expected: "\(tier) rates on the model too (\(tier)_input_per_mtok and \(tier)_output_per_mtok)",
                           found: "\(tier) rates for the long-context tier only")
        }
        if model != original {
            model.date = "plan"
            model.source = file
        }
        if var tokenizer = try object.object("tokenizer") {
            if let encoding = try tokenizer.string("encoding") {
                let known = ["o200k_base", "cl100k_base"]
                guard known.contains(encoding) else {
                    throw .unknown("encoding", encoding, in: "\(file): '\(tokenizer.childPath("encoding"))'", known: known)
                }
                model.encoding = encoding
            }
            if let ratio = try tokenizer.number("ratio", in: 0.1...10, as: "a tokenizer ratio") {
                model.tokenizerRatio = ratio
                model.tokenizerExact = ratio == 1 && model.tokenizerExact
            }
            try tokenizer.rejectUnknownKeys()
        }
        try object.rejectUnknownKeys()
        return model
    }

    static func parseRoute(_ value: JSONValue, path: String, file: String) throws(CostGateError) -> RouteConfig {
        var object = try PlanObject(value, path: path, file: file)
        var route = RouteConfig()
        route.model = try object.string("model")
        route.promptTokens = try object.integer("prompt_tokens", in: 0...PlanObject.largestInteger)
        route.promptFile = try object.string("prompt_file")
        if route.promptTokens != nil, route.promptFile != nil {
            throw .badPlan(file: file, path: path, expected: "either prompt_tokens or prompt_file, not both", found: nil)
        }
        route.maxOutputTokens = try object.integer("max_output_tokens", in: 0...PlanObject.largestInteger)
        if var cache = try object.object("prompt_cache") {
            var settings = PromptCacheSettings()
            settings.prefixTokens = try cache.integer("prefix_tokens", in: 0...1_000_000_000_000)
            settings.stablePrefix = try cache.bool("stable_prefix") ?? true
            settings.ttlSeconds = try cache.choice("ttl", kind: "prompt cache lifetime", PromptCacheSettings.lifetimes) ?? 300
            settings.minTokens = try cache.integer("min_tokens", in: 0...1_000_000) ?? settings.minTokens
            settings.blockTokens = try cache.integer("block_tokens", in: 1...1_000_000) ?? settings.blockTokens
            try cache.rejectUnknownKeys()
            route.promptCache = settings
        }
        if let scale = object.value("output_scale") {
            guard case .number(let value, let text) = scale, value >= 0, value <= 1000, let exact = DecimalScale(text: text) else {
                throw .badPlan(file: file, path: object.childPath("output_scale"), expected: "an output scale from 0 to 1000 with at most 12 decimals", found: scale.kindDescription)
            }
            route.outputScale = exact
        }
        route.batch = try object.bool("batch") ?? false
        route.serviceTier = try object.choice("service_tier", kind: "service tier",
                                              ["standard": .standard, "batch": .batch, "flex": .flex, "priority": .priority])
        if route.batch, let tier = route.serviceTier, tier != .batch {
            throw .badPlan(file: file, path: object.childPath("service_tier"), expected: "no service tier other than batch on a batch route", found: tier.name)
        }
        route.deployment = try object.string("deployment")
        if var fallback = try object.object("fallback") { route.fallback = try RouteFallback.parse(&fallback) }
        if route.deployment != nil, route.model != nil {
            throw .badPlan(file: file, path: path, expected: "either model or deployment, not both", found: nil)
        }
        route.router = try RouteRouter.parse(in: &object, key: "router")
        route.semanticCache = try SemanticCache.parse(in: &object, key: "semantic_cache")
        try route.checkArchitecture(path: path, file: file)
        try object.rejectUnknownKeys()
        return route
    }

    static func parsePolicy(_ value: JSONValue, path: String, file: String) throws(CostGateError) -> Policy {
        var object = try PlanObject(value, path: path, file: file)
        guard let metric = try object.choice("metric", kind: "metric", as: PolicyMetric.self) else {
            throw .badPlan(file: file, path: object.childPath("metric"), expected: "a metric", found: nil)
        }
        let name = try object.string("name") ?? metric.rawValue
        let max = try object.number("max")
        let min = try object.number("min")
        if max == nil, min == nil {
            throw .badPlan(file: file, path: path, expected: "a 'max' or 'min' limit", found: nil)
        }
        // No value can meet both: the policy would fail every build, which is a mistake in the plan.
        if let max, let min, min > max {
            throw .badPlan(file: file, path: object.childPath("min"), expected: "a 'min' no greater than 'max' (\(Format.decimal(max)))",
                           found: Format.decimal(min))
        }
        let severity = try object.choice("severity", kind: "severity", as: Policy.Severity.self) ?? .fail
        var filter: [(key: String, value: String)] = []
        if var whereObject = try object.object("where") {
            for member in whereObject.members {
                guard let text = try whereObject.string(member.key) else { continue }
                filter.append((member.key, text))
            }
        }
        try object.rejectUnknownKeys()
        let policy = Policy(name: name, metric: metric, max: max, min: min, filter: filter, severity: severity)
        try policy.checkFilterKeys(path: path, file: file)
        return policy
    }
}
