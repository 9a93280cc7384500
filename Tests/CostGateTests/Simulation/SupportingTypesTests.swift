import Testing
@testable import CostGate
import CostGateTestSupport

@Suite struct SupportingTypesTests {
    @Test func nearestRankPercentiles() {
        let values = (1...100).map(Double.init)
        let s = LatencySummary(values)
        #expect(s.p50 == 50 && s.p90 == 90 && s.p95 == 95 && s.p99 == 99 && s.mean == 50.5)
        let small = LatencySummary([3, 1, 2, .nan])
        #expect(small.count == 3 && small.p50 == 2 && small.p99 == 3)
    }

    @Test func weightedPercentiles() {
        let s = LatencySummary([10, 20], weights: [9, 1])
        #expect(s.p50 == 10 && s.p90 == 10 && s.p95 == 20 && abs(s.mean - 11) < 1e-12)
    }

    @Test func hostedLatencyIsTTFTPlusDecode() {
        let p = HostedLatencyProfile.profile("openai/gpt-4o")!
        #expect(abs(p.latencyMs(outputTokens: 131) - (p.ttftMs + 1000)) < 1e-9)
        for id in ["openai/gpt-4o", "openai/gpt-4o-mini", "anthropic/claude-sonnet-4.5", "anthropic/claude-haiku-4.5",
                   "google/gemini-2.5-flash"] {
            #expect(HostedLatencyProfile.profile(id) != nil, "\(id)")
        }
    }

    @Test func calibrationRecoversTTFTAndSpeed() {
        let prior = HostedLatencyProfile(model: "m", ttftMs: 100, outputTokensPerSecond: 10, date: "", source: "prior")
        let outputs = [10, 50, 100, 200, 400, 35, 80]
        // True profile: 600 ms + 50 tok/s, with one wild outlier.
        var samples = outputs.map { HostedLatencyProfile.Sample(outputTokens: $0, latencyMs: 600 + Double($0) * 20) }
        samples.append(.init(outputTokens: 60, latencyMs: 90_000))
        let fromLatency = prior.calibrated(from: samples)
        #expect(abs(fromLatency.ttftMs - 600) < 1 && abs(fromLatency.outputTokensPerSecond - 50) < 0.5)
        let withTTFT = outputs.map {
            HostedLatencyProfile.Sample(outputTokens: $0, latencyMs: 600 + Double($0 - 1) * 20, ttftMs: 600)
        }
        let fromTTFT = prior.calibrated(from: withTTFT)
        #expect(fromTTFT.ttftMs == 600 && abs(fromTTFT.outputTokensPerSecond - 50) < 1e-9)
        #expect(prior.calibrated(from: Array(samples.prefix(2))) == prior)
    }

    @Test func parsesSLOs() throws {
        let slo = try ServiceLevelObjective(named: "e2e_p99_ms", limitMs: 2500)
        #expect(slo.metric == .e2e && slo.percentile == 99 && slo.limitMs == 2500)
        #expect(throws: CostGateError.self) { try ServiceLevelObjective(named: "ttft_p97_ms", limitMs: 1) }
    }

    @Test func prefixCacheEvictsLeastRecentlyUsed() {
        var cache = PrefixCache(capacityTokens: 1024)
        cache.insert(1, tokens: 512)
        cache.insert(2, tokens: 512)
        let touched = cache.touch(1)
        #expect(touched)
        cache.insert(3, tokens: 512)
        let one = cache.touch(1), three = cache.touch(3), two = cache.touch(2)
        #expect(one && three && !two)
        #expect(cache.totalTokens == 1024)
    }
}
