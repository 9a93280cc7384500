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

    /// The best of three runs of `body`, in seconds.
    static func best(_ body: () throws -> Void) rethrows -> Double {
        var best = Double.infinity
        for _ in 0..<3 { best = min(best, seconds(try ContinuousClock().measure { try body() })) }
        return best
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
        var results: [(String, Double, Double)] = []
        // COSTGATE_PERF_ONLY=litellm times flat JSON Lines and the shapes whose names start so (for a profiler).
        let only = ProcessInfo.processInfo.environment["COSTGATE_PERF_ONLY"]
        func measure(_ name: String, _ data: Data, _ spec: TrafficSpec, records: Int, chunkCount: Int? = nil) throws {
            if let only, !results.isEmpty, !name.hasPrefix(only) { return }
            let time = try Self.best {
                let traffic = try TrafficReader.read(data, spec: spec, file: name, skipBadRecords: false, chunkCount: chunkCount)
                #expect(traffic.records.count >= records)
            }
            results.append((name, Double(data.count) / 1_000_000, time))
        }
        try measure("flat jsonl", flatData, TrafficSpec(path: "f.jsonl", format: .jsonl), records: count)
        try measure("openai-usage (pages as JSON Lines)", Data(openAI.utf8), TrafficSpec(path: "u.jsonl", format: .openaiUsage), records: count)
        try measure("anthropic-usage (one pretty-printed page)", Data(anthropic.utf8), TrafficSpec(path: "a.json", format: .anthropicUsage), records: count)
        var litellmSpec = TrafficSpec(path: "s.csv", format: .litellm, columns: TrafficPreset.litellm.columns)
        litellmSpec.tags = TrafficPreset.litellm.tags
        try measure("litellm CSV (JSON cells)", Data(litellm.utf8), litellmSpec, records: count)
        // The same file read as one chunk, as a CSV with quotes was before the row pre-scan.
        try measure("litellm CSV (JSON cells), one chunk", Data(litellm.utf8), litellmSpec, records: count, chunkCount: 1)
        litellmSpec.path = "s.jsonl"
        try measure("litellm JSON Lines", Data(litellmLines.utf8), litellmSpec, records: count)

        // The scenarios' OTLP, Langfuse and Helicone logs, repeated to about 40 MB, read with their plans' traffic specs.
        for (name, scenario, log) in [("otlp spans", "otel-genai-spans", "traces.otlp.jsonl"), ("langfuse", "langfuse-export", "observations.jsonl"),
                                      ("helicone", "helicone-export", "requests.jsonl")] {
            let folder = repositoryRoot + "/Scenarios/" + scenario
            let plan = try PlanParser.parse(JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/costgate.json"))), file: "p"), file: "p")
            let lines = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + log))
            let once = try TrafficReader.read(lines, spec: plan.traffic, file: log, skipBadRecords: false).records.count
            var repeated = Data()
            while repeated.count < 40_000_000 { repeated.append(lines) }
            try measure(name, repeated, plan.traffic, records: once * (repeated.count / lines.count))
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
        let joinTime = try Self.best {
            var traffic = try TrafficReader.read(usageData, spec: usageSpec, file: "usage.jsonl", skipBadRecords: false)
            let lookup = try TrafficReader.read(appData, spec: joinSpec.lookupSpec, file: "app.jsonl", skipBadRecords: false)
            try traffic.join(lookup, spec: joinSpec)
            #expect(traffic.joinSummary?.matched == count)
        }
        results.append(("jsonl + join (both files)", Double(usageData.count + appData.count) / 1_000_000, joinTime))
        // Where the join's time goes: each file read alone, then the join itself.
        var usage = Traffic()
        var lookup = Traffic()
        let usageTime = try Self.best { usage = try TrafficReader.read(usageData, spec: usageSpec, file: "usage.jsonl", skipBadRecords: false) }
        let appTime = try Self.best { lookup = try TrafficReader.read(appData, spec: joinSpec.lookupSpec, file: "app.jsonl", skipBadRecords: false) }
        let matchTime = try Self.best {
            var copy = usage
            try copy.join(lookup, spec: joinSpec)
        }
        print("TrafficSourceReadPerf join parts: usage log \(String(format: "%.3f", usageTime)) s, application log \(String(format: "%.3f", appTime)) s, join \(String(format: "%.3f", matchTime)) s")

        let peer = results[0].2 / results[0].1
        for (name, megabytes, time) in results {
            print("TrafficSourceReadPerf \(name): \(String(format: "%.1f", megabytes)) MB in \(String(format: "%.3f", time)) s, \(String(format: "%.1f", megabytes / time)) MB/s, time per MB \(String(format: "%.2f", time / megabytes / peer))x flat JSONL")
        }

        // Gzip: a file Python's gzip wrote (`sources.sh`), decompressed and then read.
        if let path = ProcessInfo.processInfo.environment["COSTGATE_PERF_GZ"] {
            let compressed = try Data(contentsOf: URL(fileURLWithPath: path))
            var plainCount = 0
            let inflate = try Self.best { plainCount = try Gzip.decompress(compressed, file: path).count }
            let plain = Double(plainCount) / 1_000_000
            print("TrafficSourceReadPerf gzip inflate: \(String(format: "%.1f", Double(compressed.count) / 1_000_000)) MB → \(String(format: "%.1f", plain)) MB in \(String(format: "%.3f", inflate)) s, \(String(format: "%.1f", plain / inflate)) MB/s of output")
            var fromGzip = Traffic()
            let readGz = try Self.best { fromGzip = try TrafficReader.read(compressed, spec: TrafficSpec(path: "t.jsonl.gz", format: .jsonl), file: path, skipBadRecords: false) }
            // The file inflated and read whole gives the same bytes and the same records.
            let plainPath = String(path.dropLast(3))
            if FileManager.default.fileExists(atPath: plainPath) {
                let original = try Data(contentsOf: URL(fileURLWithPath: plainPath))
                #expect(try Gzip.decompress(compressed, file: path) == original)
                let direct = try TrafficReader.read(original, spec: TrafficSpec(path: "t.jsonl", format: .jsonl), file: plainPath, skipBadRecords: false)
                #expect(fromGzip.sameRecords(as: direct))
            }
            print("TrafficSourceReadPerf jsonl.gz read: \(String(format: "%.3f", readGz)) s, time per uncompressed MB \(String(format: "%.2f", readGz / plain / peer))x flat JSONL")
        }
    }
}
