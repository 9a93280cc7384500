/// Collects records for one chunk: interns strings and tag sets locally, keeps the draft of the record
/// being read, and validates it when complete. Shared by the JSON Lines and CSV readers.
struct ChunkBuilder {
    let layout: FieldLayout
    let skipBadRecords: Bool

    private(set) var strings = ByteInterner()
    private var tagSets = TagSetInterner()
    private var records: [TrafficRecord] = []
    private(set) var hashPool: [Int64] = []
    private var issues: [RecordIssue] = []
    private var badRecordCount = 0
    /// Audio and image tokens of usage rows (priced at the text rates).
    var modalityTokens = ModalityTokens()

    // The record being read.
    var draft = TrafficRecord(timestamp: 0, model: -1, route: -1, inputTokens: 0, outputTokens: 0)
    /// Whether the record counts input tokens apart from cache reads and writes (Anthropic's convention).
    var draftExcludesCache = false
    /// Bit per `TrafficField` that the record set.
    var present: UInt32 = 0
    /// When the first output token arrived (Unix seconds), NaN when the record does not say.
    var firstTokenTime = Double.nan
    /// Bit per `TrafficField` whose key the record named (null included), to reject a repeated key.
    private var seen: UInt32 = 0
    /// The mapped path members (level, index in `PathNode.members`) the record named, null included, to reject a
    /// repeated key on a mapped path (`metadata` twice, or a tag's key twice inside it).
    private var pathsSeen: [(node: Int, member: Int)] = []
    private var objectTags: [Traffic.TagPair] = []
    /// Tags read through `traffic.tags` paths: they win over the `tags` field and top-level strings.
    private var mappedTags: [Traffic.TagPair] = []
    private var topLevelTags: [Traffic.TagPair] = []
    private var tagScratch: [Traffic.TagPair] = []
    private var draftHashStart = 0
    /// The join keys of the chunk's records (`traffic.join`), kept as bytes apart from the tags.
    private var joinKeys = Traffic.JoinKeys()
    /// Where the record's join key lies in `joinKeys.bytes`, if it has one.
    private var draftKey: Range<Int>?

    // Ids of defaults, interned on first use so ids follow file order.
    private var defaultIDs: [Int32?] = Array(repeating: nil, count: TrafficField.allCases.count)
    private var fallbackRouteID: Int32?
    private var fallbackModelID: Int32?
    private var tagDefaultIDs: [(key: Int32, value: Int32)]?

    /// Whether reading should stop: a bad record was found and bad records are not skipped.
    var mustStop: Bool { !skipBadRecords && badRecordCount > 0 }

    init(layout: FieldLayout, skipBadRecords: Bool) {
        self.layout = layout
        self.skipBadRecords = skipBadRecords
        records.reserveCapacity(1024)
    }

    /// Starts a new record.
    @inline(__always)
    mutating func begin() {
        draft = TrafficRecord(timestamp: 0, model: -1, route: -1, inputTokens: 0, outputTokens: 0)
        present = 0
        seen = 0
        Self.empty(&pathsSeen)
        firstTokenTime = .nan
        draftExcludesCache = layout.inputExcludesCache
        Self.empty(&objectTags)
        Self.empty(&mappedTags)
        Self.empty(&topLevelTags)
        draftHashStart = hashPool.count
        draftKey = nil
    }

    /// Sets the record's join key (the value of the `traffic.join` path; a reserved tag until the join).
    mutating func setJoinKey(_ bytes: UnsafePointer<UInt8>, _ count: Int) {
        let start = joinKeys.bytes.count
        joinKeys.bytes.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
        draftKey = start..<start + count
    }

    @inline(__always)
    mutating func intern(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
        strings.intern(bytes, count, hash: ByteHash.hash(bytes, count))
    }

    @inline(__always)
    mutating func intern(_ bytes: UnsafePointer<UInt8>, _ count: Int, hash: UInt64) -> Int32 {
        strings.intern(bytes, count, hash: hash)
    }

    /// Records that the record names `field`; false when it named it before.
    @inline(__always)
    mutating func firstSight(of field: TrafficField) -> Bool {
        let bit: UInt32 = 1 << UInt32(field.rawValue)
        defer { seen |= bit }
        return seen & bit == 0
    }

    /// Records that the record names member `member` of path level `node`; false when it named it before.
    @inline(__always)
    mutating func firstSight(ofPath node: Int, member: Int) -> Bool {
        if pathsSeen.contains(where: { $0.node == node && $0.member == member }) { return false }
        pathsSeen.append((node, member))
        return true
    }

