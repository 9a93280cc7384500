import Foundation

/// OTLP/JSON traces as the OpenTelemetry collector's file exporter writes them: one `ExportTraceServiceRequest`
/// per line (`resourceSpans[].scopeSpans[].spans[]`), each span with GenAI usage attributes one record.
///
/// Field sources: the GenAI span conventions (opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-spans) and the
/// OTLP/JSON encoding (opentelemetry-proto `examples/trace.json`: attributes as `{key, value: {stringValue |
/// intValue | doubleValue | boolValue}}`, 64-bit integers and nanosecond times as JSON strings).
extension JSONLineScanner {
    /// The GenAI attributes read, by key; the index is the attribute's role below.
    static let otlpAttributes: [[UInt8]] = [
        "gen_ai.response.model", "gen_ai.request.model", "gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens",
        "gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.cache_creation.input_tokens",
        "gen_ai.usage.reasoning.output_tokens", "gen_ai.provider.name", "gen_ai.system",
    ].map { Array($0.utf8) }

    /// Reads one line's spans; each span with usage becomes a record, a span without (HTTP, tools) is skipped.
    mutating func parseOTLPLine(into builder: inout ChunkBuilder, line: Int) throws(RecordIssue) {
        guard current == UInt8(ascii: "{") else { throw syntax("'{'") }
        var seen = false
        try forEachMember(depth: 0, into: &builder) { scanner, key, builder throws(RecordIssue) in
            guard Self.same(key, "resourceSpans") else { return false }
            // A key given twice is ambiguous (OTLP's encoding is protobuf's JSON mapping, which allows each field once).
            guard !seen else { throw Self.repeated("resourceSpans") }
            seen = true
            try scanner.forEachElement(depth: 1, into: &builder) { scanner, builder throws(RecordIssue) in
                try scanner.parseResourceSpans(into: &builder, line: line)
            }
            return true
        }
        skipWhitespace()
        guard index >= end else { throw syntax("the end of the line after the object") }
    }

    private mutating func parseResourceSpans(into builder: inout ChunkBuilder, line: Int) throws(RecordIssue) {
        guard current == UInt8(ascii: "{") else { try skipValue(depth: 2); return }
        // Resource attributes tag every span; the resource may come after the spans, so spans are read last.
        var resourceTags = [Int32](repeating: -1, count: builder.layout.otlpTags.count)
        var spansStart: Int?
        var resourceSeen = false
        try forEachMember(depth: 2, into: &builder) { scanner, key, builder throws(RecordIssue) in
            if Self.same(key, "resource") {
                guard !resourceSeen else { throw Self.repeated("resource") }
                resourceSeen = true
                var attributesSeen = false
                try scanner.forEachMember(depth: 3, into: &builder) { scanner, key, builder throws(RecordIssue) in
                    guard Self.same(key, "attributes") else { return false }
                    guard !attributesSeen else { throw Self.repeated("resource.attributes") }
                    attributesSeen = true
                    try scanner.forEachElement(depth: 4, into: &builder) { scanner, builder throws(RecordIssue) in
                        try scanner.parseAttribute(into: &builder, depth: 5) { key, bytes, count, builder throws(RecordIssue) in
                            for (slot, tag) in builder.layout.otlpTags.enumerated() where tag.attribute == key {
                                guard resourceTags[slot] < 0 else { throw Self.repeatedAttribute(key, in: "the resource") }
                                resourceTags[slot] = builder.intern(bytes, count)
                            }
                        }
                    }
                    return true
                }
                return true
            }
            if Self.same(key, "scopeSpans") {
                guard spansStart == nil else { throw Self.repeated("scopeSpans") }
                spansStart = scanner.index
                try scanner.skipValue(depth: 3)
                return true
            }
            return false
        }
        guard let spansStart else { return }
        let after = index
        index = spansStart
        var spanIndex = 0
        try forEachElement(depth: 3, into: &builder) { scanner, builder throws(RecordIssue) in
            try scanner.forEachMember(depth: 4, into: &builder) { scanner, key, builder throws(RecordIssue) in
                guard Self.same(key, "spans") else { return false }
                try scanner.forEachElement(depth: 5, into: &builder) { scanner, builder throws(RecordIssue) in
                    spanIndex += 1
                    builder.begin()
                    do throws(RecordIssue) {
                        if try scanner.parseSpan(into: &builder, resourceTags: resourceTags), let issue = builder.finish() {
                            builder.reject(Self.located(issue, span: spanIndex), line: line)
                        }
                    } catch {
                        // The line cannot be read past a bad value: the reader rejects it once, at this span.
                        throw Self.located(error, span: spanIndex)
                    }
                }
                return true
            }
        }
        index = after
    }

