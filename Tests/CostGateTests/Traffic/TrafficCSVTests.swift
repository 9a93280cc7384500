import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

private typealias Support = TrafficTestSupport

@Suite struct TrafficCSVTests {
    static let azureSpec = Support.csv(columns: ["timestamp": "TIMESTAMP", "input_tokens": "ContextTokens", "output_tokens": "GeneratedTokens"],
                                       defaults: ["route": "chat"])

    @Test func readsTheAzureTraceAsIs() throws {
        let url = Support.fixtures.appendingPathComponent("azure-conv-2023-head200.csv")
        let traffic = try TrafficReader.read(contentsOf: url.path, displayName: "azure.csv", spec: Self.azureSpec, skipBadRecords: false)
        #expect(traffic.records.count == 200)
        let first = traffic.records[0]
        #expect(abs(first.timestamp - 1_700_158_546.68059) < 1e-6) // 2023-11-16 18:15:46.6805900 UTC
        #expect(first.inputTokens == 374 && first.outputTokens == 44)
        #expect(traffic.strings[first.route] == "chat" && traffic.strings[first.model] == "")
        #expect(traffic.tagSets == [[]])
        let rows = try String(contentsOf: url, encoding: .utf8).split(separator: "\r\n").dropFirst()
        for (row, record) in zip(rows, traffic.records) {
            let cells = row.split(separator: ",")
            #expect(record.inputTokens == Int64(cells[1])! && record.outputTokens == Int64(cells[2])!)
        }
        for pair in zip(traffic.records, traffic.records.dropFirst()) { #expect(pair.0.timestamp < pair.1.timestamp) }
    }

    @Test func readsQuotedFieldsAndTags() throws {
        let text = "\u{FEFF}timestamp,input_tokens,output_tokens,model,customer,note\r\n"
            + "2025-03-01T12:00:00Z,10,2,\"gpt, \"\"mini\"\"\",\"acme\ninc\",\r\n"
            + "\r\n"
            + "1740830401,11,3,,beta,\"x\"\r\n"
            + "2025-03-01 12:00:02.5,12,4,m,,y"
        let traffic = try Support.read(text, spec: Support.csv())
        #expect(traffic.records.count == 3)
        let (a, b, c) = (traffic.records[0], traffic.records[1], traffic.records[2])
        #expect(traffic.strings[a.model] == "gpt, \"mini\"" && traffic.tag("customer", of: a) == "acme\ninc")
        #expect(traffic.tag("note", of: a) == nil)
        #expect(b.timestamp == 1_740_830_401 && traffic.strings[b.model] == "" && traffic.tag("note", of: b) == "x")
        #expect(c.timestamp == 1_740_830_402.5 && traffic.tag("customer", of: c) == nil && traffic.tag("note", of: c) == "y")
    }

    @Test func skipsBlankLinesAndCountsThemInLineNumbers() {
        let text = "\r\n\nTIMESTAMP,ContextTokens,GeneratedTokens\r\n \r\n2025-03-01 00:00:00,1,2\r\n\t\r\n2025-03-01 00:00:01,1,-2\r\n"
        #expect(Support.failure(text, spec: Self.azureSpec)
            == .badRecord(file: "t", line: 7, field: "GeneratedTokens", expected: "a non-negative integer of at most 1,000,000,000,000", found: "'-2'"))
        #expect(Support.failure("\n\nTIMESTAMP,ContextTokens\n", spec: Self.azureSpec)
            == .badRecord(file: "t", line: 3, field: "GeneratedTokens", expected: "a column named 'GeneratedTokens' in the header",
                          found: "'TIMESTAMP,ContextTokens'"))
    }

    @Test func readsEveryFieldFromCells() throws {
        let text = #"timestamp,input_tokens,cached_input_tokens,output_tokens,reasoning_tokens,latency_ms,ttft_ms,status,quality,weight,tags,prefix_id,prefix_tokens,hash_ids,route"#
            + "\n" + #"1,100,50,20,5,12.5,3,error,0.5,2,"{""team"": ""core""}",p,40,"[1, 2]",search"#
        let traffic = try Support.read(text, spec: Support.csv())
        let record = traffic.records[0]
        #expect(record.cachedInputTokens == 50 && record.reasoningTokens == 5 && record.latencyMs == 12.5 && record.ttftMs == 3)
        #expect(record.isError && record.quality == 0.5 && record.weight == 2 && traffic.tag("team", of: record) == "core")
        #expect(traffic.strings[record.prefixID] == "p" && record.prefixTokens == 40 && record.hashCount == 2)
        #expect(traffic.strings[record.route] == "search")
    }

    @Test(arguments: [
        // (row, field, expected, found)
        ("2025-03-01T12:00:00Z,many,2,x", "ContextTokens", "a non-negative integer of at most 1,000,000,000,000", "'many'"),
        ("2025-03-01T12:00:00Z,1.5,2,x", "ContextTokens", "a non-negative integer of at most 1,000,000,000,000", "'1.5'"),
        ("2025-13-01 00:00:00,1,2,x", "TIMESTAMP", TrafficField.timestamp.expected, "'2025-13-01 00:00:00'"),
        ("2025-03-01T12:00:00Z,1,2", nil, "4 fields as in the header", "3 fields"),
        ("2025-03-01T12:00:00Z,\"1\"x,2,x", nil, "',' or the end of the line after a closing quote", "'x,2,x'"),
        (",1,2,x", "TIMESTAMP", TrafficField.timestamp.expected + " (the field is required)", "nothing"),
    ] as [(String, String?, String, String)])
    func namesLineAndHeaderOfBadRows(row: String, field: String?, expected: String, found: String) {
        // The quoted note spans two lines, so the bad row starts on physical line 4.
        let text = "TIMESTAMP,ContextTokens,GeneratedTokens,note\n2025-03-01T12:00:00Z,1,2,\"two\nlines\"\n" + row + "\n"
        let error = Support.failure(text, spec: Self.azureSpec)
        #expect(error == .badRecord(file: "t", line: 4, field: field, expected: expected, found: found))
    }

    @Test func rejectsAHeaderWithoutARequiredColumn() {
        let error = Support.failure("time,ContextTokens,GeneratedTokens\n1,2,3\n", spec: Self.azureSpec)
        #expect(error == .badRecord(file: "t", line: 1, field: "TIMESTAMP", expected: "a column named 'TIMESTAMP' in the header",
                                    found: "'time,ContextTokens,GeneratedTokens'"))
        #expect(Support.failure("", spec: Self.azureSpec) == .io(path: "t", reason: "no readable records in t"))
        #expect(Support.failure("\n\n", spec: Self.azureSpec) == .io(path: "t", reason: "no readable records in t (it has no header row)"))
        #expect(Support.failure("TIMESTAMP,ContextTokens,GeneratedTokens", spec: Self.azureSpec) == .io(path: "t", reason: "no readable records in t"))
    }

    /// `timestamp, model` would otherwise make ` model` a tag and leave every record without a model (unpriced).
    @Test func aFieldsNameWithSpacesAroundItIsAnError() throws {
        let error = Support.failure("timestamp, model,input_tokens,output_tokens\n1,openai/gpt-4o,2,3\n", spec: Support.csv())
        #expect(error == .badRecord(file: "t", line: 1, field: "model", expected: "the column name 'model' without spaces around it",
                                    found: "' model'"))
        // A tag column's name is the tag key, spaces and all; only names of fields are checked.
        let traffic = try Support.read("timestamp,input_tokens,output_tokens, team\n1,2,3,core\n", spec: Support.csv())
        #expect(traffic.tagKeys == [" team"])
    }

    @Test(arguments: [1, 3, 8])
    func chunkingDoesNotChangeTheResult(chunks: Int) throws {
        let text = (try? String(contentsOf: Support.fixtures.appendingPathComponent("azure-conv-2023-head200.csv"), encoding: .utf8)) ?? ""
        let one = try Support.read(text, spec: Self.azureSpec, chunks: 1)
        let many = try Support.read(text, spec: Self.azureSpec, chunks: chunks)
        #expect(Support.identical(one, many))
        let bad = text.replacingOccurrences(of: ",44\r\n", with: ",x\r\n")
        #expect(Support.failure(bad, spec: Self.azureSpec) == .badRecord(file: "t", line: 2, field: "GeneratedTokens", expected: "a non-negative integer of at most 1,000,000,000,000", found: "'x'"))
        let skipped = try Support.read(bad, spec: Self.azureSpec, skip: true, chunks: chunks)
        #expect(skipped.skipped.count >= 1 && skipped.records.count == 200 - skipped.skipped.count)
    }
}
