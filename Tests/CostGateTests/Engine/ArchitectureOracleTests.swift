import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// Routers, tiers, escalation and semantic caches against an independent oracle (`Fixtures/architecture/generate.py`,
/// Python's decimal module): every record's cost to the picodollar, its quality, and the sums by model, by tier, for the classifier and
/// for the cache, agree to 1e-9 relative.
@Suite struct ArchitectureOracleTests {
    struct Case: CustomTestStringConvertible, @unchecked Sendable {
        var index: Int
        var name: String
        var object: [String: Any]
        var testDescription: String { name }
    }

    static let cases: [Case] = {
        let path = fixturesDirectory + "/architecture/cases.json"
        guard let data = FileManager.default.contents(atPath: path),
              let list = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return [] }
        return list.enumerated().map { Case(index: $0.offset, name: $0.element["name"] as? String ?? "", object: $0.element) }
    }()

    struct MissingValue: Error {}

    /// A picodollar figure the oracle writes as a decimal string.
    static func picodollars(_ value: Any?) throws -> Double {
        guard let text = value as? String, let number = Double(text) else { throw MissingValue() }
        return number
    }

    /// A number the oracle writes as JSON.
    static func number(_ value: Any?) throws -> Double {
        guard let number = value as? Double else { throw MissingValue() }
        return number
    }

    static func close(_ actual: Double, _ wanted: Double) -> Bool {
        actual == wanted || abs(actual - wanted) <= 1e-9 * max(abs(wanted), 1e-300)
    }

    @Test func theOracleHasEveryCase() {
        #expect(Self.cases.count == 5)
    }

    @Test(arguments: cases)
    func agreesWithTheDecimalOracle(_ vector: Case) throws {
        let planData = try JSONSerialization.data(withJSONObject: try #require(vector.object["plan"]))
        let plan = try PlanParser.parse(JSONParser.parse([UInt8](planData), file: "plan.json"), file: "plan.json")
        let records = try #require(vector.object["records"] as? [[String: Any]])
        var lines = Data()
        for record in records {
            lines.append(try JSONSerialization.data(withJSONObject: record))
            lines.append(0x0A)
        }
        let traffic = try TrafficReader.read(lines, spec: plan.traffic, file: "t.jsonl", skipBadRecords: false)
        let replay = try Replayer.replay(traffic, plan: plan, name: "plan", catalog: plan.catalog, prompts: PromptSizes(),
                                         reference: plan, referencePrompts: PromptSizes())
        let expected = try #require(vector.object["expected"] as? [String: Any])
        let perRecord = try #require(expected["records"] as? [[String: Any]])
        #expect(perRecord.count == replay.picodollars.count)
        for (index, wanted) in perRecord.enumerated() {
            let cost = try Self.picodollars(wanted["picodollars"])
            // Each component is rounded once by a rule the oracle follows too, so records agree to the picodollar.
            #expect(Double(replay.picodollars[index]) == cost, "record \(index + 1): \(replay.picodollars[index]) ≠ \(cost)")
            if let quality = wanted["quality"] as? Double {
                #expect(Self.close(replay.quality[index], quality), "record \(index + 1) quality: \(replay.quality[index]) ≠ \(quality)")
            } else {
                #expect(replay.quality[index].isNaN, "record \(index + 1) should be unscored")
            }
        }
        let scaling = try Forecaster.scaling(traffic: traffic, plan: plan)
        let forecast = Forecaster.forecast(replay, traffic: traffic, scaling: scaling)
        let factor = scaling.factor
        let total = try Self.picodollars(expected["total_picodollars"])
        #expect(Self.close(forecast.monthlyCost / factor * 1e12, total))
        // By model: every tier's, the classifier's and the embedding model's own calls and cost.
        let models = try #require(expected["models"] as? [String: [String: Any]])
        #expect(Set(forecast.byModel.map(\.name)) == Set(models.keys))
        for (model, sums) in models {
            let group = try #require(forecast.byModel.first { $0.name == model })
            let cost = try Self.picodollars(sums["picodollars"])
            #expect(Self.close(group.monthlyCost / factor * 1e12, cost), "\(model) cost")
            #expect(Self.close(group.requests / factor, try Self.number(sums["calls"])), "\(model) calls")
        }
        let route = try #require(forecast.architectures.first)
        let tiers = try #require(expected["tiers"] as? [String: [String: Any]])
        #expect(Set(route.tiers.map(\.name)) == Set(tiers.keys))
        for tier in route.tiers {
            let sums = try #require(tiers[tier.name])
            let cost = try Self.picodollars(sums["picodollars"])
            #expect(Self.close(tier.monthlyCost / factor * 1e12, cost), "tier \(tier.name) cost")
            #expect(Self.close(tier.requests / factor, try Self.number(sums["requests"])), "tier \(tier.name) requests")
            #expect(Self.close(tier.escalations / factor, try Self.number(sums["escalations"])), "tier \(tier.name) escalations")
        }
        let classifier = try #require(expected["classifier"] as? [String: Any])
        let classifierCost = try Self.picodollars(classifier["picodollars"])
        #expect(Self.close((route.classifier?.monthlyCost ?? 0) / factor * 1e12, classifierCost))
        #expect(Self.close((route.classifier?.calls ?? 0) / factor, try Self.number(classifier["calls"])))
        let embedding = try #require(expected["embedding"] as? [String: Any])
        let embeddingCost = try Self.picodollars(embedding["picodollars"])
        #expect(Self.close((route.embedding?.monthlyCost ?? 0) / factor * 1e12, embeddingCost))
        #expect(Self.close((route.embedding?.calls ?? 0) / factor, try Self.number(embedding["calls"])))
        if let hitRate = expected["hit_rate"] as? Double {
            #expect(Self.close(try #require(route.hitRate), hitRate))
        } else {
            #expect(route.hitRate == nil)
        }
        // The lines add up to the route, and the route to the total.
        let lineSum = route.tiers.reduce(0) { $0 + $1.monthlyCost } + (route.classifier?.monthlyCost ?? 0) + route.cacheMonthlyCost
        #expect(Self.close(lineSum, route.monthlyCost))
        #expect(Self.close(route.monthlyCost, forecast.monthlyCost))
    }
}