    private static func located(_ issue: RecordIssue, span: Int) -> RecordIssue {
        var issue = issue
        issue.field = "span \(span)" + (issue.field.map { " attribute \($0)" } ?? "")
        return issue
    }

    /// Reads one span into the draft; false when it carries no GenAI usage (not a model call).
    private mutating func parseSpan(into builder: inout ChunkBuilder, resourceTags: [Int32]) throws(RecordIssue) -> Bool {
        var startNanos: Int64?
        var endNanos: Int64?
        var roles = [Int32](repeating: -1, count: Self.otlpAttributes.count)
        var spanTags = [Int32](repeating: -1, count: builder.layout.otlpTags.count)
        var usage = false
        // Each member read once: a key given twice is ambiguous, and so is an attribute key (OpenTelemetry requires
        // an attribute collection's keys to be unique).
        var seenMembers: UInt8 = 0
        var seenUsage: UInt8 = 0
        try forEachMember(depth: 6, into: &builder) { scanner, key, builder throws(RecordIssue) in
            let member: UInt8 = Self.same(key, "startTimeUnixNano") ? 1 : Self.same(key, "endTimeUnixNano") ? 2
                : Self.same(key, "attributes") ? 4 : Self.same(key, "status") ? 8 : 0
            guard member == 0 || seenMembers & member == 0 else { throw Self.repeated(String(decoding: key, as: UTF8.self)) }
            seenMembers |= member
            switch true {
            case _ where Self.same(key, "startTimeUnixNano") || Self.same(key, "endTimeUnixNano"):
                let start = scanner.index
                let nanos = try scanner.integerText()
                guard let nanos, nanos >= 0 else {
                    throw RecordIssue(field: String(decoding: key, as: UTF8.self), expected: "nanoseconds since 1970 as an integer string", found: scanner.raw(from: start))
                }
                if Self.same(key, "startTimeUnixNano") { startNanos = nanos } else { endNanos = nanos }
            case _ where Self.same(key, "attributes"):
                try scanner.forEachElement(depth: 7, into: &builder) { scanner, builder throws(RecordIssue) in
                    try scanner.parseAttribute(into: &builder, depth: 8) { key, bytes, count, builder throws(RecordIssue) in
                        for (slot, tag) in builder.layout.otlpTags.enumerated() where tag.attribute == key {
                            guard spanTags[slot] < 0 else { throw Self.repeatedAttribute(key, in: "the span") }
                            spanTags[slot] = builder.intern(bytes, count)
                        }
                        guard let role = Self.otlpAttributes.firstIndex(of: key) else { return }
                        switch role {
                        case 0, 1, 7, 8:
                            guard roles[role] < 0 else { throw Self.repeatedAttribute(key, in: "the span") }
                            roles[role] = builder.intern(bytes, count)
                        default:
                            usage = true
                            let bit: UInt8 = 1 << UInt8(role - 2)
                            guard seenUsage & bit == 0 else { throw Self.repeatedAttribute(key, in: "the span") }
                            seenUsage |= bit
                            let field: TrafficField = [.inputTokens, .outputTokens, .cachedInputTokens, .cacheWriteInputTokens, .reasoningTokens][role - 2]
                            guard count > 0, let (number, after) = NumberParser.parse(bytes, from: 0, to: count), after == count,
                                  builder.setNumber(field, number) else {
                                throw RecordIssue(field: String(decoding: key, as: UTF8.self), expected: field.expected,
                                                  found: excerpt(String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)))
                            }
                        }
                    }
                }
            case _ where Self.same(key, "status"):
                var codeSeen = false
                try scanner.forEachMember(depth: 7, into: &builder) { scanner, key, builder throws(RecordIssue) in
                    guard Self.same(key, "code") else { return false }
                    guard !codeSeen else { throw Self.repeated("status.code") }
                    codeSeen = true
                    let start = scanner.index
                    let text: String
                    if scanner.current == UInt8(ascii: "\"") {
                        let (bytes, count) = try scanner.parseString(intoKey: false)
                        text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
                    } else {
                        try scanner.skipValue(depth: 8)
                        text = String(decoding: UnsafeBufferPointer(start: scanner.base + start, count: scanner.index - start), as: UTF8.self)
                    }
                    // 2 / STATUS_CODE_ERROR is an error; unset (0) and ok (1) are not.
                    builder.draft.isError = text == "2" || text == "STATUS_CODE_ERROR"
                    builder.present |= 1 << UInt32(TrafficField.status.rawValue)
                    return true
                }
            default:
                return false
            }
            return true
        }
        guard usage else { return false }
        if let startNanos {
            builder.draft.timestamp = Double(startNanos / 1_000_000_000) + Double(startNanos % 1_000_000_000) / 1e9
            builder.present |= 1 << UInt32(TrafficField.timestamp.rawValue)
            // An end of 0 is OTLP's unset value: the span has no latency. Any other end is the latency's, and one
            // before the start or more than a day after it is a bad record, as such a `latency_ms` is.
            if let endNanos, endNanos != 0 {
                guard endNanos >= startNanos else {
                    throw RecordIssue(field: "endTimeUnixNano", expected: "nanoseconds at or after startTimeUnixNano (\(startNanos))",
                                      found: String(endNanos))
                }
                let milliseconds = Double(endNanos - startNanos) / 1e6
                guard milliseconds <= TrafficField.latencyLimitMs else {
                    throw RecordIssue(field: "endTimeUnixNano",
                                      expected: "at most a day (86,400,000,000,000 ns) after startTimeUnixNano (\(startNanos))",
                                      found: String(endNanos))
                }
                builder.draft.latencyMs = milliseconds
                builder.present |= 1 << UInt32(TrafficField.latencyMs.rawValue)
            }
        }
        if let model = roles[0] >= 0 ? roles[0] : (roles[1] >= 0 ? roles[1] : nil) {
            builder.draft.model = model
            builder.present |= 1 << UInt32(TrafficField.model.rawValue)
        }
        let provider = roles[7] >= 0 ? roles[7] : roles[8]
        for (slot, tag) in builder.layout.otlpTags.enumerated() {
            var value = spanTags[slot] >= 0 ? spanTags[slot] : resourceTags[slot]
            if value < 0, tag.attribute == Self.otlpAttributes[7], provider >= 0 { value = provider }
            if value >= 0 { builder.addMappedTag(key: tag.key.withUnsafeBufferPointer { builder.intern($0.baseAddress!, $0.count) }, value: value) }
        }
        return true
    }

    /// Reads `{"key": K, "value": {"stringValue" | "intValue" | "doubleValue" | "boolValue": V}}` and hands a
    /// scalar's text to `body`; other value kinds (arrays, maps, bytes) are skipped.
    private mutating func parseAttribute(into builder: inout ChunkBuilder, depth: Int,
                                         _ body: ([UInt8], UnsafePointer<UInt8>, Int, inout ChunkBuilder) throws(RecordIssue) -> Void) throws(RecordIssue) {
        var key: [UInt8]?
        var value: [UInt8]?
        var valueSeen = false
        try forEachMember(depth: depth, into: &builder) { scanner, name, builder throws(RecordIssue) in
            if Self.same(name, "key") {
                guard key == nil else { throw Self.repeated("key") }
                guard scanner.current == UInt8(ascii: "\"") else { throw scanner.syntax("an attribute key string") }
                let (bytes, count) = try scanner.parseString(intoKey: false)
                key = Array(UnsafeBufferPointer(start: bytes, count: count))
                return true
            }
            guard Self.same(name, "value") else { return false }
            guard !valueSeen else { throw Self.repeated("value") }
            valueSeen = true
            try scanner.forEachMember(depth: depth + 1, into: &builder) { scanner, kind, builder throws(RecordIssue) in
                let isScalar = Self.same(kind, "stringValue") || Self.same(kind, "intValue") || Self.same(kind, "doubleValue")
                    || Self.same(kind, "boolValue")
                // An AnyValue holds one kind (a protobuf oneof): a second would leave the value ambiguous.
                guard !isScalar || value == nil else {
                    throw RecordIssue(field: String(decoding: kind, as: UTF8.self), expected: "one value kind in an attribute value",
                                      found: "a second kind")
                }
                switch true {
                case _ where Self.same(kind, "stringValue") || Self.same(kind, "intValue"):
                    if scanner.current == UInt8(ascii: "\"") {
                        let (bytes, count) = try scanner.parseString(intoKey: false)
                        value = Array(UnsafeBufferPointer(start: bytes, count: count))
                        return true
                    }
                    fallthrough
                case _ where Self.same(kind, "doubleValue") || Self.same(kind, "boolValue"):
                    let start = scanner.index
                    try scanner.skipValue(depth: depth + 2)
                    value = Array(UnsafeBufferPointer(start: scanner.base + start, count: scanner.index - start))
                    return true
                default:
                    return false
                }
            }
            return true
        }
        if let key, let value { try value.withUnsafeBufferPointer { buffer throws(RecordIssue) in try body(key, buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, buffer.count, &builder) } }
    }

    /// A member read twice in one object.
    static func repeated(_ name: String) -> RecordIssue {
        RecordIssue(field: name, expected: "each key once in its object", found: "the key a second time")
    }

    /// An attribute key read twice in one attribute collection.
    static func repeatedAttribute(_ key: [UInt8], in place: String) -> RecordIssue {
        RecordIssue(field: String(decoding: key, as: UTF8.self), expected: "each attribute key once in \(place)", found: "the key a second time")
    }

    /// An integer written as a JSON string or number, nil when it is neither.
    private mutating func integerText() throws(RecordIssue) -> Int64? {
        if current == UInt8(ascii: "\"") {
            let (bytes, count) = try parseString(intoKey: false)
            guard count > 0, let (number, after) = NumberParser.parse(bytes, from: 0, to: count), after == count else { return nil }
            return number.integer
        }
        guard current == UInt8(ascii: "-") || NumberParser.isDigit(current),
              let (number, after) = NumberParser.parse(base, from: index, to: end) else { return nil }
        index = after
        return number.integer
    }

    /// Calls `body` with each member's key (the index on its value); a member `body` does not consume (returns
    /// false) is skipped. A value that is not an object is skipped whole.
    /// Whether a key's bytes spell `literal`.
    @inline(__always)
    static func same(_ key: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        key.count == literal.utf8CodeUnitCount && (key.count == 0 || memcmp(key.baseAddress!, literal.utf8Start, key.count) == 0)
    }

    mutating func forEachMember(depth: Int, into builder: inout ChunkBuilder,
                                        _ body: (inout JSONLineScanner, UnsafeBufferPointer<UInt8>, inout ChunkBuilder) throws(RecordIssue) -> Bool) throws(RecordIssue) {
        guard depth < 64 else { throw syntax("nesting no deeper than 64") }
        guard current == UInt8(ascii: "{") else { try skipValue(depth: depth); return }
        if opensEmpty(closing: UInt8(ascii: "}")) { return }
        while true {
            let (bytes, count) = try memberKey()
            let key = UnsafeBufferPointer(start: bytes, count: count)
            if try !body(&self, key, &builder) { try skipValue(depth: depth + 1) }
            if try continues(before: UInt8(ascii: "}")) { continue }
            return
        }
    }

    /// Calls `body` with the index on each element of an array; a value that is not an array is skipped.
    mutating func forEachElement(depth: Int, into builder: inout ChunkBuilder,
                                         _ body: (inout JSONLineScanner, inout ChunkBuilder) throws(RecordIssue) -> Void) throws(RecordIssue) {
        guard depth < 64 else { throw syntax("nesting no deeper than 64") }
        guard current == UInt8(ascii: "[") else { try skipValue(depth: depth); return }
        if opensEmpty(closing: UInt8(ascii: "]")) { return }
        while true {
            try body(&self, &builder)
            if try continues(before: UInt8(ascii: "]")) { continue }
            return
        }
    }
}
