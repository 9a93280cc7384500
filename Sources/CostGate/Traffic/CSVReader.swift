import Foundation

/// Reads CSV traffic (RFC 4180 with a header row) into a `ChunkBuilder`.
///
/// Columns map to fields by header name (`columns` in the spec, else the canonical name); every other
/// column is a tag. An empty cell is an absent value.
enum CSVReader {
    /// Where a cell's bytes are: in the input, or (when it had `""` escapes) in the row's scratch space.
    struct Cell {
        var inScratch: Bool
        var start: Int
        var count: Int
    }

    /// The header row, resolved against the spec.
    struct Header: Sendable {
        /// The index of the first byte after the header row.
        var bodyStart: Int
        /// Newlines in the header row.
        var lineCount: Int
        /// The header names, as written.
        var names: [String]
        /// The field each column holds, or nil for a tag column.
        var fields: [TrafficField?]
        /// The tag key of each tag column (its header name), as UTF-8.
        var tagKeys: [[UInt8]]
        /// For a column whose cell holds JSON that mapped dotted paths lead into (`metadata`), where they lead.
        var jsonTargets: [PathNode.Target?] = []
        /// The column holding the join key (`traffic.join`), if any.
        var joinKeyColumn: Int?

        /// Reads and checks the header row at `start`.
        static func read(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int, layout: FieldLayout,
                         file: String) throws(CostGateError) -> Header {
            var index = start
            var cells: [Cell] = []
            var scratch: [UInt8] = []
            var lines = 0
            // Blank lines before the header are allowed.
            while index < end && (base[index] == 0x0A || base[index] == 0x0D) {
                if base[index] == 0x0A { lines += 1 }
                index += 1
            }
            guard index < end else { throw .io(path: file, reason: "no readable records in \(file) (it has no header row)") }
            let headerLine = lines + 1
            if let issue = scanRow(base, &index, end, &cells, &scratch, &lines) {
                throw issue.error(file: file, lineOffset: headerLine)
            }
            let names = cells.map { cell in
                String(decoding: bytes(of: cell, base, scratch), as: UTF8.self)
            }
            for (column, name) in names.enumerated() where names[..<column].contains(name) {
                throw .badRecord(file: file, line: headerLine, field: name, expected: "each column name once in the header",
                                 found: "'\(name)' in columns \(names.firstIndex(of: name)! + 1) and \(column + 1)")
            }
            // `timestamp, model` (a space after the comma) would make ` model` a tag and leave every record without a
            // model: a field's name with spaces around it is an error that says so.
            let fieldNames = Set(TrafficField.allCases.map { layout.name($0) })
            for name in names {
                let trimmed = name.trimmingCharacters(in: .whitespaces)
                if trimmed != name, fieldNames.contains(trimmed) {
                    throw .badRecord(file: file, line: headerLine, field: trimmed,
                                     expected: "the column name '\(trimmed)' without spaces around it", found: "'\(name)'")
                }
            }
            var fields = [TrafficField?](repeating: nil, count: names.count)
            var tagKeys = [[UInt8]](repeating: [], count: names.count)
            for field in TrafficField.allCases {
                let name = layout.name(field)
                if let column = names.firstIndex(of: name) {
                    fields[column] = field
                } else if name.dottedPathSegments.count > 1 {
                    // A path into the JSON object a cell holds (`metadata.user_api_key_team_alias`): its column must exist.
                    let root = name.dottedPathSegments[0]
                    guard names.contains(root) else {
                        throw .badRecord(file: file, line: headerLine, field: name, expected: "a column named '\(root)' in the header",
                                         found: excerpt(names.joined(separator: ","), limit: 80))
                    }
                } else if (TrafficField.required.contains(field) && !layout.isLookup && !(field == .timestamp && layout.timestampFromJoin))
                            || name != field.canonicalName {
                    throw .badRecord(file: file, line: headerLine, field: name, expected: "a column named '\(name)' in the header",
                                     found: excerpt(names.joined(separator: ","), limit: 80))
                }
            }
            var jsonTargets = [PathNode.Target?](repeating: nil, count: names.count)
            for column in names.indices where fields[column] == nil {
                let key = Array(names[column].utf8)
                if layout.hasPaths, let target = key.withUnsafeBufferPointer({ buffer in
                    layout.pathNodes[0].target(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, buffer.count)
                }) {
                    switch target {
                    case .node, .firstTokenTime:
                        jsonTargets[column] = target
                        continue
                    default: break
                    }
                }
                // `traffic.tags` renames a column's tag (`"team": "team_alias"`).
                if layout.hasPaths, case .tag(let tag)? = key.withUnsafeBufferPointer({ buffer in
                    layout.pathNodes[0].target(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, buffer.count)
                }) {
                    tagKeys[column] = tag
                    continue
                }
                let isFieldName = key.withUnsafeBufferPointer { buffer in
                    layout.isReserved(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, buffer.count,
                                      hash: ByteHash.hash(buffer.baseAddress, buffer.count))
                }
                if !isFieldName && layout.autoTags { tagKeys[column] = key }
            }
            return Header(bodyStart: index, lineCount: lines, names: names, fields: fields, tagKeys: tagKeys, jsonTargets: jsonTargets,
                          joinKeyColumn: tagKeys.firstIndex(where: FieldLayout.isJoinKey))
        }
    }

