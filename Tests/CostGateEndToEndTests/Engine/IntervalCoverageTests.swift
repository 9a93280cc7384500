import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// The forecast interval must mean what it says: on 5% Poisson subsamples of the Azure 2023 conversation trace,
/// the 90% interval should cover the full trace's figure in about 90% of subsamples.
@Suite struct IntervalCoverageTests {
    @Test func ninetyPercentIntervalCoversTheFullTraceAboutNinetyPercentOfTheTime() throws {
        let path = repositoryRoot + "/Scenarios/azure-conversation/AzureLLMInferenceTrace_conv.csv"
        let spec = TrafficSpec(path: path, format: .csv, sampleRate: 1, windowHours: 1,
                               columns: ["timestamp": "TIMESTAMP", "input_tokens": "ContextTokens", "output_tokens": "GeneratedTokens"],
                               defaults: ["route": "chat", "model": "openai/gpt-4o-mini"])
        let full = try TrafficReader.read(contentsOf: path, displayName: "conv.csv", spec: spec, skipBadRecords: false)
        let plan = try PlanParser.parse(JSONParser.parse(Array("""
            {"version": 1, "traffic": {"path": "conv.csv", "sample_rate": 1, "window_hours": 1}, "forecast": {"replicates": 400}}
            """.utf8)), file: "plan.json")
        let truth = try forecast(full, plan: plan).monthlyCost

        var sampledPlan = plan
        sampledPlan.traffic.sampleRate = 0.05
        var generator = SplitMix(seed: 90)
        let trials = 200
        var covered = 0
        for trial in 0..<trials {
            var subsample = full
            subsample.records = full.records.filter { _ in generator.nextUniform() < 0.05 }
            sampledPlan.forecast.seed = UInt64(trial)
            let result = try forecast(subsample, plan: sampledPlan)
            if result.monthlyCostLow <= truth, truth <= result.monthlyCostHigh { covered += 1 }
        }
        let coverage = Double(covered) / Double(trials)
        print("interval coverage on 5% subsamples of the Azure conversation trace: \(covered) of \(trials)")
        // 200 trials: a true 90% coverage lands in [0.85, 0.95] with probability ≈ 0.98.
        #expect(coverage >= 0.84 && coverage <= 0.96, "coverage \(coverage)")
    }

    private func forecast(_ traffic: Traffic, plan: Plan) throws -> Forecast {
        let replay = try Replayer.replay(traffic, plan: plan, name: "p", catalog: .builtIn, prompts: PromptSizes(),
                                         reference: plan, referencePrompts: PromptSizes())
        return Forecaster.forecast(replay, traffic: traffic, scaling: try Forecaster.scaling(traffic: traffic, plan: plan))
    }

    @Test func intervalIsIdenticalForTheSameSeedAndDiffersForAnother() {
        let values = (0..<5000).map { Double($0 % 97) * 0.001 }
        let a = Interval.estimate(values, confidence: 0.9, replicates: 500, seed: 1)
        let b = Interval.estimate(values, confidence: 0.9, replicates: 500, seed: 1)
        let c = Interval.estimate(values, confidence: 0.9, replicates: 500, seed: 2)
        #expect(a == b)
        #expect(a != c)
        let total = values.reduce(0, +)
        #expect(a.low < total && total < a.high)
    }

    @Test func normalApproximationMatchesTheBootstrapWidthOnLargeSamples() {
        let values = (0..<200_000).map { Double(($0 &* 2_654_435_761) % 1000) * 1e-5 }
        let bootstrap = Interval.estimate(values, confidence: 0.9, replicates: 400, seed: 3)
        var squares = 0.0
        for value in values { squares += value * value }
        let normalHalfWidth = 1.6448536269514722 * squares.squareRoot()
        let bootstrapHalfWidth = (bootstrap.high - bootstrap.low) / 2
        #expect(abs(bootstrapHalfWidth / normalHalfWidth - 1) < 0.12, "\(bootstrapHalfWidth) vs \(normalHalfWidth)")
    }
}

/// Percentiles of large latency samples come from 0.05%-wide buckets; they must stay that close to exact.
@Suite struct LatencySummaryTests {
    @Test func bucketedPercentilesStayWithinBucketWidthOfExact() {
        var generator = SplitMix(seed: 5)
        let values = (0..<(LatencySummary.exactLimit * 3)).map { _ in exp(generator.nextUniform() * 12) * 0.5 }
        let weights = (0..<values.count).map { Double($0 % 7 + 1) }
        let bucketed = LatencySummary(values, weights: weights)
        // The exact nearest-rank figures, from a sorted copy.
        let pairs = zip(values, weights).sorted { $0.0 < $1.0 }
        let total = weights.reduce(0, +)
        func exact(_ p: Double) -> Double {
            var cumulative = 0.0
            for pair in pairs {
                cumulative += pair.1
                if cumulative >= p / 100 * total * (1 - 1e-12) { return pair.0 }
            }
            return pairs.last!.0
        }
        for (p, value) in [(50.0, bucketed.p50), (90, bucketed.p90), (95, bucketed.p95), (99, bucketed.p99)] {
            #expect(abs(value / exact(p) - 1) <= 0.0005, "p\(p): \(value) vs \(exact(p))")
        }
        let mean = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 } / total
        #expect(abs(bucketed.mean / mean - 1) < 1e-12)
    }
}
