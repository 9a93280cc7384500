import Foundation

/// LiteLLM's price map (`model_prices_and_context_window.json`, MIT) read as catalog rows: the snapshot bundled
/// with costgate, or a newer copy a plan names (`"prices": {"litellm": "prices/litellm.json"}`).
///
/// Each entry priced per token becomes one `ModelPrice`, every token dimension mapped so that costgate bills a
/// request as LiteLLM's `cost_per_token` does (`CostGate.docc/Prices.md`, "LiteLLM's price map", lists each
/// rule and the few deliberate differences). An entry costgate cannot price faithfully (LiteLLM's
/// `tiered_pricing` tables, several long-context thresholds, no per-token rate) is left out and counted in
/// `skipped`, never priced approximately.
public struct LiteLLMPriceMap: Sendable {
    /// The LiteLLM release the map came from (`1.110.2`), or `unknown` for a copy a plan names.
    public var version: String
    /// The day the map was taken, `YYYY-MM-DD`, or `unknown`.
    public var date: String
    /// Where it was read: `bundled snapshot` or the plan-relative path of the copy.
    public var origin: String
    /// The rows, in the map's key order, each with whether its key carries no provider prefix (`gpt-5.1`, not
    /// `azure/gpt-5.1`): only those rows claim the model's bare name first, as LiteLLM resolves a bare name.
    public var rows: [(price: ModelPrice, unprefixed: Bool)]
    /// Entries left out, by reason, with how many.
    public var skipped: [String: Int]

    /// The LiteLLM release the bundled snapshot was taken from.
    public static let bundledVersion = "1.110.2"
    /// The day the bundled snapshot was taken.
    public static let bundledDate = "2026-11-29"
    /// The bundled snapshot's path inside the resources.
    static let bundledResource = "prices/litellm.json"

    /// The snapshot shipped inside costgate, read once; an empty map (with the reason in `skipped`) when the
    /// resource is missing, so pricing falls back to the built-in rows rather than stopping.
    public static let bundled: LiteLLMPriceMap = {
        let path = BundledResource.path(bundledResource)
        guard let data = FileManager.default.contents(atPath: path),
              let map = try? parse([UInt8](data), file: bundledResource, version: bundledVersion, date: bundledDate,
                                   origin: "bundled snapshot") else {
            return LiteLLMPriceMap(version: bundledVersion, date: bundledDate, origin: "bundled snapshot (missing)", rows: [],
                                   skipped: ["the resource \(bundledResource) could not be read": 1])
        }
        return map
    }()

    /// A one-line description for assumptions and listings: `LiteLLM 1.110.2 price map (bundled snapshot, 2026-11-29)`.
    public var label: String {
        "LiteLLM \(version) price map (\(origin), \(date))"
    }

    /// Parses a price map's JSON text.
    ///
    /// - Parameters:
    ///   - bytes: the file's bytes.
    ///   - file: the name errors show.
    ///   - version: the LiteLLM release, or `unknown`.
    ///   - date: the day the map was taken, or `unknown`.
    ///   - origin: where it was read, for `label`.
    /// - Returns: the map's rows and the entries it left out.
    /// - Throws: `CostGateError.badPlan` for text that is not a JSON object of entries, or a rate that is not a
    ///   finite non-negative number.
    public static func parse(_ bytes: [UInt8], file: String, version: String, date: String,
                             origin: String) throws(CostGateError) -> LiteLLMPriceMap {
        var body = bytes
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
        let json = try JSONParser.parse(body, file: file)
        guard let entries = json.objectMembers else {
            throw .badPlan(file: file, path: "", expected: "LiteLLM's price map: an object of model entries", found: json.kindDescription)
        }
        var map = LiteLLMPriceMap(version: version, date: date, origin: origin, rows: [], skipped: [:])
        for (key, value) in entries where key != "sample_spec" {
            guard let members = value.objectMembers else { continue }
            let entry = Entry(key: key, members: members, file: file)
            switch try entry.price(date: date, source: "LiteLLM \(version) price map, key '\(key)'") {
            case .priced(let price): map.rows.append((price, !key.utf8.contains(UInt8(ascii: "/"))))
            case .skipped(let reason): map.skipped[reason, default: 0] += 1
            }
        }
        return map
    }

    /// The provider part of a catalog id for LiteLLM's `litellm_provider`: the Bedrock and Vertex AI variants are
    /// one provider each (`bedrock_converse` is `bedrock`, `vertex_ai-anthropic_models` is `vertex_ai`).
    static func provider(_ litellmProvider: String) -> String {
        if litellmProvider.hasPrefix("vertex_ai") { return "vertex_ai" }
        if litellmProvider.hasPrefix("bedrock") { return "bedrock" }
        switch litellmProvider {
        case "text-completion-openai": return "openai"
        case "cohere_chat": return "cohere"
        default: return litellmProvider
        }
    }
}

