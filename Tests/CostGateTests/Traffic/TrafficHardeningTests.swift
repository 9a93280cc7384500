import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

private typealias Support = TrafficTestSupport

/// The bad-input catalogue's cases that the traffic readers must turn into input errors, never numbers:
/// values beyond stated bounds, repeated keys, ill-formed UTF-8, and control bytes echoed into messages.
@Suite struct TrafficHardeningTests {
    @Test(arguments: [
        // (fragment, field): each value is beyond the field's stated bound, or not finite.
        (#""weight": 1e308"#, "weight"),
        (#""weight": 1e13"#, "weight"),
        (#""latency_ms": 1e308"#, "latency_ms"),
        (#""ttft_ms": 86400001"#, "ttft_ms"),
        (#""input_tokens": 9223372036854775807"#, "input_tokens"),
        (#""output_tokens": 1000000000001"#, "output_tokens"),
    ])
    func rejectsValuesBeyondTheirBounds(fragment: String, field: String) throws {
        let line = Support.line(fragment).replacingOccurrences(of: #""input_tokens": 100, "#, with: field == "input_tokens" ? "" : #""input_tokens": 100, "#)
            .replacingOccurrences(of: #", "output_tokens": 20"#, with: field == "output_tokens" ? "" : #", "output_tokens": 20"#)
        let error = try #require(Support.failure(line))
        guard case .badRecord(_, 1, field, let expected, _) = error else {
            Issue.record("expected a bad \(field), got \(error)")
            return
        }
        #expect(expected.contains("at most"), "the bound is stated: \(expected)")
    }

    @Test(arguments: ["-1e308", "1e308", "100000000001", "\"9999-12-31T23:59:59Z\""])
    func rejectsTimestampsThatMakeTheWindowInfinite(timestamp: String) throws {
        let text = #"{"timestamp": \#(timestamp), "input_tokens": 1, "output_tokens": 1}"#
        let error = try #require(Support.failure(text))
        guard case .badRecord(_, 1, "timestamp", let expected, _) = error else {
            Issue.record("expected a bad timestamp, got \(error)")
            return
        }
        #expect(expected.contains("1e11"))
    }

    @Test(arguments: [
        (#"{"timestamp": 1, "input_tokens": 5, "output_tokens": 1, "input_tokens": 900000}"#, "input_tokens"),
        (#"{"timestamp": 1, "input_tokens": 5, "output_tokens": 1, "model": "a", "model": null}"#, "model"),
        (#"{"timestamp": 1, "input_tokens": 5, "output_tokens": 1, "team": "a", "team": "b"}"#, "team"),
        (#"{"timestamp": 1, "input_tokens": 5, "output_tokens": 1, "tags": {"team": "a", "team": "b"}}"#, "tags.team"),
    ])
    func rejectsARepeatedKey(text: String, field: String) throws {
        let error = try #require(Support.failure(text))
        #expect(error == .badRecord(file: "t", line: 1, field: field, expected: "each key once in a record", found: "the key a second time")
                || error == .badRecord(file: "t", line: 1, field: field, expected: "each key once in the object", found: "the key a second time"))
    }

    @Test func rejectsARepeatedCSVColumn() throws {
        let text = "timestamp,input_tokens,output_tokens,input_tokens\n1,5,1,900000\n"
        let error = try #require(Support.failure(text, spec: Support.csv()))
        #expect(error.description.contains("each column name once in the header"))
        #expect(error.description.contains("columns 2 and 4"))
    }

    /// Two tag values that differ only in ill-formed bytes used to decode to the same text and merge.
    @Test func rejectsIllFormedUTF8() throws {
        var bytes = Array(#"{"timestamp": 1, "input_tokens": 5, "output_tokens": 1, "team": "a"#.utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array(#""}"#.utf8)
        do {
            _ = try TrafficReader.read(Data(bytes), spec: Support.jsonl(), file: "t", skipBadRecords: false)
            Issue.record("ill-formed UTF-8 was accepted")
        } catch {
            #expect(error.description.contains("valid UTF-8"))
        }
        var csv = Array("timestamp,input_tokens,output_tokens,team\n1,5,1,a".utf8)
        csv += [0xC0, 0xAF, 0x0A]
        do {
            _ = try TrafficReader.read(Data(csv), spec: Support.csv(), file: "t", skipBadRecords: false)
            Issue.record("ill-formed UTF-8 was accepted in CSV")
        } catch {
            #expect(error.description.contains("valid UTF-8"))
        }
        // Well-formed multi-byte text still reads, as itself.
        let traffic = try Support.read(#"{"timestamp": 1, "input_tokens": 5, "output_tokens": 1, "team": "équipe 東京 🚀"}"#)
        #expect(traffic.strings.id(of: "équipe 東京 🚀") != nil)
    }

    @Test(arguments: [
        ([0xC2, 0x80] as [UInt8], true), ([0xE2, 0x82, 0xAC], true), ([0xF0, 0x9F, 0x9A, 0x80], true), ([0xF4, 0x8F, 0xBF, 0xBF], true),
        ([0xC0, 0x80], false), ([0xE0, 0x80, 0x80], false), ([0xED, 0xA0, 0x80], false), ([0xF4, 0x90, 0x80, 0x80], false),
        ([0xF5, 0x80, 0x80, 0x80], false), ([0x80], false), ([0xE2, 0x82], false), ([0xE2, 0x28, 0xA1], false),
    ])
    func validatesUTF8AsRFC3629Does(bytes: [UInt8], valid: Bool) {
        #expect(bytes.withUnsafeBufferPointer { UTF8Validator.isValid($0.baseAddress!, $0.count) } == valid)
        #expect(bytes.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) != nil } == valid)
    }

    /// Found by the `csv` fuzz target: a header whose repeated column name holds a control character (0x1F)
    /// put the raw character into the error message.
    @Test func fuzzCrashCSVRepeatedColumnWithAControlCharacter() throws {
        let base64 = "dGltZXN0YW1wLGn///8f53B1dF90b2tlbnMsb3V0cHV0l4tva2VuaW1lc3RhbXAsaf///x/ncHV0X3Rva2VucyxvdXRwdXSXZXN0IntwLGnncHV0X3Rva2VucyxvdXRwdXSXi29rZW4sInsiImsiIjogIiJ2IiJ9Igo="
        let data = try #require(Data(base64Encoded: base64))
        do {
            _ = try TrafficReader.read(data, spec: Support.csv(), file: "t", skipBadRecords: false)
            Issue.record("the header was accepted")
        } catch {
            #expect(!error.description.unicodeScalars.contains { $0.value < 0x20 }, "\(error.description)")
        }
    }

    /// A traffic line cannot inject terminal escapes into a CI log through an error message.
    @Test func escapesControlBytesInMessages() throws {
        let text = "{\"timestamp\": 1, \"input_tokens\": \u{1B}]0;pwned\u{07}\u{202E}, \"output_tokens\": 1}"
        let error = try #require(Support.failure(text))
        let message = error.description
        #expect(!message.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0.value == 0x202E })
        #expect(message.contains(#"\u{1B}]0;pwned\u{7}\u{202E}"#))
    }
}
