import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

private typealias Support = TrafficTestSupport

@Suite struct TrafficReaderTests {
    /// Records are what a log costs in memory: the widest fields first, so none is padded.
    @Test func aRecordTakes144Bytes() {
        #expect(MemoryLayout<TrafficRecord>.stride == 144)
    }

    @Test func readsEveryField() throws {
        let text = #"{"timestamp": "2025-03-01T12:00:00.250Z", "model": "gpt-4o-mini", "route": "chat", "input_tokens": 1200, "#
            + #""cached_input_tokens": 1000, "output_tokens": 300, "reasoning_tokens": 120, "latency_ms": 812.5, "ttft_ms": 95, "#
            + #""status": "error", "quality": 0.75, "weight": 2.5, "tags": {"team": "core", "customer": "acme"}, "#
            + #""prefix_id": "sys-1", "prefix_tokens": 900, "hash_ids": [7, 8, 9]}"#
        let traffic = try Support.read(text)
        let record = try #require(traffic.records.first)
        #expect(record.timestamp == 1_740_830_400.25)
        #expect(traffic.strings[record.model] == "gpt-4o-mini")
        #expect(traffic.strings[record.route] == "chat")
        #expect(record.inputTokens == 1200 && record.cachedInputTokens == 1000)
        #expect(record.outputTokens == 300 && record.reasoningTokens == 120)
        #expect(record.latencyMs == 812.5 && record.ttftMs == 95)
        #expect(record.isError)
        #expect(record.quality == 0.75 && record.weight == 2.5)
        #expect(traffic.tag("team", of: record) == "core" && traffic.tag("customer", of: record) == "acme")
        #expect(traffic.strings[record.prefixID] == "sys-1" && record.prefixTokens == 900)
        #expect(Array(traffic.hashPool[Int(record.hashStart)..<Int(record.hashStart + record.hashCount)]) == [7, 8, 9])
        #expect(traffic.source == "t")
        #expect(traffic.skipped.count == 0)
    }