extension LiteLLMPriceMap {
    /// One entry of the map, read field by field.
    struct Entry {
        let key: String
        let members: [(key: String, value: JSONValue)]
        let file: String

        enum Outcome {
            case priced(ModelPrice)
            case skipped(String)
        }

        /// The value of `name` in USD per token as a `Rate`, nil when absent or null.
        func rate(_ name: String) throws(CostGateError) -> Rate? {
            guard let value = members.first(where: { $0.key == name })?.value else { return nil }
            if case .null = value { return nil }
            // LiteLLM reads a rate written as a string ("3e-7") as its number.
            let number: Double? = switch value {
            case .number(let number, _): number
            case .string(let text): Double(text)
            default: nil
            }
            guard let usd = number else {
                throw .badPlan(file: file, path: key + "." + name, expected: "a rate in USD per token", found: value.kindDescription)
            }
            let picodollars = usd * 1e12
            guard picodollars.isFinite, picodollars >= 0, picodollars < 9e15 else {
                throw .badPlan(file: file, path: key + "." + name, expected: "a rate from 0 to 9000 USD per token", found: value.kindDescription)
            }
            return Rate(picodollarsPerToken: Int64(picodollars.rounded()))
        }

        /// Whether `name`'s rate is held exactly in whole picodollars per token (to 1e-9 relative: LiteLLM's
        /// `2.0000000000000002e-7` is 0.2 USD per 1M tokens).
        func isWhole(_ name: String) -> Bool {
            guard let value = members.first(where: { $0.key == name })?.value else { return true }
            let usd: Double
            switch value {
            case .number(let number, _): usd = number
            case .string(let text): usd = Double(text) ?? 0
            default: return true
            }
            let picodollars = usd * 1e12
            return abs(picodollars - picodollars.rounded()) <= 1e-9 * max(picodollars, 1)
        }

        func string(_ name: String) -> String? {
            members.first(where: { $0.key == name })?.value.stringValue
        }

        func integer(_ name: String) -> Int64? {
            guard let number = members.first(where: { $0.key == name })?.value.doubleValue, number.isFinite,
                  number >= 1, number < 1e15, number == number.rounded() else { return nil }
            return Int64(number)
        }

        /// The long-context thresholds this entry's standard (unsuffixed) rate keys name, as LiteLLM finds them.
        func thresholds(suffix: String = "") -> Set<Int64> {
            let prefixes = ["input_cost_per_token_above_", "output_cost_per_token_above_",
                            "cache_read_input_token_cost_above_", "cache_creation_input_token_cost_above_"]
            var found: Set<Int64> = []
            for (name, value) in members where prefixes.contains(where: name.hasPrefix) && name.containsASCII("_tokens") {
                if case .null = value { continue }
                let tierSuffixes = ["_batches", "_flex", "_priority", "_ultrafast", "_fast", "_balanced", "_decisions"]
                if suffix.isEmpty ? tierSuffixes.contains(where: name.hasSuffix) : !name.hasSuffix(suffix) { continue }
                guard let range = name.range(of: "_above_", options: .backwards) else { continue }
                let rest = name[range.upperBound...]
                guard let end = rest.range(of: "_tokens") else { continue }
                let text = rest[..<end.lowerBound]
                let thousands = text.hasSuffix("k")
                guard let number = Int64(thousands ? text.dropLast() : text) else { continue }
                found.insert(thousands ? number * 1000 : number)
            }
            return found
        }

