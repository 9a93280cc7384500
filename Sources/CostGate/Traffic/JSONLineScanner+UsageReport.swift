import Foundation

/// Reads usage-report pages: OpenAI's `/v1/organization/usage/completions` (`data[]` buckets with `start_time`,
/// `end_time` and `results[]`) and Anthropic's messages usage report (`data[]` with `starting_at`, `ending_at`
/// and `results[]`). Each result row becomes records through `ChunkBuilder.finishUsageRow`.
///
/// Field sources: OpenAI's API reference, "Completions usage object" (platform.openai.com/docs/api-reference/usage);
/// Anthropic's "Get Messages Usage Report" (docs.anthropic.com/en/api/admin-api/usage-cost/get-messages-usage-report).
extension JSONLineScanner {
    /// Where a usage page's rows are tallied while it is read.
    struct UsageTally {
        var rows = 0
        var rowsWithoutCount = 0
        var windowStart = Double.infinity
        var windowEnd = -Double.infinity
        /// The first bad row's issue and the position it was found at (a bad row does not stop the page).
        var issues: [(issue: RecordIssue, position: Int)] = []
    }

    /// Reads one page (a JSON object) into `builder`. Bad values in a row reject that row (in `tally.issues`);
    /// a syntax error stops the page and is thrown.
    mutating func parseUsagePage(into builder: inout ChunkBuilder, tally: inout UsageTally) throws(RecordIssue) {
        guard current == UInt8(ascii: "{") else { throw syntax("'{' (a usage page)") }
        try forEachMember(depth: 0, into: &builder) { scanner, key, builder throws(RecordIssue) in
            guard Self.same(key, "data") else { return false }
            var bucketIndex = 0
            try scanner.forEachElement(depth: 1, into: &builder) { scanner, builder throws(RecordIssue) in
                try scanner.parseUsageBucket(into: &builder, tally: &tally, bucket: bucketIndex)
                bucketIndex += 1
            }
            return true
        }
    }

    private mutating func parseUsageBucket(into builder: inout ChunkBuilder, tally: inout UsageTally, bucket: Int) throws(RecordIssue) {
        // Paths for messages are built only when there is something to say.
        func path() -> String { "data[\(bucket)]" }
        var start: Double?
        var end: Double?
        var resultsAt: Int?
        var rowsRead = false
        var seenStart = false
        var seenEnd = false
        var timeIssue: RecordIssue?
        var rowIndex = 0
        /// The bucket's rows, once its bounds are known (or known to be bad).
        func parseRows(_ scanner: inout JSONLineScanner, _ builder: inout ChunkBuilder) throws(RecordIssue) {
            if timeIssue == nil, start == nil || end == nil || end! < start! {
                timeIssue = RecordIssue(field: path(), expected: "a bucket with start_time ≤ end_time (starting_at ≤ ending_at)",
                                        found: start == nil ? "no start" : end == nil ? "no end" : "an end before the start")
            }
            try scanner.forEachElement(depth: 3, into: &builder) { scanner, builder throws(RecordIssue) in
                let row = rowIndex
                func rowPath() -> String { "\(path()).results[\(row)]" }
                rowIndex += 1
                let position = scanner.index
                builder.begin()
                let (usage, rowIssue) = try scanner.parseUsageRow(into: &builder)
                tally.rows += 1
                if (usage.requests ?? 0) == 0 && usage.hasUsage { tally.rowsWithoutCount += 1 }
                if var issue = rowIssue {
                    // A row's issue names its field relative to the row.
                    issue.field = rowPath() + (issue.field.map { $0.isEmpty ? "" : "." + $0 } ?? "")
                    tally.issues.append((issue, position))
                } else if let issue = timeIssue {
                    tally.issues.append((issue, position))
                } else if let issue = builder.finishUsageRow(usage, timestamp: start!, field: rowPath()) {
                    tally.issues.append((issue, position))
                }
            }
        }
        try forEachMember(depth: 2, into: &builder) { scanner, key, builder throws(RecordIssue) in
            let isStart = Self.same(key, "start_time") || Self.same(key, "starting_at")
            if isStart || Self.same(key, "end_time") || Self.same(key, "ending_at") {
                let name = String(decoding: key, as: UTF8.self)
                // A bound named twice (`start_time` and `starting_at` count as one) is an error, not a last-one-wins.
                guard !(isStart ? seenStart : seenEnd) else { throw scanner.syntax("one '\(name)' in a bucket") }
                if isStart { seenStart = true } else { seenEnd = true }
                let from = scanner.index
                let seconds = try scanner.bucketTime()
                guard let seconds else {
                    timeIssue = timeIssue ?? RecordIssue(field: path() + "." + name, expected: "Unix seconds or an RFC 3339 timestamp", found: scanner.raw(from: from))
                    return true
                }
                if isStart { start = seconds } else { end = seconds }
                return true
            }
            guard Self.same(key, "results") else { return false }
            guard resultsAt == nil && !rowsRead else { throw scanner.syntax("one 'results' in a bucket") }
            // Both bounds already read (Anthropic's order, and OpenAI's): the rows are read as they are met;
            // otherwise they are skipped and read once the bucket's bounds are known.
            if timeIssue != nil || start != nil && end != nil {
                try parseRows(&scanner, &builder)
                rowsRead = true
            } else {
                resultsAt = scanner.index
                try scanner.skipValue(depth: 3)
            }
            return true
        }
        if let resultsAt {
            let after = index
            index = resultsAt
            try parseRows(&self, &builder)
            index = after
        }
        if timeIssue == nil, rowIndex > 0 {
            tally.windowStart = min(tally.windowStart, start!)
            tally.windowEnd = max(tally.windowEnd, end!)
        }
    }

