import Foundation
import Testing
@testable import CostGate

/// Samples that name thousands of models, routes or tag keys: warnings stay readable and the breakdowns keep every
/// name with the sums a direct count gives. (How long such samples take is measured by
/// `Tests/Benchmarks/shapes/run.sh`, not asserted here.)
@Suite struct ManyNamesTests {
    static func traffic(_ lines: [String]) throws -> (Traffic, Plan) {
        let planText = #"{"version": 1, "traffic": {"path": "t.jsonl"}, "routes": {"chat": {"model": "recorded"}}}"#
        let plan = try PlanParser.parse(JSONParser.parse(Array(planText.utf8), file: "plan.json"), file: "plan.json")
        let traffic = try TrafficReader.read(Data(lines.joined(separator: "\n").utf8), spec: plan.traffic, file: "t.jsonl",
                                             skipBadRecords: false)
        return (traffic, plan)
    }

    static func replay(_ traffic: Traffic, _ plan: Plan) throws -> Replay {
        try Replayer.replay(traffic, plan: plan, name: "plan", catalog: plan.catalog, prompts: PromptSizes(), reference: plan,
                            referencePrompts: PromptSizes())
    }

    @Test func unpricedModelsBeyondTwentyAreCountedInOneLine() throws {
        // 30 unknown models; model-00 to model-04 have 3 records each, the others 1.
        var lines: [String] = []
        for model in 0..<30 {
            for copy in 0..<(model < 5 ? 3 : 1) {
                lines.append(#"{"timestamp": \#(model * 10 + copy), "model": "acme-\#(String(format: "%02d", model))", "route": "chat", "input_tokens": 10, "output_tokens": 1}"#)
            }
        }
        let (traffic, plan) = try Self.traffic(lines)
        let warnings = try Self.replay(traffic, plan).warnings.filter { $0.contains("not priced") }
        #expect(warnings.count == 21)
        // The five with the most records are listed, then the first fifteen by name of the rest, in name order.
        let listed = warnings.prefix(20).compactMap { $0.split(separator: "'").dropFirst().first.map(String.init) }
        #expect(listed == (0..<20).map { "acme-" + String(format: "%02d", $0) })
        #expect(warnings[0].hasPrefix("3 record(s) of model 'acme-00'"))
        #expect(warnings[20] == "10 more record(s), of 10 more model name(s), are not priced (not in the catalog or the plan's models); the breakdown by model lists every name")
    }

    @Test func twentyUnpricedModelsAreAllListedByName() throws {
        let lines = (0..<20).reversed().map { #"{"timestamp": \#($0), "model": "acme-\#($0)", "route": "chat", "input_tokens": 10, "output_tokens": 1}"# }
        let (traffic, plan) = try Self.traffic(lines)
        let warnings = try Self.replay(traffic, plan).warnings.filter { $0.contains("not priced") }
        #expect(warnings.count == 20)
        #expect(!warnings.contains { $0.contains("more model name") })
        #expect(warnings == warnings.sorted { $0.split(separator: "'")[1] < $1.split(separator: "'")[1] })
    }

    @Test func anUnpricedTypoIsOfferedTheCatalogModelByItsBareName() throws {
        let (traffic, plan) = try Self.traffic([#"{"timestamp": 1, "model": "gpt-4o-minj", "route": "chat", "input_tokens": 10, "output_tokens": 1}"#])
        let warnings = try Self.replay(traffic, plan).warnings
        #expect(warnings.contains { $0.contains("'gpt-4o-minj'") && $0.contains("did you mean 'openai/gpt-4o-mini'") })
    }

    @Test func theLengthBoundRulesOutOnlyWhatTheDistanceWould() {
        let known = ["abc", "abcdefgh", "xyzxyzxyzxyz", "abcd", "ab", "openai/abcdefg", "acme/abcdefx", "acme/xbcde"]
        for name in ["abcdefg", "abcde", "a", "xyzxyzxyz", "ABCD"] {
            let target = Array(name.lowercased())
            let limit = max(2, target.count / 3)
            let byDistance = known.filter { candidate in
                let lowered = candidate.lowercased()
                if lowered.hasSuffix("/" + name.lowercased()) || lowered.contains(name.lowercased()) && name.count >= 4 { return true }
                return Suggestions.editDistance(target, Array(lowered)) <= limit
            }
            let suggested = Suggestions.closest(to: name, among: known)
            #expect(suggested.count == min(3, byDistance.count), "\(name)")
            #expect(suggested.allSatisfy(byDistance.contains), "\(name)")
        }
    }

    @Test func everyTagKeyHasItsValuesAndNoneGroupsSummedDirectly() throws {
        // 300 records, each naming one of 150 keys (two records a key) and, every third record, a shared `team`; some
        // others record the team as "(none)", which shares the row of the records without a team (as in showback).
        var lines: [String] = []
        for index in 0..<300 {
            let team = index % 3 == 0 ? #", "team": "core""# : index % 5 == 0 ? #", "team": "(none)""# : ""
            lines.append(#"{"timestamp": \#(index), "model": "openai/gpt-4o-mini", "route": "chat", "input_tokens": \#(100 + index), "output_tokens": \#(index % 7), "tags": {"k\#(index / 2)": "v\#(index % 2)"\#(team)}}"#)
        }
        let (traffic, plan) = try Self.traffic(lines)
        let replay = try Self.replay(traffic, plan)
        let scaling = try Forecaster.scaling(traffic: traffic, plan: plan)
        let forecast = Forecaster.forecast(replay, traffic: traffic, scaling: scaling)
        #expect(forecast.byTag.count == 151)
        let values = Forecaster.costValues(replay)
        for (key, groups) in forecast.byTag {
            guard let keyID = traffic.strings.id(of: key) else { Issue.record("no id for \(key)"); continue }
            var expected: [String: (cost: PreciseSum, requests: PreciseSum)] = [:]
            for (index, record) in traffic.records.enumerated() {
                let value = traffic.tagSets[Int(record.tagSet)].first { $0.key == keyID }.map { traffic.strings[$0.value] } ?? "(none)"
                expected[value, default: (PreciseSum(), PreciseSum())].cost.add(values[index])
                expected[value]!.requests.add(replay.weights[index])
            }
            #expect(Set(groups.map(\.name)) == Set(expected.keys), "\(key)")
            // Every key's rows add up to the whole forecast: no record is left out of any breakdown.
            var total = PreciseSum()
            for group in groups { total.add(group.monthlyCost) }
            #expect(abs(total.value - forecast.monthlyCost) <= 1e-9 * forecast.monthlyCost, "\(key)")
            for group in groups {
                let want = try #require(expected[group.name])
                #expect(abs(group.monthlyCost - want.cost.value * scaling.factor) <= 1e-9 * max(1, group.monthlyCost), "\(key)=\(group.name)")
                #expect(abs(group.requests - want.requests.value * scaling.factor) <= 1e-9 * max(1, group.requests), "\(key)=\(group.name)")
            }
        }
    }

    @Test func comparisonRowsPairEveryRouteOfBothSides() throws {
        // Head has routes r0...r199, base r100...r299: 300 rows, each with its own side's cost or 0.
        func groups(_ routes: Range<Int>) -> [Forecast.Group] {
            routes.map { Forecast.Group(name: "r\($0)", monthlyCost: Double($0), requests: 1) }
        }
        let rows = Comparison.paired(groups(100..<300), groups(0..<200))
        #expect(rows.count == 300)
        #expect(Set(rows.map(\.name)).count == 300)
        for row in rows {
            let number = Int(row.name.dropFirst())!
            #expect(row.headCost == (number < 200 ? Double(number) : 0), "\(row.name)")
            #expect(row.baseCost == (number >= 100 ? Double(number) : 0), "\(row.name)")
        }
    }
}