        /// The entry as a catalog row, or why it is left out.
        func price(date: String, source: String) throws(CostGateError) -> Outcome {
            guard members.first(where: { $0.key == "tiered_pricing" }) == nil else {
                return .skipped("LiteLLM tiered_pricing table (not a per-token rate)")
            }
            guard let input = try rate("input_cost_per_token") else { return .skipped("no input_cost_per_token") }
            guard let litellmProvider = string("litellm_provider") else { return .skipped("no litellm_provider") }
            let standardThresholds = thresholds()
            guard standardThresholds.count <= 1 else { return .skipped("several long-context thresholds") }
            guard thresholds(suffix: "_batches").isSubset(of: standardThresholds) else {
                return .skipped("a batch long-context threshold without a standard one")
            }
            var whole = true
            func r(_ name: String) throws(CostGateError) -> Rate? {
                let value = try rate(name)
                if value != nil, !isWhole(name) { whole = false }
                return value
            }
            func half(_ rate: Rate) -> Rate {
                if rate.picodollarsPerToken % 2 != 0 { whole = false }
                return Rate(picodollarsPerToken: (rate.picodollarsPerToken + 1) / 2)
            }
            _ = try r("input_cost_per_token")
            let output = try r("output_cost_per_token") ?? Rate(picodollarsPerToken: 0)
            let cached = try r("cache_read_input_token_cost")
            let write = try r("cache_creation_input_token_cost")
            let write1h = try r("cache_creation_input_token_cost_above_1hr")
            let reasoning = try r("output_cost_per_reasoning_token")
            let standard = TokenRates(input: input, cachedInput: cached, cacheWrite: write, cacheWrite1h: write1h,
                                      output: output, reasoning: reasoning)

            // Above a threshold LiteLLM switches each rate the entry lists for it; an absent one keeps the standard rate.
            var longContext: ModelPrice.LongContextTier?
            // The threshold as LiteLLM's keys spell it (`200k` in `input_cost_per_token_above_200k_tokens`).
            let t = standardThresholds.first.map { $0 % 1000 == 0 ? "\($0 / 1000)k" : "\($0)" } ?? ""
            if let threshold = standardThresholds.first {
                let tierInput = try r("input_cost_per_token_above_\(t)_tokens") ?? input
                let tierWrite = try r("cache_creation_input_token_cost_above_\(t)_tokens") ?? write
                let rates = TokenRates(
                    input: tierInput,
                    cachedInput: try r("cache_read_input_token_cost_above_\(t)_tokens") ?? cached,
                    cacheWrite: tierWrite,
                    cacheWrite1h: try r("cache_creation_input_token_cost_above_1hr_above_\(t)_tokens") ?? write1h,
                    output: try r("output_cost_per_token_above_\(t)_tokens") ?? output,
                    reasoning: reasoning)
                longContext = .init(threshold: threshold, rates: rates)
            }

            // Batch: priced only where the map lists batch rates. A missing batch output rate is half the
            // standard one; missing batch cache rates are the standard cache-read rate and the batch input rate.
            var batch: TokenRates?
            if let batchInput = try r("input_cost_per_token_batches") {
                let batchOutput = try r("output_cost_per_token_batches") ?? half(output)
                let batchWrite = try r("cache_creation_input_token_cost_batches") ?? batchInput
                var batchWrite1h = try r("cache_creation_input_token_cost_above_1hr_batches") ?? batchWrite
                // Anthropic halves every Message Batches rate, 1-hour writes included; LiteLLM's map lacks that rate
                // and would bill them at the 5-minute batch rate (a deliberate difference, README "Prices").
                if litellmProvider == "anthropic", try r("cache_creation_input_token_cost_above_1hr_batches") == nil, let write1h {
                    batchWrite1h = half(write1h)
                }
                batch = TokenRates(input: batchInput, cachedInput: try r("cache_read_input_token_cost_batches") ?? cached ?? batchInput,
                                   cacheWrite: batchWrite,
                                   cacheWrite1h: batchWrite1h,
                                   output: batchOutput, reasoning: batchOutput)
                if let tier = longContext, let flat = batch {
                    let tierInput = try r("input_cost_per_token_above_\(t)_tokens_batches") ?? flat.input
                    let tierOutput = try r("output_cost_per_token_above_\(t)_tokens_batches") ?? flat.output
                    let flatWrite = try r("cache_creation_input_token_cost_batches")
                    let tierWrite = try r("cache_creation_input_token_cost_above_\(t)_tokens_batches") ?? flatWrite ?? tierInput
                    let flatCached = try r("cache_read_input_token_cost_batches")
                    let cachedBatch = try r("cache_read_input_token_cost_above_\(t)_tokens_batches") ?? flatCached
                        ?? tier.rates.cachedInput ?? tierInput
                    let flatWrite1h = try r("cache_creation_input_token_cost_above_1hr_batches")
                    let tierWrite1h = try r("cache_creation_input_token_cost_above_1hr_above_\(t)_tokens_batches") ?? flatWrite1h ?? tierWrite
                    longContext?.batchRates = TokenRates(
                        input: tierInput, cachedInput: cachedBatch, cacheWrite: tierWrite, cacheWrite1h: tierWrite1h,
                        output: tierOutput, reasoning: tierOutput)
                }
            }

            // Flex and priority: each rate the tier lacks is the standard one, as LiteLLM falls back key by key.
            func serviceTier(_ suffix: String) throws(CostGateError) -> TokenRates? {
                let tierInput = try r("input_cost_per_token" + suffix)
                let tierOutput = try r("output_cost_per_token" + suffix)
                guard tierInput != nil || tierOutput != nil else { return nil }
                let inputRate = tierInput ?? input
                let outputRate = tierOutput ?? output
                let tierWrite = try r("cache_creation_input_token_cost" + suffix) ?? write ?? inputRate
                let tierReasoning = try r("output_cost_per_reasoning_token" + suffix) ?? (tierOutput != nil ? outputRate : reasoning ?? outputRate)
                return TokenRates(input: inputRate, cachedInput: try r("cache_read_input_token_cost" + suffix) ?? cached ?? inputRate,
                                  cacheWrite: tierWrite,
                                  cacheWrite1h: try r("cache_creation_input_token_cost_above_1hr" + suffix) ?? write1h ?? tierWrite,
                                  output: outputRate, reasoning: tierReasoning)
            }
            let flex = try serviceTier("_flex")
            let priority = try serviceTier("_priority")

            // A flex or priority request above the threshold: each rate is the tier's own long-context key, else the
            // standard long-context key, else the tier's flat rate (LiteLLM's `_get_token_base_cost` and its
            // suffix-stripping fallback); an absent cache rate is the resolved input rate, as there.
            func serviceTierAbove(_ suffix: String, flat: TokenRates?) throws(CostGateError) -> TokenRates? {
                guard let flat, longContext != nil else { return nil }
                /// The first of `names` the entry lists.
                func first(_ names: [String]) throws(CostGateError) -> Rate? {
                    for name in names { if let rate = try r(name) { return rate } }
                    return nil
                }
                func above(_ key: String) -> [String] { ["\(key)_above_\(t)_tokens" + suffix, "\(key)_above_\(t)_tokens"] }
                let write1hKey = "cache_creation_input_token_cost_above_1hr"
                let inputRate = try first(above("input_cost_per_token")) ?? flat.input
                let outputRate = try first(above("output_cost_per_token")) ?? flat.output
                let write = try first(above("cache_creation_input_token_cost") + ["cache_creation_input_token_cost" + suffix,
                                                                                 "cache_creation_input_token_cost"]) ?? inputRate
                let write1h = try first(["\(write1hKey)_above_\(t)_tokens" + suffix, write1hKey + suffix, write1hKey]) ?? write
                let cachedRate = try first(above("cache_read_input_token_cost") + ["cache_read_input_token_cost" + suffix,
                                                                                  "cache_read_input_token_cost"]) ?? inputRate
                let reasoningRate: Rate
                if let tierReasoning = try r("output_cost_per_reasoning_token" + suffix) {
                    reasoningRate = tierReasoning
                } else if try r("output_cost_per_token" + suffix) != nil {
                    reasoningRate = outputRate
                } else {
                    reasoningRate = try r("output_cost_per_reasoning_token") ?? outputRate
                }
                return TokenRates(input: inputRate, cachedInput: cachedRate, cacheWrite: write, cacheWrite1h: write1h,
                                  output: outputRate, reasoning: reasoningRate)
            }
            let flexAbove = try serviceTierAbove("_flex", flat: flex)
            let priorityAbove = try serviceTierAbove("_priority", flat: priority)
            longContext?.flexRates = flexAbove
            longContext?.priorityRates = priorityAbove

            let provider = LiteLLMPriceMap.provider(litellmProvider)
            let firstSegment = key.split(separator: "/", maxSplits: 1).first.map(String.init) ?? key
            let prefixed = key.utf8.contains(UInt8(ascii: "/"))
            let ownPrefix = prefixed && (firstSegment == litellmProvider || LiteLLMPriceMap.provider(firstSegment) == provider
                                         || ModelID(key).provider == ModelID(provider + "/x").provider)
            let id = ownPrefix ? key : provider + "/" + key
            // A key such as `deepseek-ai/DeepSeek-V3` (a host's model path) is also found as written.
            let aliases = prefixed && !ownPrefix ? [key] : []
            var price = ModelPrice(id: id, rates: standard, longContext: longContext, batchRates: batch, flexRates: flex,
                                   priorityRates: priority, encoding: "o200k_base", tokenizerRatio: Self.tokenizerRatio(provider: provider, key: key),
                                   tokenizerExact: false, contextWindow: integer("max_input_tokens"), date: date, source: source,
                                   aliases: aliases, deprecationDate: string("deprecation_date"))
            price.roundedOnImport = !whole
            return .priced(price)
        }

        /// The per-family tokenizer estimate for a LiteLLM row (the model's own tokenizer is never run for these).
        static func tokenizerRatio(provider: String, key: String) -> Double {
            let name = key.lowercased()
            if name.containsASCII("claude") { return TokenizerRatio.claude }
            if name.containsASCII("gemini") { return TokenizerRatio.gemini }
            if name.containsASCII("mistral") || name.containsASCII("codestral") || name.containsASCII("magistral") { return TokenizerRatio.mistral }
            if name.containsASCII("deepseek") { return TokenizerRatio.deepSeek }
            if name.containsASCII("llama") { return TokenizerRatio.llama3 }
            return 1
        }
    }
}