    @Test func absentOptionalFieldsUseTheirDefaults() throws {
        let traffic = try Support.read(Support.line(#""latency_ms": null, "model": null, "tags": null, "hash_ids": null"#))
        let record = try #require(traffic.records.first)
        #expect(traffic.strings[record.model] == "")
        #expect(traffic.strings[record.route] == "default")
        #expect(record.latencyMs.isNaN && record.ttftMs.isNaN && record.quality.isNaN && record.weight.isNaN)
        #expect(!record.isError && record.tagSet == 0 && record.prefixID == -1 && record.hashCount == 0)
    }

    @Test(arguments: [
        ("2025-03-01T12:00:00Z", 1_740_830_400.0),
        ("2025-03-01t12:00:00z", 1_740_830_400.0),
        ("2025-03-01T12:00:00.123+02:00", 1_740_823_200.123),
        ("2025-03-01T12:00:00-05:30", 1_740_850_200.0),
        ("2025-03-01 12:00:00", 1_740_830_400.0),
        ("2023-11-16 18:15:46.6805900", 1_700_158_546.68059),
        ("2024-02-29T00:00:00Z", 1_709_164_800.0),
        ("1970-01-01T00:00:00.000001Z", 0.000001),
        ("1969-12-31T23:59:59Z", -1.0),
        ("2016-12-31T23:59:60Z", 1_483_228_800.0),
        ("2000-01-01T00:00:00.123456789Z", 946_684_800.123456789),
    ])
    func parsesTimestamps(text: String, seconds: Double) throws {
        let parsed = try #require(TimestampParser.parse(text))
        #expect(abs(parsed - seconds) < 1e-6, "\(text) → \(parsed)")
        let traffic = try Support.read(#"{"timestamp": "\#(text)", "input_tokens": 1, "output_tokens": 1}"#)
        #expect(traffic.records[0].timestamp == parsed)
    }

    @Test(arguments: [
        "2025-02-29T00:00:00Z", "2025-13-01T00:00:00Z", "2025-00-10T00:00:00Z", "2025-04-31T00:00:00Z",
        "2025-03-01T24:00:00Z", "2025-03-01T12:60:00Z", "2025-03-01T12:00:61Z", "2025-03-01T12:00:00.Z",
        "2025-03-01T12:00:00+0200", "2025-03-01", "2025-3-01T12:00:00Z", "2025-03-01T12:00:00Z ", "yesterday",
        "1900-02-29T00:00:00Z",
    ])
    func rejectsBadTimestamps(text: String) {
        #expect(TimestampParser.parse(text) == nil)
        let error = Support.failure(#"{"timestamp": "\#(text)", "input_tokens": 1, "output_tokens": 1}"#)
        #expect(error == .badRecord(file: "t", line: 1, field: "timestamp", expected: TrafficField.timestamp.expected,
                                    found: excerpt("\"\(text)\"")))
    }

    @Test(arguments: [
        (TrafficSpec.TimestampUnit.s, "1740830400", 1_740_830_400.0),
        (.s, "1740830400.5", 1_740_830_400.5),
        (.ms, "1740830400250", 1_740_830_400.25),
        (.ms, "27", 0.027),
        (.us, "1740830400000001", 1_740_830_400.000001),
        (.ns, "1740830400000000001", 1_740_830_400.000000001),
    ])
    func readsNumericTimestamps(unit: TrafficSpec.TimestampUnit, text: String, seconds: Double) throws {
        let traffic = try Support.read(#"{"timestamp": \#(text), "input_tokens": 1, "output_tokens": 1}"#, spec: Support.jsonl(unit: unit))
        #expect(abs(traffic.records[0].timestamp - seconds) < 1e-6)
    }

    @Test(arguments: [
        // (fragment, field, expected, found)
        (#""input_tokens": "many""#, "input_tokens", "a non-negative integer of at most 1,000,000,000,000", #"'"many"'"#),
        (#""input_tokens": -1"#, "input_tokens", "a non-negative integer of at most 1,000,000,000,000", "'-1'"),
        (#""input_tokens": 12.5"#, "input_tokens", "a non-negative integer of at most 1,000,000,000,000", "'12.5'"),
        (#""input_tokens": [1]"#, "input_tokens", "a non-negative integer of at most 1,000,000,000,000", "'[1]'"),
        (#""output_tokens": true"#, "output_tokens", "a non-negative integer of at most 1,000,000,000,000", "'true'"),
        (#""cached_input_tokens": 101"#, "cached_input_tokens", "an integer no greater than input_tokens (100)", "'101'"),
        (#""reasoning_tokens": 21"#, "reasoning_tokens", "an integer no greater than output_tokens (20)", "'21'"),
        (#""latency_ms": -3"#, "latency_ms", "a non-negative number of milliseconds of at most 86,400,000 (one day)", "'-3'"),
        (#""ttft_ms": "fast""#, "ttft_ms", "a non-negative number of milliseconds of at most 86,400,000 (one day)", #"'"fast"'"#),
        (#""status": "failed""#, "status", "'ok' or 'error' ('success' or 'failure', or an HTTP status code)", #"'"failed"'"#),
        (#""status": 1"#, "status", "'ok' or 'error' ('success' or 'failure', or an HTTP status code)", "'1'"),
        (#""quality": 1.5"#, "quality", "a number from 0 to 1", "'1.5'"),
        (#""weight": 0"#, "weight", "a number greater than 0 and at most 1e12", "'0'"),
        (#""model": 4"#, "model", "a string", "'4'"),
        (#""route": {"a": 1}"#, "route", "a string", #"'{"a": 1}'"#),
        (#""prefix_tokens": 1e400"#, "prefix_tokens", "a non-negative integer of at most 1,000,000,000,000", "'1e400'"),
        (#""tags": [1]"#, "tags", "a list of 'key:value' strings", "'1'"),
        (#""tags": {"team": 3}"#, "tags.team", "a string", "'3'"),
        // A tag in the tags object and at the top level with two values would be read one way without saying so.
        (#""tags": {"team": "b"}, "team": "a""#, "tags.team",
         "the value of the top-level 'team' ('a'), or no top-level 'team': a tag has one value", "'b'"),
        (#""team": "a", "tags": {"team": "b"}"#, "tags.team",
         "the value of the top-level 'team' ('a'), or no top-level 'team': a tag has one value", "'b'"),
        // The first token cannot come after the whole response (1 ms of rounding allowed).
        (#""latency_ms": 100, "ttft_ms": 101.5"#, "ttft_ms",
         "a time to first token no longer than the whole request's latency_ms (100 ms, give or take 1 ms)", "'101.5 ms'"),
        (#""ttft_ms": 900, "latency_ms": 250.5"#, "ttft_ms",
         "a time to first token no longer than the whole request's latency_ms (250.5 ms, give or take 1 ms)", "'900 ms'"),
        (#""hash_ids": [1, "x"]"#, "hash_ids", "an array of integers", #"'"x"'"#),
        (#""hash_ids": [1.5]"#, "hash_ids", "an array of integers", "'1.5'"),
        (#""hash_ids": 3"#, "hash_ids", "an array of integers", "'3'"),
    ])
    func rejectsBadValues(fragment: String, field: String, expected: String, found: String) {
        let error = Support.failure(Support.line(replacing: fragment))
        #expect(error == .badRecord(file: "t", line: 1, field: field, expected: expected, found: found))
    }

    @Test(arguments: ["timestamp", "input_tokens", "output_tokens"])
    func requiresFields(field: String) {
        var fields = [#""timestamp": 1"#, #""input_tokens": 1"#, #""output_tokens": 1"#]
        fields.removeAll { $0.contains(field) }
        guard case .badRecord(_, 1, let named, let expected, _)? = Support.failure("{" + fields.joined(separator: ",") + "}") else {
            Issue.record("expected a bad record")
            return
        }
        #expect(named == field)
        #expect(expected.contains("required"))
    }

    @Test func namesTheLineOfTheFirstBadRecord() {
        var lines = (1...41).map { _ in Support.line() }
        lines.append(Support.line(#""input_tokens": "many""#).replacingOccurrences(of: #""input_tokens": 100, "#, with: ""))
        lines.append(Support.line(#""status": "nope""#))
        let text = lines.joined(separator: "\n")
        for chunks in [1, 3, 40] {
            let error = try? #require(throws: CostGateError.self) { try Support.read(text, chunks: chunks) }
            #expect(error == .badRecord(file: "t", line: 42, field: "input_tokens", expected: "a non-negative integer of at most 1,000,000,000,000", found: #"'"many"'"#))
            #expect(error?.description == #"t:42: field 'input_tokens': expected a non-negative integer of at most 1,000,000,000,000, found '"many"'"#)
        }
    }

    @Test(arguments: [
        (#"{"timestamp": 1 "input_tokens": 1}"#, "',' or '}' at column 17", #"'"input_tokens": 1}'"#),
        (#"{"timestamp": 1, "input_tokens": 1"#, "',' or '}' at column 35", "end of line"),
        (#"{"timestamp": 1,}"#, "a key in double quotes at column 17", "'}'"),
        (#"[1, 2]"#, "'{' at column 1", "'[1, 2]'"),
        (#"{"timestamp": 1} x"#, "the end of the line after the object at column 18", "'x'"),
        (#"{"a": tru}"#, "a value at column 7", "'tru}'"),
        (#"{"a": "x\q"}"#, "a valid escape at column 10", #"'q"}'"#),
        (#"{"a": "é", "b": 01}"#, "',' or '}' at column 18", "'1}'"),
        (#"{"timestamp": -}"#, "a number at column 15", "'-}'"),
        (#"{"a": "open}"#, #"a closing '"' at column 13"#, "end of line"),
    ])
    func namesTheColumnOfMalformedJSON(line: String, expected: String, found: String) {
        let error = Support.failure(Support.line() + "\n" + line)
        #expect(error == .badRecord(file: "t", line: 2, field: nil, expected: expected, found: found))
    }

    @Test func skipsBadRecordsCountingThem() throws {
        var lines: [String] = []
        for index in 1...30 { lines.append(index % 2 == 0 ? Support.line(replacing: #""input_tokens": "x\#(index)""#) : Support.line()) }
        let traffic = try Support.read(lines.joined(separator: "\n"), skip: true, chunks: 4)
        #expect(traffic.records.count == 15)
        #expect(traffic.skipped.count == 15)
        #expect(traffic.skipped.examples.count == 10)
        #expect(traffic.skipped.examples.first == #"t:2: field 'input_tokens': expected a non-negative integer of at most 1,000,000,000,000, found '"x2"'"#)
        #expect(traffic.skipped.examples.last?.hasPrefix("t:20:") == true)
    }

    @Test func failsWhenNothingIsReadable() {
        let skipped = Support.failure("{}\n{}")
        #expect(skipped == .badRecord(file: "t", line: 1, field: "timestamp", expected: TrafficField.timestamp.expected + " (the field is required)", found: "nothing"))
        do throws(CostGateError) {
            _ = try Support.read("{}\n\n{}\n", skip: true)
            Issue.record("expected an error")
        } catch {
            guard case .io(let path, let reason) = error else { Issue.record("\(error)"); return }
            #expect(path == "t")
            #expect(reason.hasPrefix("no readable records in t (2 skipped; the first: t:1:"))
        }
        #expect(Support.failure("") == .io(path: "t", reason: "no readable records in t"))
        #expect(Support.failure("\n \r\n") == .io(path: "t", reason: "no readable records in t"))
    }

    @Test func acceptsBlankLinesCRLFAndBOM() throws {
        let text = "\u{FEFF}" + Support.line() + "\r\n\r\n   \n" + Support.line(#""route": "b""#) + "\r\n" + Support.line()
        let traffic = try Support.read(text)
        #expect(traffic.records.count == 3)
        #expect(traffic.strings[traffic.records[1].route] == "b")
        let error = Support.failure("\u{FEFF}" + Support.line() + "\r\n\r\n" + Support.line(#""weight": -1"#) + "\r\n")
        #expect(error == .badRecord(file: "t", line: 3, field: "weight", expected: "a number greater than 0 and at most 1e12", found: "'-1'"))
    }

    @Test func mapsColumnsAndAppliesDefaults() throws {
        let spec = Support.jsonl(columns: ["input_tokens": "in", "model": "engine"],
                                 defaults: ["route": "chat", "model": "gpt-4o", "status": "error", "team": "core"])
        let text = #"{"timestamp": 1, "in": 5, "output_tokens": 2}"# + "\n"
            + #"{"timestamp": 2, "in": 6, "output_tokens": 2, "engine": "m", "route": "r", "status": "ok", "team": "x"}"#
        let traffic = try Support.read(text, spec: spec)
        let (first, second) = (traffic.records[0], traffic.records[1])
        #expect(first.inputTokens == 5 && traffic.strings[first.model] == "gpt-4o" && traffic.strings[first.route] == "chat")
        #expect(first.isError && traffic.tag("team", of: first) == "core")
        #expect(second.inputTokens == 6 && traffic.strings[second.model] == "m" && traffic.strings[second.route] == "r")
        #expect(!second.isError && traffic.tag("team", of: second) == "x")
        // The error names the column as the file writes it.
        let error = Support.failure(#"{"timestamp": 1, "in": "lots", "output_tokens": 2}"#, spec: spec)
        #expect(error == .badRecord(file: "t", line: 1, field: "in", expected: "a non-negative integer of at most 1,000,000,000,000", found: #"'"lots"'"#))
        // The canonical name of a mapped field is neither read nor a tag.
        let ignored = try Support.read(#"{"timestamp": 1, "in": 5, "input_tokens": "x", "output_tokens": 2}"#, spec: spec)
        #expect(ignored.records[0].inputTokens == 5 && ignored.tagKeys == ["team"])
    }

    @Test func collectsTopLevelStringTagsAndInternsTagSets() throws {
        let text = [
            Support.line(#""team": "a", "tags": {"customer": "acme"}, "n": 3, "list": [1], "nothing": null"#),
            Support.line(#""tags": {"team": "b"}, "team": "b""#),
            Support.line(#""tags": {"customer": "acme", "team": "a"}"#),
            Support.line(#""feature": "x", "tags": {}"#),
            Support.line(),
        ].joined(separator: "\n")
        let traffic = try Support.read(text)
        let records = traffic.records
        #expect(traffic.tag("team", of: records[0]) == "a" && traffic.tag("customer", of: records[0]) == "acme")
        #expect(traffic.tag("team", of: records[1]) == "b") // the same value twice is one tag
        #expect(records[2].tagSet == records[0].tagSet) // equal sets share an index
        #expect(traffic.tag("feature", of: records[3]) == "x")
        #expect(records[4].tagSet == 0)
        #expect(traffic.tagKeys == ["customer", "feature", "team"])
        for set in traffic.tagSets { #expect(set.map(\.key) == set.map(\.key).sorted()) }
        #expect(Set(traffic.tagSets.map { $0.map { [$0.key, $0.value] } }).count == traffic.tagSets.count)
    }

    @Test func acceptsNumberForms() throws {
        let traffic = try Support.read(Support.line(#""prefix_tokens": 12.0, "reasoning_tokens": 1E1, "latency_ms": 0.1, "ttft_ms": 2.5e-3, "quality": 1"#))
        let record = traffic.records[0]
        #expect(record.prefixTokens == 12 && record.reasoningTokens == 10)
        #expect(record.latencyMs == 0.1 && record.ttftMs == 0.0025 && record.quality == 1)
    }

    /// A repeated key is an error (the record is ambiguous); with skipping on, the bad record leaves nothing
    /// behind in the hash pool and the next record reads whole.
    @Test func aRepeatedKeyIsAnErrorAndLeavesNoHashes() throws {
        let traffic = try Support.read(Support.line(#""hash_ids": [1, 2], "model": "a", "hash_ids": [3]"#) + "\n"
            + Support.line(#""hash_ids": [4]"#), skip: true)
        #expect(traffic.records.count == 1 && traffic.skipped.count == 1)
        #expect(traffic.skipped.examples.first == "t:1: field 'hash_ids': expected each key once in a record, found the key a second time")
        let record = traffic.records[0]
        #expect(Array(traffic.hashPool[Int(record.hashStart)..<Int(record.hashStart + record.hashCount)]) == [4])
    }

    /// Strings are scanned 8 bytes at a time: put the escape, the closing quote and a raw control
    /// character at every offset across word boundaries.
    @Test(arguments: 0...19)
    func scansStringsAtEveryLength(length: Int) throws {
        let text = String("abcdefghijklmnopqrstuvwxyz".prefix(length))
        #expect(try Support.read(Support.line(#""model": "\#(text)""#)).strings.strings.contains(text))
        for position in 0...length {
            var escaped = text
            escaped.insert(contentsOf: #"\""#, at: escaped.index(escaped.startIndex, offsetBy: position))
            var decoded = text
            decoded.insert("\"", at: decoded.index(decoded.startIndex, offsetBy: position))
            let traffic = try Support.read(Support.line(#""model": "\#(escaped)""#))
            #expect(traffic.strings[traffic.records[0].model] == decoded)
            var control = text
            control.insert("\u{1}", at: control.index(control.startIndex, offsetBy: position))
            let error = Support.failure(Support.line(#""model": "\#(control)""#))
            guard case .badRecord(_, 1, nil, let expected, _)? = error else {
                Issue.record("no error for a control character at \(position) of \(length)")
                continue
            }
            #expect(expected.hasPrefix("no control characters in a string"))
        }
    }

    @Test func decodesEscapes() throws {
        let traffic = try Support.read(Support.line(#""model": "a\"b\\c\/d\u00e9\ud83d\ude00\n", "t\u0065am": "x""#))
        #expect(traffic.strings[traffic.records[0].model] == "a\"b\\c/dé😀\n")
        #expect(traffic.tag("team", of: traffic.records[0]) == "x")
    }

    @Test func readsTheMooncakeTrace() throws {
        let url = Support.fixtures.appendingPathComponent("mooncake-conversation-head40.jsonl")
        let spec = Support.jsonl(columns: ["input_tokens": "input_length", "output_tokens": "output_length"], unit: .ms)
        let traffic = try TrafficReader.read(contentsOf: url.path, displayName: "mooncake.jsonl", spec: spec, skipBadRecords: false)
        #expect(traffic.records.count == 40)
        let first = traffic.records[0]
        #expect(first.timestamp == 0 && first.inputTokens == 6758 && first.outputTokens == 500)
        #expect(Array(traffic.hashPool[0..<Int(first.hashCount)]) == Array(0...13))
        #expect(traffic.strings[first.route] == "default" && traffic.strings[first.model] == "")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        for (line, record) in zip(lines, traffic.records) {
            let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(record.timestamp == (object["timestamp"] as! Double) / 1000)
            #expect(record.inputTokens == object["input_length"] as! Int64)
            let hashes = traffic.hashPool[Int(record.hashStart)..<Int(record.hashStart + record.hashCount)]
            #expect(Array(hashes) == (object["hash_ids"] as! [Int64]))
        }
    }

    @Test func reportsMissingFiles() {
        #expect(throws: CostGateError.io(path: "shown.jsonl", reason: "no such file")) {
            try TrafficReader.read(contentsOf: "/nonexistent/x.jsonl", displayName: "shown.jsonl", spec: Support.jsonl(), skipBadRecords: false)
        }
        #expect(throws: CostGateError.io(path: "dir", reason: "is a directory, not a traffic file")) {
            try TrafficReader.read(contentsOf: NSTemporaryDirectory(), displayName: "dir", spec: Support.jsonl(), skipBadRecords: false)
        }
    }

    @Test(arguments: [1, 2, 5, 16, 97])
    func chunkingDoesNotChangeTheResult(chunks: Int) throws {
        let text = Support.sample(records: 600, seed: 7)
        let reference = try Support.read(text, chunks: 1)
        let chunked = try Support.read(text, chunks: chunks)
        #expect(Support.identical(reference, chunked))
        #expect(reference.records.count == 600)
        let bad = text.replacingOccurrences(of: #""input_tokens": 1"#, with: #""input_tokens": "1""#)
        let skipReference = try Support.read(bad, skip: true, chunks: 1)
        let skipChunked = try Support.read(bad, skip: true, chunks: chunks)
        #expect(Support.identical(skipReference, skipChunked))
        #expect(skipReference.skipped.count > 10)
        #expect(Support.failure(bad) != nil)
        let errors = [1, chunks].map { (count: Int) -> CostGateError? in
            do throws(CostGateError) { _ = try Support.read(bad, chunks: count); return nil } catch { return error }
        }
        #expect(errors[0] == errors[1])
    }
}

extension TrafficReaderTests {
    /// Several files are read one by one and appended: every string a record points at, the prompt hash
    /// included, must name what that record's own file said.
    @Test func filesAppendedKeepEveryRecordsStrings() throws {
        let first = #"{"timestamp": 1, "model": "gpt-4.1", "route": "faq", "input_tokens": 10, "output_tokens": 2, "prompt_hash": "q-1", "prefix_id": "sys-a"}"# + "\n"
        let second = #"{"timestamp": 2, "model": "gpt-4.1-mini", "route": "chat", "input_tokens": 10, "output_tokens": 2, "prompt_hash": "q-2", "prefix_id": "sys-b", "team": "x"}"# + "\n"
            + #"{"timestamp": 3, "model": "gpt-4.1", "route": "faq", "input_tokens": 10, "output_tokens": 2, "prompt_hash": "q-1"}"# + "\n"
        let files = [Data(first.utf8), Data(second.utf8)]
        let spec = TrafficSpec(path: "logs", format: .jsonl)
        let traffic = try TrafficReader.read(files: ["a.jsonl", "b.jsonl"], spec: spec, skipBadRecords: false) { index throws(CostGateError) in
            files[index]
        }
        #expect(traffic.records.map { traffic.strings[$0.promptHash] } == ["q-1", "q-2", "q-1"])
        #expect(traffic.records.map { traffic.strings[$0.model] } == ["gpt-4.1", "gpt-4.1-mini", "gpt-4.1"])
        #expect(traffic.records.prefix(2).map { traffic.strings[$0.prefixID] } == ["sys-a", "sys-b"])
        #expect(traffic.tag("team", of: traffic.records[1]) == "x")
    }
}