    /// Adds a tag; `fromObject` tags (the `tags` object) win over top-level string fields. Returns false when
    /// the same place (the object, or the top level) already has the key.
    @inline(__always)
    mutating func addTag(key: Int32, value: Int32, fromObject: Bool) -> Bool {
        let pair = Traffic.TagPair(key: key, value: value)
        if fromObject {
            if objectTags.contains(where: { $0.key == key }) { return false }
            objectTags.append(pair)
        } else {
            if topLevelTags.contains(where: { $0.key == key }) { return false }
            topLevelTags.append(pair)
        }
        return true
    }

    /// Adds a tag read through a `traffic.tags` path (the scanner has rejected a path named twice, and each path
    /// names its own tag key).
    mutating func addMappedTag(key: Int32, value: Int32) {
        mappedTags.append(Traffic.TagPair(key: key, value: value))
    }

    /// Appends a block hash to the record's list.
    @inline(__always)
    mutating func addHash(_ value: Int64) { hashPool.append(value) }

    /// Sets a string field (`model`, `route`, `prefix_id`, `status`); returns false for a bad `status`.
    @inline(__always)
    mutating func setString(_ field: TrafficField, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        switch field {
        case .status:
            guard let isError = Self.status(bytes, count) else { return false }
            draft.isError = isError
        case .model: draft.model = intern(bytes, count)
        case .route: draft.route = intern(bytes, count)
        case .prefixID: draft.prefixID = intern(bytes, count)
        case .promptHash: draft.promptHash = intern(bytes, count)
        case .contextWindow:
            // Anthropic's usage report: which tier the row was billed at (`TrafficRecord.contextWindowCode`).
            let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
            guard let code: UInt8 = ["0-200k": 1, "200k-1M": 2][text] else { return false }
            draft.contextWindowCode = code
        case .cacheHit, .outcome:
            // LiteLLM's spend logs write its own cache's answer as "True" / "False" (and "" when unknown).
            let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self).lowercased()
            let code: UInt8? = field == .cacheHit ? ["": 0, "false": 1, "true": 2][text] : ["success": 1, "failure": 2][text]
            guard let code else { return false }
            if field == .cacheHit { draft.cacheHitCode = code } else { draft.outcomeCode = code }
        case .tokenConvention:
            guard let convention = TrafficSpec.TokenConvention(rawValue: String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)) else { return false }
            draftExcludesCache = convention == .anthropic
        case .serviceTier:
            let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
            // OpenAI's `scale` tier is paid for by reserved units; its tokens are priced here at the standard rates.
            guard let tier = text == "scale" ? .standard : ServiceTier(recorded: text) else { return false }
            draft.serviceTierCode = tier.rawValue + 1
        default: return false
        }
        present |= 1 << UInt32(field.rawValue)
        return true
    }

    /// Sets `status` from an HTTP status code (100–599; 400 and above is an error); false for any other number.
    @inline(__always)
    mutating func setHTTPStatus(_ number: ParsedNumber) -> Bool {
        guard let code = number.wholeValue, (100...599).contains(code) else { return false }
        draft.isError = code >= 400
        present |= 1 << UInt32(TrafficField.status.rawValue)
        return true
    }

    /// `isError` for a status word: `ok` / `success` (LiteLLM) and `error` / `failure`, or an HTTP code as text.
    static func status(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Bool? {
        if count == 2 && bytes[0] == UInt8(ascii: "o") && bytes[1] == UInt8(ascii: "k") { return false }
        if count == 5 && bytes[0] == UInt8(ascii: "e") && bytes[1] == UInt8(ascii: "r") && bytes[2] == UInt8(ascii: "r")
            && bytes[3] == UInt8(ascii: "o") && bytes[4] == UInt8(ascii: "r") { return true }
        // LiteLLM's word, on every row: matched without making a string.
        if count == 7 && bytes[0] == UInt8(ascii: "s") && bytes[1] == UInt8(ascii: "u") && bytes[2] == UInt8(ascii: "c")
            && bytes[3] == UInt8(ascii: "c") && bytes[4] == UInt8(ascii: "e") && bytes[5] == UInt8(ascii: "s")
            && bytes[6] == UInt8(ascii: "s") { return false }
        switch String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self) {
        case "success", "DEFAULT", "DEBUG", "WARNING": return false
        case "failure", "ERROR": return true
        case let text where text.utf8.count == 3 && text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }):
            guard let code = Int(text), (100...599).contains(code) else { return nil }
            return code >= 400
        default: return nil
        }
    }

    /// Sets a numeric field; returns false when the number is out of the field's range.
    @inline(__always)
    mutating func setNumber(_ field: TrafficField, _ number: ParsedNumber) -> Bool {
        switch field {
        case .timestamp:
            guard number.value.isFinite else { return false }
            if let integer = number.integer, layout.timestampDivisor != 1 {
                // Split whole and fractional seconds so nanosecond counts keep their precision.
                let divisor = Int64(layout.timestampDivisor)
                draft.timestamp = Double(integer / divisor) + Double(integer % divisor) / layout.timestampDivisor
            } else {
                draft.timestamp = layout.timestampDivisor == 1 ? number.value : number.value / layout.timestampDivisor
            }
            guard abs(draft.timestamp) <= TrafficField.timestampLimit else { return false }
        case .inputTokens, .cachedInputTokens, .outputTokens, .reasoningTokens, .prefixTokens, .cacheWriteInputTokens,
             .cacheWrite1hInputTokens:
            guard let whole = number.wholeValue, whole >= 0, whole <= TrafficField.tokenLimit else { return false }
            switch field {
            case .inputTokens: draft.inputTokens = whole
            case .cachedInputTokens: draft.cachedInputTokens = whole
            case .cacheWriteInputTokens: draft.cacheWriteInputTokens = whole
            case .cacheWrite1hInputTokens: draft.cacheWrite1hInputTokens = whole
            case .outputTokens: draft.outputTokens = whole
            case .reasoningTokens: draft.reasoningTokens = whole
            default: draft.prefixTokens = whole
            }
        case .latencyMs, .ttftMs:
            guard number.value >= 0, number.value <= TrafficField.latencyLimitMs else { return false }
            let milliseconds = number.value * layout.latencyScale
            guard milliseconds <= TrafficField.latencyLimitMs else { return false }
            if field == .latencyMs { draft.latencyMs = milliseconds } else { draft.ttftMs = milliseconds }
        case .quality:
            guard number.value >= 0, number.value <= 1 else { return false }
            draft.quality = number.value
        case .weight:
            guard number.value > 0, number.value <= TrafficField.weightLimit else { return false }
            draft.weight = number.value
        case .billedCostUSD:
            guard number.value >= 0, number.value <= 1e9 else { return false }
            draft.billedCostUSD = number.value
        default:
            return false
        }
        present |= 1 << UInt32(field.rawValue)
        return true
    }

    /// Sets the timestamp from text; returns false when it is not a valid timestamp.
    @inline(__always)
    mutating func setTimestamp(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        guard let seconds = TimestampParser.parse(bytes, count), abs(seconds) <= TrafficField.timestampLimit else { return false }
        draft.timestamp = seconds
        present |= 1 << UInt32(TrafficField.timestamp.rawValue)
        return true
    }

    /// Starts the record's hash list (a repeated `hash_ids` key replaces the earlier list).
    mutating func markHashes() {
        if has(.hashIDs) { hashPool.removeSubrange(draftHashStart...) }
        present |= 1 << UInt32(TrafficField.hashIDs.rawValue)
    }

    @inline(__always)
    func has(_ field: TrafficField) -> Bool { present & (1 << UInt32(field.rawValue)) != 0 }

    /// Validates the draft, applies defaults and appends it; returns the issue if the record is bad.
    mutating func finish() -> RecordIssue? {
        if layout.skipsRowsWithoutUsage && !has(.inputTokens) && !has(.outputTokens) {
            hashPool.removeSubrange(draftHashStart...)
            return nil
        }
        if layout.isLookup {
            // A joined log's row: only its key matters; an event without one (an HTTP access line) is not a partner.
            guard draftKey != nil else { return nil }
            if !has(.timestamp) { draft.timestamp = .nan }
            draft.model = fallbackModel()
            draft.route = fallbackRoute()
            draft.tagSet = internTags()
            append(draft)
            return nil
        }
        if layout.timestampFromJoin && !has(.timestamp) {
            draft.timestamp = .nan
            present |= 1 << UInt32(TrafficField.timestamp.rawValue)
        }
        for field in TrafficField.required where !has(field) {
            return RecordIssue(field: layout.name(field), expected: field.expected + " (the field is required)", found: "nothing")
        }
        let cacheTokens = draft.cachedInputTokens + draft.cacheWriteInputTokens + draft.cacheWrite1hInputTokens
        if draftExcludesCache {
            // Anthropic's convention: input_tokens are the uncached ones; the canonical count includes the cache.
            guard draft.inputTokens + cacheTokens <= TrafficField.tokenLimit else {
                return RecordIssue(field: layout.name(.inputTokens),
                                   expected: "input, cache-read and cache-write tokens summing to at most 1,000,000,000,000",
                                   found: excerpt(String(draft.inputTokens)))
            }
            draft.inputTokens += cacheTokens
        } else if cacheTokens > draft.inputTokens {
            let field: TrafficField = draft.cachedInputTokens > draft.inputTokens ? .cachedInputTokens
                : has(.cacheWrite1hInputTokens) ? .cacheWrite1hInputTokens : .cacheWriteInputTokens
            if field == .cachedInputTokens {
                return RecordIssue(field: layout.name(.cachedInputTokens),
                                   expected: "an integer no greater than \(layout.name(.inputTokens)) (\(draft.inputTokens))",
                                   found: excerpt(String(draft.cachedInputTokens)))
            }
            return RecordIssue(field: layout.name(field),
                               expected: "cache reads and writes together no greater than \(layout.name(.inputTokens)) (\(draft.inputTokens)), which counts them (token_convention 'anthropic' declares a count without them)",
                               found: excerpt(String(cacheTokens)))
        }
        var ttftFromFirstToken = false
        if !firstTokenTime.isNaN && !has(.ttftMs) && !draft.timestamp.isNaN {
            // TTFT from the first token's arrival (LiteLLM's completionStartTime − startTime).
            let milliseconds = (firstTokenTime - draft.timestamp) * 1000
            guard milliseconds >= 0, milliseconds <= TrafficField.latencyLimitMs else {
                return RecordIssue(field: "completionStartTime", expected: "a time from \(layout.name(.timestamp)) to one day after it",
                                   found: String(firstTokenTime))
            }
            draft.ttftMs = milliseconds
            present |= 1 << UInt32(TrafficField.ttftMs.rawValue)
            ttftFromFirstToken = true
        }
        if has(.ttftMs) && has(.latencyMs) && draft.ttftMs > draft.latencyMs + TrafficField.ttftRoundingMs {
            // The first token cannot come after the whole response: the latency model would read a negative time per
            // output token.
            let latency = Format.decimal(draft.latencyMs)
            if ttftFromFirstToken {
                return RecordIssue(field: "completionStartTime",
                                   expected: "a time no later than the end of the request (\(layout.name(.latencyMs)) \(latency) ms after \(layout.name(.timestamp)))",
                                   found: excerpt(String(firstTokenTime)))
            }
            return RecordIssue(field: layout.name(.ttftMs),
                               expected: "a time to first token no longer than the whole request's \(layout.name(.latencyMs)) (\(latency) ms, give or take 1 ms)",
                               found: excerpt(Format.decimal(draft.ttftMs) + " ms"))
        }
        if draft.reasoningTokens > draft.outputTokens {
            return RecordIssue(field: layout.name(.reasoningTokens),
                               expected: "an integer no greater than \(layout.name(.outputTokens)) (\(draft.outputTokens))",
                               found: excerpt(String(draft.reasoningTokens)))
        }
        if !has(.model) { draft.model = defaultID(.model) ?? fallbackModel() }
        if !has(.route) { draft.route = defaultID(.route) ?? fallbackRoute() }
        if !has(.status), let isError = layout.defaultIsError { draft.isError = isError }
        if !has(.prefixID), let prefix = defaultID(.prefixID) { draft.prefixID = prefix }
        // Two lookups in the defaults for every record otherwise: a plan rarely gives any.
        for field in [TrafficField.cacheHit, .outcome] where !layout.fieldDefaults.isEmpty && !has(field) {
            guard let bytes = layout.fieldDefaults[field], !bytes.isEmpty else { continue }
            guard bytes.withUnsafeBufferPointer({ setString(field, $0.baseAddress!, $0.count) }) else {
                return RecordIssue(field: "traffic.defaults." + field.canonicalName, expected: field.expected,
                                   found: excerpt(String(decoding: bytes, as: UTF8.self)))
            }
        }
        let hashCount = hashPool.count - draftHashStart
        if hashCount > 0 {
            draft.hashStart = Int32(truncatingIfNeeded: draftHashStart)
            draft.hashCount = Int32(truncatingIfNeeded: hashCount)
        }
        if let issue = conflictingTag() { return issue }
        draft.tagSet = internTags()
        append(draft)
        return nil
    }

    /// A tag given both in the `tags` object and as a top-level string, with two values: the record would be read one
    /// way without saying so (a tag read through a `traffic.tags` path overrides both, so it settles the value).
    private func conflictingTag() -> RecordIssue? {
        guard !objectTags.isEmpty && !topLevelTags.isEmpty else { return nil }
        for pair in topLevelTags {
            guard let other = objectTags.first(where: { $0.key == pair.key }), other.value != pair.value,
                  !mappedTags.contains(where: { $0.key == pair.key }) else { continue }
            let key = strings.string(pair.key)
            return RecordIssue(field: "tags." + key,
                               expected: "the value of the top-level '\(key)' (\(excerpt(strings.string(pair.value)))), or no top-level '\(key)': a tag has one value",
                               found: excerpt(strings.string(other.value)))
        }
        return nil
    }

    /// Appends a finished record, with its join key.
    private mutating func append(_ record: TrafficRecord) {
        if let key = draftKey { joinKeys.add(record: records.count, key) }
        records.append(record)
    }

    /// Records a bad record at `line`; drops what the draft added to the hash pool.
    mutating func reject(_ issue: RecordIssue, line: Int) {
        hashPool.removeSubrange(draftHashStart...)
        badRecordCount += 1
        if issues.count < 10 {
            var issue = issue
            issue.line = line
            issues.append(issue)
        }
    }

    private mutating func defaultID(_ field: TrafficField) -> Int32? {
        if let id = defaultIDs[field.rawValue] { return id }
        guard let bytes = layout.fieldDefaults[field] else { return nil }
        let id = strings.intern(bytes)
        defaultIDs[field.rawValue] = id
        return id
    }

    private mutating func fallbackModel() -> Int32 {
        if let id = fallbackModelID { return id }
        let id = strings.intern([])
        fallbackModelID = id
        return id
    }

    private mutating func fallbackRoute() -> Int32 {
        if let id = fallbackRouteID { return id }
        let id = strings.intern(Array("default".utf8))
        fallbackRouteID = id
        return id
    }

    private mutating func internTags() -> Int32 {
        if objectTags.isEmpty && topLevelTags.isEmpty && mappedTags.isEmpty && layout.tagDefaults.isEmpty { return 0 }
        Self.empty(&tagScratch)
        tagScratch.append(contentsOf: mappedTags)
        for pair in objectTags where !mappedTags.contains(where: { $0.key == pair.key }) {
            tagScratch.append(pair)
        }
        for pair in topLevelTags where !tagScratch.contains(where: { $0.key == pair.key }) {
            tagScratch.append(pair)
        }
        if !layout.tagDefaults.isEmpty {
            if tagDefaultIDs == nil {
                tagDefaultIDs = layout.tagDefaults.map { (strings.intern($0.key), strings.intern($0.value)) }
            }
            for (key, value) in tagDefaultIDs! where !tagScratch.contains(where: { $0.key == key }) {
                tagScratch.append(Traffic.TagPair(key: key, value: value))
            }
        }
        // Insertion sort: sets are small.
        if tagScratch.count > 1 {
            for index in 1..<tagScratch.count {
                let pair = tagScratch[index]
                var position = index
                while position > 0 && tagScratch[position - 1].key > pair.key {
                    tagScratch[position] = tagScratch[position - 1]
                    position -= 1
                }
                tagScratch[position] = pair
            }
        }
        return tagScratch.withUnsafeBufferPointer { tagSets.intern($0) }
    }

    /// Empties `array`, keeping its storage. `removeAll(keepingCapacity:)` replaces the whole range generically,
    /// with a call to `memmove` even for nothing to move: for the few tags of each record that was 2% of a check.
    @inline(__always)
    private static func empty<Element>(_ array: inout [Element]) {
        while !array.isEmpty { array.removeLast() }
    }

    /// Makes room for about `count` records in all, once the first lines tell how long a line is (growing the
    /// array by doubling copied each record about once more, 1% of a check's time).
    mutating func reserveRecords(_ count: Int) {
        if count > records.capacity { records.reserveCapacity(count) }
    }

    /// The chunk's results.
    func result(lineCount: Int) -> TrafficChunk {
        TrafficChunk(records: records, strings: strings.strings(), tagSets: tagSets.sets(), hashPool: hashPool,
                     issues: issues, badRecordCount: badRecordCount, lineCount: lineCount, joinKeys: joinKeys)
    }
}
