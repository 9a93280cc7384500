import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// Manual read-speed comparison of dotted-path mappings against the flat JSON Lines read of the same records;
/// runs only with `COSTGATE_PERF=1` (`swift test -c release -Xswiftc -enable-testing --filter TrafficNestedReadPerf`).
/// Prints seconds per MB of each shape and their ratio; asserts nothing about time.
@Suite struct TrafficNestedReadPerfTests {
    @Test(.enabled(if: TrafficReadPerfTests.enabled))
    func TrafficNestedReadPerf() throws {
        var generator = SplitMix64(seed: 8)
        var flat = ""
        var nested = ""
        var otlp = ""
        let count = 300_000
        for index in 0..<count {
            let input = 200 + Int(generator.next() % 20_000)
            let cached = Int(generator.next() % UInt64(input))
            let output = 10 + Int(generator.next() % 2_000)
            let reasoning = Int(generator.next() % UInt64(output))
            let team = ["support", "search", "growth"][index % 3]
            flat += #"{"timestamp": \#(1_760_000_000 + index), "model": "gpt-4o-2024-08-06", "route": "chat", "input_tokens": \#(input), "#
                + #""cached_input_tokens": \#(cached), "output_tokens": \#(output), "reasoning_tokens": \#(reasoning), "latency_ms": 812.5, "#
                + #""status": "ok", "team": "\#(team)", "customer": "c\#(index % 50)"}"# + "\n"
            nested += #"{"created": \#(1_760_000_000 + index), "model": "gpt-4o-2024-08-06", "route": "chat", "usage": {"prompt_tokens": \#(input), "#
                + #""completion_tokens": \#(output), "prompt_tokens_details": {"cached_tokens": \#(cached)}, "#
                + #""completion_tokens_details": {"reasoning_tokens": \#(reasoning)}}, "latency_ms": 812.5, "status": "success", "#
                + #""metadata": {"team": {"alias": "\#(team)"}, "customer": "c\#(index % 50)"}}"# + "\n"
            func attribute(_ key: String, _ value: String) -> String { #"{"key":"\#(key)","value":{"# + value + "}}" }
            otlp += #"{"resourceSpans":[{"resource":{"attributes":["# + attribute("service.name", #""stringValue":"\#(team)""#)
                + #"]},"scopeSpans":[{"scope":{"name":"genai"},"spans":[{"traceId":"ec11d373f95a2eba","spanId":"02316d1d","# + #""name":"chat","#
                + #""startTimeUnixNano":"\#(1_760_000_000 + index)000000000","endTimeUnixNano":"\#(1_760_000_000 + index)812500000","attributes":["#
                + [attribute("gen_ai.system", #""stringValue":"openai""#), attribute("gen_ai.response.model", #""stringValue":"gpt-4o-2024-08-06""#),
                   attribute("gen_ai.usage.input_tokens", #""intValue":"\#(input)""#), attribute("gen_ai.usage.output_tokens", #""intValue":"\#(output)""#),
                   attribute("gen_ai.usage.cache_read.input_tokens", #""intValue":"\#(cached)""#),
                   attribute("gen_ai.usage.reasoning.output_tokens", #""intValue":"\#(reasoning)""#),
                   attribute("app.customer", #""stringValue":"c\#(index % 50)""#)].joined(separator: ",")
                + #"],"status":{}}]}]}]}"# + "\n"
        }
        var nestedSpec = TrafficSpec(path: "n.jsonl", format: .jsonl, columns: [
            "timestamp": "created", "input_tokens": "usage.prompt_tokens", "output_tokens": "usage.completion_tokens",
            "cached_input_tokens": "usage.prompt_tokens_details.cached_tokens",
            "reasoning_tokens": "usage.completion_tokens_details.reasoning_tokens",
        ])
        nestedSpec.tags = ["team": "metadata.team.alias", "customer": "metadata.customer"]
        let shapes: [(String, Data, TrafficSpec)] = [
            ("flat", Data(flat.utf8), TrafficSpec(path: "f.jsonl", format: .jsonl)),
            ("nested", Data(nested.utf8), nestedSpec),
            ("otlp", Data(otlp.utf8), { var spec = TrafficSpec(path: "o.jsonl", format: .otlp)
                spec.tags = ["service": "service.name", "customer": "app.customer"]
                return spec }()),
        ]
        var perMB: [Double] = []
        for (name, data, spec) in shapes {
            var best = Double.infinity
            for _ in 0..<3 {
                var records = 0
                let elapsed = try ContinuousClock().measure {
                    records = try TrafficReader.read(data, spec: spec, file: name, skipBadRecords: false).records.count
                }
                #expect(records == count)
                best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
            }
            let megabytes = Double(data.count) / 1_000_000
            perMB.append(best / megabytes)
            print("TrafficNestedReadPerf \(name): \(String(format: "%.1f", megabytes)) MB in \(String(format: "%.3f", best)) s, \(String(format: "%.2f", best / Double(count) * 1e6)) µs/record")
        }
        print("TrafficNestedReadPerf time per MB vs flat JSONL: nested \(String(format: "%.2f", perMB[1] / perMB[0])), otlp \(String(format: "%.2f", perMB[2] / perMB[0]))")
    }
}