    /// A bucket bound: Unix seconds (OpenAI) or an RFC 3339 string (Anthropic); nil when it is neither.
    private mutating func bucketTime() throws(RecordIssue) -> Double? {
        if current == UInt8(ascii: "\"") {
            let (bytes, count) = try parseString(intoKey: false)
            guard let seconds = TimestampParser.parse(bytes, count), abs(seconds) <= TrafficField.timestampLimit else { return nil }
            return seconds
        }
        guard current == UInt8(ascii: "-") || NumberParser.isDigit(current) else {
            try skipValue(depth: 4)
            return nil
        }
        guard let (number, after) = NumberParser.parse(base, from: index, to: end) else { throw syntax("a number") }
        index = after
        guard number.value.isFinite, abs(number.value) <= TrafficField.timestampLimit else { return nil }
        return number.value
    }

    /// Reads one result row: its token totals, request count, model, tier and tags (into `builder`). A bad value
    /// is returned as the row's issue; only a syntax error is thrown.
    private mutating func parseUsageRow(into builder: inout ChunkBuilder) throws(RecordIssue) -> (UsageRow, RecordIssue?) {
        var row = UsageRow()
        var issue: RecordIssue?
        guard current == UInt8(ascii: "{") else {
            let from = index
            try skipValue(depth: 4)
            return (row, RecordIssue(field: "", expected: "a usage row (an object)", found: raw(from: from)))
        }
        try forEachMember(depth: 4, into: &builder) { scanner, key, builder throws(RecordIssue) in
            // Built only for a message.
            func name() -> String { String(decoding: key, as: UTF8.self) }
            do throws(RecordIssue) {
                if let slot = Self.usageCountKeys.firstIndex(where: { Self.same(key, $0) }) {
                    let count = try scanner.usageCount(field: name())
                    guard let count else { return true }
                    switch slot {
                    case 0: row.openAIInput = count
                    case 1: row.cached = count
                    case 2: row.output = count
                    case 3: row.modalityTokens.audioInput = count
                    case 4: row.requests = count
                    case 5: row.uncached = count
                    case 6: row.cached = count
                    case 7: row.modalityTokens.audioOutput = count
                    case 8: row.modalityTokens.imageInput = count
                    default: row.modalityTokens.imageOutput = count
                    }
                    if slot != 4 { row.hasUsage = true }
                } else if Self.same(key, "cache_creation") {
                    try scanner.forEachMember(depth: 5, into: &builder) { scanner, key, _ throws(RecordIssue) in
                        let five = Self.same(key, "ephemeral_5m_input_tokens")
                        guard five || Self.same(key, "ephemeral_1h_input_tokens") else { return false }
                        if let count = try scanner.usageCount(field: "cache_creation." + String(decoding: key, as: UTF8.self)) {
                            if five { row.write5m = count } else { row.write1h = count }
                            row.hasUsage = true
                        }
                        return true
                    }
                } else if Self.same(key, "model") {
                    if let (bytes, count) = try scanner.usageText(field: name()) {
                        _ = builder.setString(.model, bytes, count)
                    }
                } else if Self.same(key, "batch") {
                    let from = scanner.index
                    if scanner.current == UInt8(ascii: "t") {
                        try scanner.literal("true")
                        row.tier = .batch
                    } else if scanner.current == UInt8(ascii: "f") {
                        try scanner.literal("false")
                    } else if scanner.current == UInt8(ascii: "n") {
                        try scanner.literal("null")
                    } else {
                        try scanner.skipValue(depth: 5)
                        throw RecordIssue(field: name(), expected: "true, false or null", found: scanner.raw(from: from))
                    }
                } else if Self.same(key, "service_tier") {
                    let from = scanner.index
                    if let (bytes, count) = try scanner.usageText(field: name()) {
                        let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
                        // OpenAI's `scale` tier is paid for by reserved units; its tokens are priced at standard rates.
                        guard let tier = text == "scale" ? .standard : ServiceTier(recorded: text) else {
                            throw RecordIssue(field: name(), expected: TrafficField.serviceTier.expected, found: scanner.raw(from: from))
                        }
                        // `batch: true` wins over a service tier that says `default`.
                        if row.tier != .batch { row.tier = tier }
                    }
                } else if Self.same(key, "context_window") {
                    let from = scanner.index
                    if let (bytes, count) = try scanner.usageText(field: name()) {
                        switch String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self) {
                        case "0-200k": row.contextWindowCode = 1
                        case "200k-1M": row.contextWindowCode = 2
                        default: throw RecordIssue(field: name(), expected: "'0-200k' or '200k-1M'", found: scanner.raw(from: from))
                        }
                    }
                } else if builder.layout.hasPaths, let target = builder.layout.pathNodes[0].target(key.baseAddress!, key.count) {
                    try scanner.parsePath(target, into: &builder, depth: 5)
                } else {
                    return false
                }
            } catch {
                // A value error leaves the scanner after the value: keep reading the row, report the first.
                guard error.field != nil else { throw error }
                issue = issue ?? error
            }
            return true
        }
        if let input = row.openAIInput {
            guard row.cached <= input else {
                return (row, issue ?? RecordIssue(field: "input_cached_tokens", expected: "at most input_tokens (\(input))", found: String(row.cached)))
            }
            row.uncached = input - row.cached
        }
        builder.modalityTokens.add(row.modalityTokens)
        return (row, issue)
    }

    /// The token and request counts a row may carry, by `parseUsageRow`'s slot.
    private static let usageCountKeys: [StaticString] = [
        "input_tokens", "input_cached_tokens", "output_tokens", "input_audio_tokens", "num_model_requests",
        "uncached_input_tokens", "cache_read_input_tokens", "output_audio_tokens", "input_image_tokens", "output_image_tokens",
    ]

    /// A non-negative integer count (a number, or a number written as a string); nil for `null`.
    private mutating func usageCount(field: @autoclosure () -> String) throws(RecordIssue) -> Int64? {
        let from = index
        if current == UInt8(ascii: "n") {
            try literal("null")
            return nil
        }
        var number: ParsedNumber?
        if current == UInt8(ascii: "\"") {
            let (bytes, count) = try parseString(intoKey: false)
            if count > 0, let (parsed, after) = NumberParser.parse(bytes, from: 0, to: count), after == count { number = parsed }
        } else if current == UInt8(ascii: "-") || NumberParser.isDigit(current) {
            guard let (parsed, after) = NumberParser.parse(base, from: index, to: end) else { throw syntax("a number") }
            index = after
            number = parsed
        } else {
            try skipValue(depth: 6)
        }
        // Totals over a bucket may exceed one request's bound; 1e15 keeps every sum of them within 64 bits.
        guard let whole = number?.wholeValue, whole >= 0, whole <= 1_000_000_000_000_000 else {
            throw RecordIssue(field: field(), expected: "a non-negative integer of at most 1e15", found: raw(from: from))
        }
        return whole
    }

    /// A string value; nil for `null`.
    private mutating func usageText(field: @autoclosure () -> String) throws(RecordIssue) -> (UnsafePointer<UInt8>, Int)? {
        let from = index
        if current == UInt8(ascii: "n") {
            try literal("null")
            return nil
        }
        guard current == UInt8(ascii: "\"") else {
            try skipValue(depth: 6)
            throw RecordIssue(field: field(), expected: "a string", found: raw(from: from))
        }
        return try parseString(intoKey: false)
    }
}
