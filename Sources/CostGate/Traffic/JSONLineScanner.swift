import Foundation

/// Scans one JSON object on one line.
struct JSONLineScanner {
    let base: UnsafePointer<UInt8>
    var index: Int
    let lineStart: Int
    let end: Int
    let scratch: ByteScratch

    init(base: UnsafePointer<UInt8>, index: Int, end: Int, scratch: ByteScratch) {
        self.base = base
        self.index = index
        self.lineStart = index
        self.end = end
        self.scratch = scratch
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < end {
            switch base[index] {
            case 0x20, 0x09, 0x0D, 0x0A:
                index += 1
                // Indentation (a pretty-printed usage report): eight spaces a step.
                while index + 8 <= end,
                      UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) == 0x2020_2020_2020_2020 {
                    index += 8
                }
            default: return
            }
        }
    }

    @inline(__always)
    var current: UInt8 { index < end ? base[index] : 0 }

    /// A syntax error at the current position, naming the column.
    func syntax(_ expected: String) -> RecordIssue {
        // A pretty-printed value spans lines (usage reports): count from the start of the error's own line.
        var lineBegin = min(index, end)
        while lineBegin > lineStart && base[lineBegin - 1] != 0x0A { lineBegin -= 1 }
        var column = 1
        for offset in lineBegin..<min(index, end) where base[offset] & 0xC0 != 0x80 { column += 1 }
        var found = "end of line"
        var stop = index
        while stop < end && stop - index < 40 { stop += 1 }
        while stop > index && (base[stop - 1] == 0x0D || base[stop - 1] == 0x0A) { stop -= 1 }
        if stop > index {
            found = excerpt(String(decoding: UnsafeBufferPointer(start: base + index, count: stop - index), as: UTF8.self), limit: 20)
        }
        return RecordIssue(field: nil, expected: "\(expected) at column \(column)", found: found)
    }

    /// The raw text from `start` to the current position, as an excerpt for an error.
    func raw(from start: Int) -> String {
        excerpt(String(decoding: UnsafeBufferPointer(start: base + start, count: max(0, min(index, end) - start)), as: UTF8.self))
    }

    /// Reads the whole object into `builder`'s draft.
    mutating func parseRecord(into builder: inout ChunkBuilder) throws(RecordIssue) {
        guard current == UInt8(ascii: "{") else { throw syntax("'{'") }
        if !opensEmpty(closing: UInt8(ascii: "}")) {
            while true {
                let (keyBytes, keyCount) = try memberKey()
                let hash = ByteHash.hash(keyBytes, keyCount)
                if let field = builder.layout.field(keyBytes, keyCount, hash: hash) {
                    // A repeated key would silently keep one of two values: the record is ambiguous.
                    guard builder.firstSight(of: field) else {
                        throw RecordIssue(field: builder.layout.name(field), expected: "each key once in a record",
                                          found: "the key a second time")
                    }
                    try parseField(field, into: &builder)
                } else if builder.layout.hasPaths, let (member, target) = builder.layout.pathNodes[0].member(keyBytes, keyCount) {
                    // A mapped key given twice (`custom_llm_provider`, or the `metadata` object) would tag the
                    // record twice or keep one of two values.
                    guard builder.firstSight(ofPath: 0, member: member) else {
                        throw RecordIssue(field: String(decoding: UnsafeBufferPointer(start: keyBytes, count: keyCount), as: UTF8.self),
                                          expected: "each key once in a record", found: "the key a second time")
                    }
                    try parsePath(target, into: &builder, depth: 1)
                } else if current == UInt8(ascii: "\""), builder.layout.autoTags {
                    let (valueBytes, valueCount) = try parseString(intoKey: false)
                    if !builder.layout.isReserved(keyBytes, keyCount, hash: hash) {
                        let key = builder.intern(keyBytes, keyCount, hash: hash)
                        let value = builder.intern(valueBytes, valueCount)
                        guard builder.addTag(key: key, value: value, fromObject: false) else {
                            throw RecordIssue(field: String(decoding: UnsafeBufferPointer(start: keyBytes, count: keyCount), as: UTF8.self),
                                              expected: "each key once in a record",
                                              found: "the key a second time")
                        }
                    }
                } else {
                    try skipValue(depth: 0)
                }
                if try continues(before: UInt8(ascii: "}")) { continue }
                break
            }
        }
        skipWhitespace()
        guard index >= end else { throw syntax("the end of the line after the object") }
    }

    /// Reads the value a mapped dotted path leads to: a field, a tag, or a nested object to descend into.
    /// A value that is not an object where the path expects one is absent, not an error.
    mutating func parsePath(_ target: PathNode.Target, into builder: inout ChunkBuilder, depth: Int) throws(RecordIssue) {
        switch target {
        case .field(let field):
            guard builder.firstSight(of: field) else {
                throw RecordIssue(field: builder.layout.name(field), expected: "each key once in a record", found: "the key a second time")
            }
            try parseField(field, into: &builder)
        case .tag(let name):
            let start = index
            let byte = current
            var value: (UnsafePointer<UInt8>, Int)?
            if byte == UInt8(ascii: "\"") {
                value = try parseString(intoKey: false)
            } else if byte == UInt8(ascii: "-") || NumberParser.isDigit(byte) || byte == UInt8(ascii: "t") || byte == UInt8(ascii: "f") {
                // A number or a boolean tags as its JSON text (`team_id: 42` is team 42).
                try skipValue(depth: depth)
                value = (base + start, index - start)
            } else if byte == UInt8(ascii: "n") {
                try literal("null")
                return
            } else {
                try skipValue(depth: depth)
                throw RecordIssue(field: "tag '\(String(decoding: name, as: UTF8.self))'", expected: "a string, number or boolean", found: raw(from: start))
            }
            if FieldLayout.isJoinKey(name) {
                builder.setJoinKey(value!.0, value!.1)
                return
            }
            let key = name.withUnsafeBufferPointer { builder.intern($0.baseAddress!, $0.count) }
            builder.addMappedTag(key: key, value: builder.intern(value!.0, value!.1))
        case .firstTokenTime:
            let start = index
            if current == UInt8(ascii: "n") {
                try literal("null")
                return
            }
            if current == UInt8(ascii: "\"") {
                let (bytes, count) = try parseString(intoKey: false)
                if let seconds = TimestampParser.parse(bytes, count) {
                    builder.firstTokenTime = seconds
                    return
                }
            } else {
                try skipValue(depth: depth)
            }
            throw RecordIssue(field: "completionStartTime", expected: "a timestamp (the first token's arrival)", found: raw(from: start))
        case .node(let node):
            guard current == UInt8(ascii: "{"), depth < 64 else {
                try skipValue(depth: depth)
                return
            }
            if opensEmpty(closing: UInt8(ascii: "}")) { return }
            while true {
                let (keyBytes, keyCount) = try memberKey()
                if let (member, next) = builder.layout.pathNodes[node].member(keyBytes, keyCount) {
                    guard builder.firstSight(ofPath: node, member: member) else {
                        throw Self.repeated(String(decoding: UnsafeBufferPointer(start: keyBytes, count: keyCount), as: UTF8.self))
                    }
                    try parsePath(next, into: &builder, depth: depth + 1)
                } else {
                    try skipValue(depth: depth + 1)
                }
                if try continues(before: UInt8(ascii: "}")) { continue }
                return
            }
        }
    }

    private mutating func parseField(_ field: TrafficField, into builder: inout ChunkBuilder) throws(RecordIssue) {
        let start = index
        let byte = current
        if byte == UInt8(ascii: "n") {
            try literal("null")
            return
        }
        switch field {
        case .timestamp, .inputTokens, .cachedInputTokens, .outputTokens, .reasoningTokens, .latencyMs, .ttftMs,
             .quality, .weight, .prefixTokens, .cacheWriteInputTokens, .cacheWrite1hInputTokens, .billedCostUSD:
            if byte == UInt8(ascii: "-") || NumberParser.isDigit(byte) {
                guard let (number, after) = NumberParser.parse(base, from: index, to: end) else { throw syntax("a number") }
                index = after
                guard builder.setNumber(field, number) else { throw badValue(field, from: start, builder.layout) }
                return
            }
            if byte == UInt8(ascii: "\"") {
                let (bytes, count) = try parseString(intoKey: false)
                if field == .timestamp, builder.setTimestamp(bytes, count) { return }
                // A number written as a string (`"4134"`, OTLP's `intValue`) is read as the number it is.
                guard count > 0, let (number, after) = NumberParser.parse(bytes, from: 0, to: count), after == count,
                      builder.setNumber(field, number) else { throw badValue(field, from: start, builder.layout) }
                return
            }
        case .cacheHit where byte == UInt8(ascii: "t") || byte == UInt8(ascii: "f"):
            let hit = byte == UInt8(ascii: "t")
            try literal(hit ? "true" : "false")
            builder.draft.cacheHitCode = hit ? 2 : 1
            builder.present |= 1 << UInt32(field.rawValue)
            return
        case .model, .route, .prefixID, .status, .tokenConvention, .serviceTier, .cacheHit, .promptHash, .outcome, .contextWindow:
            if field == .status, NumberParser.isDigit(byte) {
                // An HTTP status code (Helicone's `response_status`): below 400 is a success.
                guard let (number, after) = NumberParser.parse(base, from: index, to: end) else { throw syntax("a number") }
                index = after
                guard builder.setHTTPStatus(number) else { throw badValue(field, from: start, builder.layout) }
                return
            }
            if byte == UInt8(ascii: "\"") {
                let (bytes, count) = try parseString(intoKey: false)
                guard builder.setString(field, bytes, count) else { throw badValue(field, from: start, builder.layout) }
                return
            }
        case .tags:
            if byte == UInt8(ascii: "{") {
                try parseTags(into: &builder)
                return
            }
            if byte == UInt8(ascii: "[") {
                try parseTagList(into: &builder)
                return
            }
        case .hashIDs:
            if byte == UInt8(ascii: "[") {
                try parseHashes(into: &builder)
                return
            }
        }
        try skipValue(depth: 0)
        throw badValue(field, from: start, builder.layout)
    }

    private func badValue(_ field: TrafficField, from start: Int, _ layout: FieldLayout) -> RecordIssue {
        RecordIssue(field: layout.name(field), expected: field.expected, found: raw(from: start))
    }

    /// Reads the `tags` object: every value must be a string.
    mutating func parseTags(into builder: inout ChunkBuilder) throws(RecordIssue) {
        if opensEmpty(closing: UInt8(ascii: "}")) { return }
        while true {
            let (keyBytes, keyCount) = try memberKey()
            let start = index
            if current == UInt8(ascii: "\"") {
                let (valueBytes, valueCount) = try parseString(intoKey: false)
                let key = builder.intern(keyBytes, keyCount)
                let value = builder.intern(valueBytes, valueCount)
                guard builder.addTag(key: key, value: value, fromObject: true) else {
                    let name = String(decoding: UnsafeBufferPointer(start: keyBytes, count: keyCount), as: UTF8.self)
                    throw RecordIssue(field: builder.layout.name(.tags) + "." + name,
                                      expected: "each key once in the object", found: "the key a second time")
                }
            } else {
                let name = String(decoding: UnsafeBufferPointer(start: keyBytes, count: keyCount), as: UTF8.self)
                try skipValue(depth: 1)
                throw RecordIssue(field: builder.layout.name(.tags) + "." + name, expected: "a string", found: raw(from: start))
            }
            if try continues(before: UInt8(ascii: "}")) { continue }
            return
        }
    }

    /// Reads a tag list (`["team:support", "beta"]`, Langfuse's and LiteLLM's `tags`): `key:value` entries are
    /// tags, an entry without a colon is the tag `entry: true`.
    mutating func parseTagList(into builder: inout ChunkBuilder) throws(RecordIssue) {
        if opensEmpty(closing: UInt8(ascii: "]")) { return }
        while true {
            let start = index
            guard current == UInt8(ascii: "\"") else {
                try skipValue(depth: 1)
                throw RecordIssue(field: builder.layout.name(.tags), expected: "a list of 'key:value' strings", found: raw(from: start))
            }
            let (bytes, count) = try parseString(intoKey: false)
            var colon = 0
            while colon < count && bytes[colon] != UInt8(ascii: ":") { colon += 1 }
            let key = builder.intern(bytes, colon)
            let value = colon < count ? builder.intern(bytes + colon + 1, count - colon - 1) : Self.trueText.withUnsafeBufferPointer { builder.intern($0.baseAddress!, $0.count) }
            guard colon > 0, builder.addTag(key: key, value: value, fromObject: true) else {
                throw RecordIssue(field: builder.layout.name(.tags), expected: "a list of 'key:value' strings, each key once",
                                  found: raw(from: start))
            }
            if try continues(before: UInt8(ascii: "]")) { continue }
            return
        }
    }

    private static let trueText = Array("true".utf8)

    /// Reads `hash_ids`: an array of integers.
    mutating func parseHashes(into builder: inout ChunkBuilder) throws(RecordIssue) {
        builder.markHashes()
        if opensEmpty(closing: UInt8(ascii: "]")) { return }
        while true {
            let start = index
            if current == UInt8(ascii: "-") || NumberParser.isDigit(current) {
                guard let (number, after) = NumberParser.parse(base, from: index, to: end) else { throw syntax("a number") }
                index = after
                guard let whole = number.wholeValue else {
                    throw RecordIssue(field: builder.layout.name(.hashIDs), expected: "an array of integers", found: raw(from: start))
                }
                builder.addHash(whole)
            } else {
                try skipValue(depth: 1)
                throw RecordIssue(field: builder.layout.name(.hashIDs), expected: "an array of integers", found: raw(from: start))
            }
            if try continues(before: UInt8(ascii: "]")) { continue }
            return
        }
    }

    /// Consumes an opening bracket and the whitespace after it; when `closing` follows at once (an empty
    /// container), consumes that too and returns true.
    @inline(__always)
    mutating func opensEmpty(closing: UInt8) -> Bool {
        index += 1
        skipWhitespace()
        guard current == closing else { return false }
        index += 1
        return true
    }

    /// Reads a member's quoted key, the ':' after it and the whitespace around, leaving the index on the value.
    @inline(__always)
    mutating func memberKey() throws(RecordIssue) -> (UnsafePointer<UInt8>, Int) {
        guard current == UInt8(ascii: "\"") else { throw syntax("a key in double quotes") }
        let key = try parseString(intoKey: true)
        skipWhitespace()
        guard current == UInt8(ascii: ":") else { throw syntax("':'") }
        index += 1
        skipWhitespace()
        return key
    }

    /// After a member or an element: on ',' skips it (and the whitespace after) and returns true; on `closing`
    /// consumes it and returns false; anything else is a syntax error.
    @inline(__always)
    mutating func continues(before closing: UInt8) throws(RecordIssue) -> Bool {
        skipWhitespace()
        if current == UInt8(ascii: ",") {
            index += 1
            skipWhitespace()
            return true
        }
        guard current == closing else { throw syntax(closing == UInt8(ascii: "}") ? "',' or '}'" : "',' or ']'") }
        index += 1
        return false
    }

    mutating func literal(_ word: StaticString) throws(RecordIssue) {
        let count = word.utf8CodeUnitCount
        guard index + count <= end, memcmp(base + index, word.utf8Start, count) == 0 else {
            throw syntax("a value")
        }
        index += count
    }

    /// Skips any JSON value, checking its syntax.
    mutating func skipValue(depth: Int) throws(RecordIssue) {
        guard depth < 256 else { throw syntax("nesting no deeper than 256") }
        switch current {
        case UInt8(ascii: "\""):
            _ = try parseString(intoKey: false)
        case UInt8(ascii: "{"):
            if opensEmpty(closing: UInt8(ascii: "}")) { return }
            while true {
                _ = try memberKey()
                try skipValue(depth: depth + 1)
                if try continues(before: UInt8(ascii: "}")) { continue }
                return
            }
        case UInt8(ascii: "["):
            if opensEmpty(closing: UInt8(ascii: "]")) { return }
            while true {
                try skipValue(depth: depth + 1)
                if try continues(before: UInt8(ascii: "]")) { continue }
                return
            }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            guard let (_, after) = NumberParser.parse(base, from: index, to: end) else { throw syntax("a number") }
            index = after
        default:
            throw syntax("a value")
        }
    }

    /// Reads a string at the opening quote; returns its decoded bytes (in place when it has no escapes).
    @inline(__always)
    mutating func parseString(intoKey: Bool) throws(RecordIssue) -> (UnsafePointer<UInt8>, Int) {
        index += 1
        let start = index
        // Skip 8 bytes at a time while none is a quote, a backslash or a control character (SWAR: the
        // lowest flagged byte is always a real match; borrows can only flag bytes above it).
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        // Any byte above 0x7F seen (a superset of the string's own bytes): only such strings need the UTF-8 check.
        var nonASCII: UInt64 = 0
        while index + 8 <= end {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            nonASCII |= word
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            let quoteFlags = (quote &- ones) & ~quote
            let backslashFlags = (backslash &- ones) & ~backslash
            let controlFlags = (word &- ones &* 0x20) & ~word
            let flags = (quoteFlags | backslashFlags | controlFlags) & highBits
            if flags != 0 {
                index += flags.trailingZeroBitCount >> 3
                break
            }
            index += 8
        }
        while index < end {
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                let count = index - 1 - start
                if nonASCII & highBits != 0 && !UTF8Validator.isValid(base + start, count) {
                    index -= 1
                    throw syntax("valid UTF-8 in the string")
                }
                return (base + start, count)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            nonASCII |= UInt64(byte)
            index += 1
        }
        return try parseEscapedString(from: start, intoKey: intoKey)
    }

    private mutating func parseEscapedString(from start: Int, intoKey: Bool) throws(RecordIssue) -> (UnsafePointer<UInt8>, Int) {
        if intoKey { scratch.reserve(key: end - start) } else { scratch.reserve(value: end - start) }
        let output = intoKey ? scratch.key : scratch.value
        var count = index - start
        output.update(from: base + start, count: count)
        while true {
            guard index < end else { throw syntax("a closing '\"'") }
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                guard UTF8Validator.isValid(output, count) else { throw syntax("valid UTF-8 in the string") }
                index += 1
                return (UnsafePointer(output), count)
            }
            if byte < 0x20 { throw syntax("no control characters in a string") }
            if byte != UInt8(ascii: "\\") {
                output[count] = byte
                count += 1
                index += 1
                continue
            }
            index += 1
            guard index < end else { throw syntax("an escape") }
            let escape = base[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output[count] = escape
            case UInt8(ascii: "b"): output[count] = 0x08
            case UInt8(ascii: "f"): output[count] = 0x0C
            case UInt8(ascii: "n"): output[count] = 0x0A
            case UInt8(ascii: "r"): output[count] = 0x0D
            case UInt8(ascii: "t"): output[count] = 0x09
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    guard index + 1 < end, base[index] == UInt8(ascii: "\\"), base[index + 1] == UInt8(ascii: "u") else {
                        throw syntax("a low surrogate after a high surrogate")
                    }
                    index += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw syntax("a low surrogate") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw syntax("no lone low surrogate")
                }
                // A \u escape is 6 source bytes and at most 4 UTF-8 bytes, so the output cannot overrun.
                for unit in UTF8.encode(Unicode.Scalar(scalar)!)! {
                    output[count] = unit
                    count += 1
                }
                continue
            default:
                index -= 1
                throw syntax("a valid escape")
            }
            count += 1
        }
    }

    private mutating func hex4() throws(RecordIssue) -> UInt32 {
        guard index + 4 <= end else { throw syntax("4 hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = base[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 55)
            default: throw syntax("4 hex digits")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}
