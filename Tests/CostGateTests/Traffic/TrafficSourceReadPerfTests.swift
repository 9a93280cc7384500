import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// Manual read-speed comparison of the usage-report readers, LiteLLM (CSV with JSON cells, and JSON Lines), the
/// OTLP, Langfuse and Helicone scenarios' logs repeated, a join and gzip against the flat JSON Lines read, in the same run; runs only with `COSTGATE_PERF=1` (`Tests/Benchmarks/traffic/sources.sh`).
/// Prints seconds per MB of each shape and the ratio to flat JSON Lines; asserts nothing about time.
@Suite struct TrafficSourceReadPerfTests {
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    @Test(.enabled(if: TrafficReadPerfTests.enabled))
    func TrafficSourceReadPerf() throws {
        var generator = SplitMix64(seed: 8)
        let count = 200_000
        var flat = ""
        var openAI = ""
        var anthropic = "{\n  \"data\": [\n"
        var litellmLines = ""
        var litellm = "request_id,startTime,completionStartTime,model,prompt_tokens,completion_tokens,request_duration_ms,status,spend,metadata,request_tags\n"
        var app = ""
        var joined = ""
        var page: [String] = []
        for index in 0..<count {
            let input = 200 + Int(generator.next() % 20_000)
            let cached = Int(generator.next() % UInt64(input))
            let output = 10 + Int(generator.next() % 2_000)
            let team = ["support", "search", "growth"][index % 3]
            let time = 1_760_000_000 + index
            flat += #"{"timestamp": \#(time), "model": "gpt-4o-2024-08-06", "route": "chat", "input_tokens": \#(input), "cached_input_tokens": \#(cached), "output_tokens": \#(output), "latency_ms": 812.5, "status": "ok", "team": "\#(team)", "customer": "c\#(index % 50)"}"# + "\n"
            page.append(#"{"object": "organization.usage.completions.result", "input_tokens": \#(input * 7), "output_tokens": \#(output * 7), "input_cached_tokens": \#(cached * 7), "input_audio_tokens": 0, "output_audio_tokens": 0, "num_model_requests": 7, "project_id": "proj_\#(team)", "user_id": null, "api_key_id": null, "model": "gpt-4o-2024-08-06", "batch": null, "service_tier": null}"#)
            if page.count == 20 {
                openAI += #"{"object": "page", "data": [{"object": "bucket", "start_time": \#(time), "end_time": \#(time + 60), "results": ["# + page.joined(separator: ", ") + "]}], \"has_more\": true, \"next_page\": \"p\"}\n"
                page.removeAll()
            }
            anthropic += (index == 0 ? "" : ",\n") + "    {\n      \"starting_at\": \"2025-11-03T00:00:00Z\",\n      \"ending_at\": \"2025-11-03T01:00:00Z\",\n      \"results\": [\n        {\n"
                + "          \"uncached_input_tokens\": \(input - cached),\n          \"cache_creation\": {\n            \"ephemeral_1h_input_tokens\": 0,\n            \"ephemeral_5m_input_tokens\": 0\n          },\n"
                + "          \"cache_read_input_tokens\": \(cached),\n          \"output_tokens\": \(output),\n          \"server_tool_use\": {\"web_search_requests\": 0},\n"
                + "          \"api_key_id\": \"apikey_\(team)\",\n          \"workspace_id\": \"wrkspc_\(team)\",\n          \"model\": \"claude-sonnet-4-5-20250929\",\n          \"service_tier\": \"standard\",\n          \"context_window\": \"0-200k\"\n        }\n      ]\n    }"
            litellm += "chatcmpl-\(index),2025-11-03 00:11:03.970,2025-11-03 00:11:04.281,gpt-4o-2024-08-06,\(input),\(output),9427,success,0.0123,"
                + #""{""user_api_key_team_alias"": ""\#(team)"", ""usage_object"": {""prompt_tokens_details"": {""cached_tokens"": \#(cached)}}}","[""feature:chat""]""# + "\n"
            litellmLines += #"{"request_id": "chatcmpl-\#(index)", "startTime": "2025-11-03 00:11:03.970", "completionStartTime": "2025-11-03 00:11:04.281", "model": "gpt-4o-2024-08-06", "prompt_tokens": \#(input), "completion_tokens": \#(output), "request_duration_ms": 9427, "status": "success", "spend": 0.0123, "metadata": {"user_api_key_team_alias": "\#(team)", "usage_object": {"prompt_tokens_details": {"cached_tokens": \#(cached)}}}, "request_tags": ["feature:chat"]}"# + "\n"
            app += #"{"ts": "2025-11-03T00:11:03.970Z", "event": "llm.call", "request_id": "req_\#(index)", "customer_id": "c\#(index % 50)", "team": "\#(team)"}"# + "\n"
            joined += #"{"request_id": "req_\#(index)", "created": \#(time), "model": "gpt-4o-2024-08-06", "usage": {"prompt_tokens": \#(input), "completion_tokens": \#(output), "prompt_tokens_details": {"cached_tokens": \#(cached)}}}"# + "\n"
        }
        anthropic += "\n  ],\n  \"has_more\": false,\n  \"next_page\": null\n}\n"
        let flatData = Data(flat.utf8)
        // Every shape is timed once per round, three rounds, and keeps its best: a shape and flat JSON Lines are timed
        // minutes apart at most seconds apart, so the other load on a shared machine weighs on both alike.
        var shapes: [(name: String, megabytes: Double, body: () throws -> Void)] = []
        // COSTGATE_PERF_ONLY=litellm times flat JSON Lines and the shapes whose names start so (for a profiler).
        let only = ProcessInfo.processInfo.environment["COSTGATE_PERF_ONLY"]
        func add(_ name: String, megabytes: Double, _ body: @escaping () throws -> Void) {
            if let only, !shapes.isEmpty, !name.hasPrefix(only) { return }
            shapes.append((name, megabytes, body))
        }
        func add(_ name: String, _ data: Data, _ spec: TrafficSpec, records: Int, chunkCount: Int? = nil) {
            add(name, megabytes: Double(data.count) / 1_000_000) {
                let traffic = try TrafficReader.read(data, spec: spec, file: name, skipBadRecords: false, chunkCount: chunkCount)
                #expect(traffic.records.count >= records)
            }
        }
        add("flat jsonl", flatData, TrafficSpec(path: "f.jsonl", format: .jsonl), records: count)
        add("openai-usage (pages as JSON Lines)", Data(openAI.utf8), TrafficSpec(path: "u.jsonl", format: .openaiUsage), records: count)
        add("anthropic-usage (one pretty-printed page)", Data(anthropic.utf8), TrafficSpec(path: "a.json", format: .anthropicUsage), records: count)
        var litellmSpec = TrafficSpec(path: "s.csv", format: .litellm, columns: TrafficPreset.litellm.columns)
        litellmSpec.tags = TrafficPreset.litellm.tags
        add("litellm CSV (JSON cells)", Data(litellm.utf8), litellmSpec, records: count)
        // The same file read as one chunk (on one thread).
        add("litellm CSV (JSON cells), one chunk", Data(litellm.utf8), litellmSpec, records: count, chunkCount: 1)
        litellmSpec.path = "s.jsonl"
        add("litellm JSON Lines", Data(litellmLines.utf8), litellmSpec, records: count)

        // The scenarios' OTLP, Langfuse and Helicone logs, repeated to about 40 MB, read with their plans' traffic specs.
        for (name, scenario, log) in [("otlp spans", "otel-genai-spans", "traces.otlp.jsonl"), ("langfuse", "langfuse-export", "observations.jsonl"),
                                      ("helicone", "helicone-export", "requests.jsonl")] {
            let folder = repositoryRoot + "/Scenarios/" + scenario
            let plan = try PlanParser.parse(JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/costgate.json"))), file: "p"), file: "p")
            let lines = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + log))
            let once = try TrafficReader.read(lines, spec: plan.traffic, file: log, skipBadRecords: false).records.count
            var repeated = Data()
            while repeated.count < 40_000_000 { repeated.append(lines) }
            add(name, repeated, plan.traffic, records: once * (repeated.count / lines.count))
        }

        // The join: the usage log read with a lookup of the application log, both counted in the megabytes.
        let joinSpec = TrafficJoin(path: "app.jsonl", paths: ["app.jsonl"], format: .jsonl, left: "request_id", right: "request_id",
                                   tags: ["customer": "customer_id"], columns: [:])
        var usageSpec = TrafficSpec(path: "usage.jsonl", format: .jsonl, columns: [
            "timestamp": "created", "input_tokens": "usage.prompt_tokens", "output_tokens": "usage.completion_tokens",
            "cached_input_tokens": "usage.prompt_tokens_details.cached_tokens"])
        usageSpec.join = joinSpec
        let usageData = Data(joined.utf8)
        let appData = Data(app.utf8)
        add("jsonl + join (both files)", megabytes: Double(usageData.count + appData.count) / 1_000_000) {
            var traffic = try TrafficReader.read(usageData, spec: usageSpec, file: "usage.jsonl", skipBadRecords: false)
            let lookup = try TrafficReader.read(appData, spec: joinSpec.lookupSpec, file: "app.jsonl", skipBadRecords: false)
            try traffic.join(lookup, spec: joinSpec)
            #expect(traffic.joinSummary?.matched == count)
        }
        // Where the join's time goes: each file read alone (the join itself is the rest).
        add("join part: usage log alone", usageData, usageSpec, records: count)
        add("join part: application log alone", appData, joinSpec.lookupSpec, records: count)
        // The join itself, on logs read beforehand: indexing the application log, and applying the index (the second
        // includes copying the usage log's records, as the join mutates them).
        let usageRead = try TrafficReader.read(usageData, spec: usageSpec, file: "usage.jsonl", skipBadRecords: false)
        let appRead = try TrafficReader.read(appData, spec: joinSpec.lookupSpec, file: "app.jsonl", skipBadRecords: false)
        let builtIndex = try JoinIndex(appRead)
        add("join part: index the application log", megabytes: Double(usageData.count + appData.count) / 1_000_000) {
            _ = try JoinIndex(appRead)
        }
        add("join part: apply the index", megabytes: Double(usageData.count + appData.count) / 1_000_000) {
            var traffic = usageRead
            try traffic.join(builtIndex, spec: joinSpec)
            #expect(traffic.joinSummary?.matched == count)
        }

        // Gzip: a file Python's gzip wrote (`sources.sh`), decompressed, and read (its megabytes are the uncompressed ones).
        let gzipPath = ProcessInfo.processInfo.environment["COSTGATE_PERF_GZ"]
        var fromGzip = Traffic()
        if let path = gzipPath {
            let compressed = try Data(contentsOf: URL(fileURLWithPath: path))
            let plain = Double(try Gzip.decompress(compressed, file: path).count) / 1_000_000
            add("gzip inflate alone (\(String(format: "%.1f", Double(compressed.count) / 1_000_000)) MB compressed)", megabytes: plain) {
                _ = try Gzip.decompress(compressed, file: path)
            }
            add("jsonl.gz read", megabytes: plain) {
                fromGzip = try TrafficReader.read(compressed, spec: TrafficSpec(path: "t.jsonl.gz", format: .jsonl), file: path, skipBadRecords: false)
            }
        }

        var best = [Double](repeating: .infinity, count: shapes.count)
        for _ in 0..<3 {
            for (index, shape) in shapes.enumerated() {
                best[index] = min(best[index], Self.seconds(try ContinuousClock().measure { try shape.body() }))
            }
        }
        let peer = best[0] / shapes[0].megabytes
        for (index, shape) in shapes.enumerated() {
            print("TrafficSourceReadPerf \(shape.name): \(String(format: "%.1f", shape.megabytes)) MB in \(String(format: "%.3f", best[index])) s, \(String(format: "%.1f", shape.megabytes / best[index])) MB/s, time per MB \(String(format: "%.2f", best[index] / shape.megabytes / peer))x flat JSONL")
        }

        if let path = gzipPath {
            // The file inflated and read whole gives the same bytes and the same records.
            let plainPath = String(path.dropLast(3))
            if FileManager.default.fileExists(atPath: plainPath) {
                let original = try Data(contentsOf: URL(fileURLWithPath: plainPath))
                #expect(try Gzip.decompress(try Data(contentsOf: URL(fileURLWithPath: path)), file: path) == original)
                let direct = try TrafficReader.read(original, spec: TrafficSpec(path: "t.jsonl", format: .jsonl), file: plainPath, skipBadRecords: false)
                #expect(fromGzip.sameRecords(as: direct))
            }
        }
    }
}