    static func bytes(of cell: Cell, _ base: UnsafePointer<UInt8>, _ scratch: [UInt8]) -> [UInt8] {
        cell.inScratch ? Array(scratch[cell.start..<cell.start + cell.count])
            : Array(UnsafeBufferPointer(start: base + cell.start, count: cell.count))
    }

    /// Scans one row at `index`, appending its cells; counts the newlines it consumes in `lines`.
    /// On a quoting error, skips to the end of the line and returns the issue.
    static func scanRow(_ base: UnsafePointer<UInt8>, _ index: inout Int, _ end: Int, _ cells: inout [Cell],
                        _ scratch: inout [UInt8], _ lines: inout Int) -> RecordIssue? {
        cells.removeAll(keepingCapacity: true)
        scratch.removeAll(keepingCapacity: true)
        while true {
            if index < end && base[index] == UInt8(ascii: "\"") {
                index += 1
                let start = index
                // With `""` escapes the cell is unescaped into `scratch` as it is scanned: each span up to a
                // doubled quote is copied with one of its quotes.
                var scratchStart = -1
                var runStart = start
                var cellEnd = start
                while true {
                    index = firstOf(UInt8(ascii: "\""), 0x0A, base, from: index, to: end)
                    guard index < end else {
                        return RecordIssue(field: nil, expected: unclosedQuote, found: "end of file")
                    }
                    if base[index] == 0x0A {
                        lines += 1
                        index += 1
                        continue
                    }
                    if index + 1 < end && base[index + 1] == UInt8(ascii: "\"") {
                        if scratchStart < 0 { scratchStart = scratch.count }
                        scratch.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index + 1 - runStart))
                        index += 2
                        runStart = index
                        continue
                    }
                    cellEnd = index
                    index += 1
                    break
                }
                if scratchStart >= 0 {
                    scratch.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: cellEnd - runStart))
                    cells.append(Cell(inScratch: true, start: scratchStart, count: scratch.count - scratchStart))
                } else {
                    cells.append(Cell(inScratch: false, start: start, count: cellEnd - start))
                }
                guard index < end else { return nil }
                switch base[index] {
                case UInt8(ascii: ","):
                    index += 1
                    continue
                case 0x0A:
                    index += 1
                    lines += 1
                    return nil
                case 0x0D where index + 1 == end:
                    index += 1
                    return nil
                case 0x0D where base[index + 1] == 0x0A:
                    index += 2
                    lines += 1
                    return nil
                default:
                    let rest = index
                    while index < end && base[index] != 0x0A { index += 1 }
                    var stop = index
                    if stop > rest && base[stop - 1] == 0x0D { stop -= 1 }
                    let found = excerpt(String(decoding: UnsafeBufferPointer(start: base + rest, count: stop - rest), as: UTF8.self), limit: 20)
                    if index < end {
                        index += 1
                        lines += 1
                    }
                    return RecordIssue(field: nil, expected: "',' or the end of the line after a closing quote", found: found)
                }
            }
            let start = index
            index = firstOf(UInt8(ascii: ","), 0x0A, base, from: index, to: end)
            var cellEnd = index
            if cellEnd > start && base[cellEnd - 1] == 0x0D && (index == end || base[index] == 0x0A) { cellEnd -= 1 }
            cells.append(Cell(inScratch: false, start: start, count: cellEnd - start))
            guard index < end else { return nil }
            index += 1
            if base[index - 1] == 0x0A {
                lines += 1
                return nil
            }
        }
    }

    /// What `scanRow` expects when a quoted field runs to the end of its input.
    static let unclosedQuote = "a closing '\"' for the quoted field"

    /// The index of the first `first` or `second` byte in `from..<to`, or `to`. Eight bytes a step: a byte equal
    /// to the pattern becomes zero, and the lowest zero byte of a word is found exactly by the borrow trick.
    @inline(__always)
    static func firstOf(_ first: UInt8, _ second: UInt8, _ base: UnsafePointer<UInt8>, from: Int, to end: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let firstPattern = UInt64(first) &* ones
        let secondPattern = UInt64(second) &* ones
        var index = from
        while index + 8 <= end {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            let x = word ^ firstPattern
            let y = word ^ secondPattern
            let found = ((x &- ones) & ~x | (y &- ones) & ~y) & highs
            if found != 0 { return index + found.trailingZeroBitCount / 8 }
            index += 8
        }
        while index < end && base[index] != first && base[index] != second { index += 1 }
        return index
    }

    /// Parses the rows in `start..<end` (which begins at a row start). `aligned` is false when the last row runs
    /// past `end` inside a quoted field: then `end` was not a row end, and the next chunk began inside a field.
    /// (A chunk that stopped earlier at a bad record is aligned: its error comes first, whatever follows.)
    static func parseChunk(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int, header: Header,
                           layout: FieldLayout, skipBadRecords: Bool) -> (chunk: TrafficChunk, aligned: Bool) {
        var endsInsideQuote = false
        var builder = ChunkBuilder(layout: layout, skipBadRecords: skipBadRecords)
        let jsonScratch = ByteScratch()
        var cells: [Cell] = []
        var scratch: [UInt8] = []
        var lines = 0
        var tagKeyIDs = [Int32?](repeating: nil, count: header.fields.count)
        var index = start
        while index < end {
            let line = lines + 1
            if let issue = scanRow(base, &index, end, &cells, &scratch, &lines) {
                if index >= end && issue.expected == unclosedQuote { endsInsideQuote = true }
                builder.begin()
                builder.reject(issue, line: line)
                if builder.mustStop { break }
                continue
            }
            if cells.count == 1 && isBlank(cells[0], base) { continue }
            builder.begin()
            guard cells.count == header.fields.count else {
                builder.reject(RecordIssue(field: nil, expected: "\(header.fields.count) fields as in the header",
                                           found: "\(cells.count) fields"), line: line)
                if builder.mustStop { break }
                continue
            }
            let issue: RecordIssue? = scratch.withUnsafeBufferPointer { scratchBuffer in
                let scratchBase = scratchBuffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
                for column in 0..<cells.count {
                    let cell = cells[column]
                    if cell.count == 0 { continue }
                    let bytes = cell.inScratch ? scratchBase + cell.start : base + cell.start
                    if let field = header.fields[column] {
                        if let issue = setField(field, bytes, cell.count, &builder, jsonScratch) { return issue }
                    } else if let target = header.jsonTargets[column] {
                        if let issue = readJSONCell(target, bytes, cell.count, column: column, of: header, &builder, jsonScratch) { return issue }
                    } else if header.joinKeyColumn == column {
                        guard UTF8Validator.isValid(bytes, cell.count) else {
                            return RecordIssue(field: header.names[column], expected: "valid UTF-8", found: nil)
                        }
                        builder.setJoinKey(bytes, cell.count)
                    } else if !header.tagKeys[column].isEmpty {
                        let key: Int32
                        if let id = tagKeyIDs[column] {
                            key = id
                        } else {
                            key = internKey(header.tagKeys[column], &builder)
                            tagKeyIDs[column] = key
                        }
                        guard UTF8Validator.isValid(bytes, cell.count) else {
                            return RecordIssue(field: header.names[column], expected: "valid UTF-8", found: nil)
                        }
                        // Header names are unique, so a column's tag key is never set twice in a row.
                        _ = builder.addTag(key: key, value: builder.intern(bytes, cell.count), fromObject: false)
                    }
                }
                return builder.finish()
            }
            if let issue {
                builder.reject(issue, line: line)
                if builder.mustStop { break }
            }
        }
        return (builder.result(lineCount: lines), !endsInsideQuote)
    }

    /// Whether a lone cell is empty or spaces: a blank line, which is skipped.
    private static func isBlank(_ cell: Cell, _ base: UnsafePointer<UInt8>) -> Bool {
        if cell.inScratch { return false }
        for offset in 0..<cell.count where base[cell.start + offset] != 0x20 && base[cell.start + offset] != 0x09 { return false }
        return true
    }

    private static func internKey(_ key: [UInt8], _ builder: inout ChunkBuilder) -> Int32 {
        key.withUnsafeBufferPointer { builder.intern($0.baseAddress!, $0.count) }
    }

    /// Reads the paths mapped into a cell holding JSON (LiteLLM's `metadata`); the first token's time is a
    /// plain timestamp cell. Returns the issue when the cell is not what the paths need.
    private static func readJSONCell(_ target: PathNode.Target, _ bytes: UnsafePointer<UInt8>, _ count: Int, column: Int, of header: Header,
                                     _ builder: inout ChunkBuilder, _ jsonScratch: ByteScratch) -> RecordIssue? {
        if case .firstTokenTime = target {
            guard let seconds = TimestampParser.parse(bytes, count) else {
                return RecordIssue(field: header.names[column], expected: "a timestamp (the first token's arrival)",
                                   found: excerpt(String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)))
            }
            builder.firstTokenTime = seconds
            return nil
        }
        var scanner = JSONLineScanner(base: bytes, index: 0, end: count, scratch: jsonScratch)
        do throws(RecordIssue) {
            scanner.skipWhitespace()
            try scanner.parsePath(target, into: &builder, depth: 1)
            scanner.skipWhitespace()
            guard scanner.index >= count else { throw scanner.syntax("the end of the cell after the JSON value") }
            return nil
        } catch {
            var issue = error
            if issue.field == nil {
                issue.field = header.names[column]
                issue.expected = "JSON in the cell (\(issue.expected))"
            }
            return issue
        }
    }

    /// Sets one mapped cell; returns the issue when its value is bad.
    private static func setField(_ field: TrafficField, _ bytes: UnsafePointer<UInt8>, _ count: Int,
                                 _ builder: inout ChunkBuilder, _ jsonScratch: ByteScratch) -> RecordIssue? {
        let found = { excerpt(String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)) }
        var lower = 0
        var upper = count
        while lower < upper && (bytes[lower] == 0x20 || bytes[lower] == 0x09) { lower += 1 }
        while upper > lower && (bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09) { upper -= 1 }
        switch field {
        case .model, .route, .prefixID, .status, .tokenConvention, .serviceTier, .cacheHit, .promptHash, .outcome, .contextWindow:
            guard UTF8Validator.isValid(bytes, count) else { return RecordIssue(field: builder.layout.name(field), expected: "valid UTF-8", found: nil) }
            return builder.setString(field, bytes, count) ? nil : RecordIssue(field: builder.layout.name(field), expected: field.expected, found: found())
        case .tags, .hashIDs:
            var scanner = JSONLineScanner(base: bytes, index: lower, end: upper, scratch: jsonScratch)
            do throws(RecordIssue) {
                if field == .tags {
                    if lower < upper, bytes[lower] == UInt8(ascii: "[") {
                        try scanner.parseTagList(into: &builder)
                    } else {
                        guard lower < upper, bytes[lower] == UInt8(ascii: "{") else {
                            return RecordIssue(field: builder.layout.name(field), expected: "a JSON object of string values, or a JSON list of 'key:value' strings", found: found())
                        }
                        try scanner.parseTags(into: &builder)
                    }
                } else {
                    guard lower < upper, bytes[lower] == UInt8(ascii: "[") else {
                        return RecordIssue(field: builder.layout.name(field), expected: "a JSON array of integers", found: found())
                    }
                    try scanner.parseHashes(into: &builder)
                }
                scanner.skipWhitespace()
                guard scanner.index == upper else {
                    return RecordIssue(field: builder.layout.name(field), expected: field.expected, found: found())
                }
                return nil
            } catch {
                var issue = error
                if issue.field == nil {
                    issue.field = builder.layout.name(field)
                    issue.expected = field.expected + " (\(issue.expected) in the cell)"
                }
                return issue
            }
        default:
            if lower < upper, let (number, after) = NumberParser.parse(bytes, from: lower, to: upper), after == upper {
                return builder.setNumber(field, number) ? nil : RecordIssue(field: builder.layout.name(field), expected: field.expected, found: found())
            }
            if field == .timestamp && builder.setTimestamp(bytes + lower, upper - lower) { return nil }
            return RecordIssue(field: builder.layout.name(field), expected: field.expected, found: found())
        }
    }
}
