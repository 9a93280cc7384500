import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// `breakdown --format focus`: FOCUS 1.2 CSV whose charges sum to the breakdown's total, split by token direction
/// at the rates the replay billed, with hostile tag values quoted and never run as formulas.
@Suite struct FocusCSVRendererTests {
    /// RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                row.append(field)
                field = ""
            } else if character == "\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.append(character)
            }
        }
        return rows
    }

    static func records(plan: String) throws -> (rows: [[String: String]], total: [String: Any]) {
        let focus = runCLI(["breakdown", "--plan", plan, "--format", "focus"], in: repositoryRoot)
        #expect(focus.status == .success, "\(focus.stderr)")
        let table = parseCSV(focus.stdout)
        let header = try #require(table.first)
        #expect(header == FocusCSVRenderer.columns)
        for row in table { #expect(row.count == header.count, "ragged row \(row)") }
        let rows = table.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        let json = runCLI(["breakdown", "--plan", plan, "--format", "json"], in: repositoryRoot)
        let report = try #require(try parseJSON(json.stdout) as? [String: Any])
        return (rows, try #require(report["total"] as? [String: Any]))
    }

    @Test func theExportMatchesTheGolden() {
        let result = runCLI(["breakdown", "--plan", "Tests/CostGateTests/Fixtures/focus/plan.json", "--format", "focus"], in: repositoryRoot)
        Golden.assertGolden(result.stdout, at: URL(fileURLWithPath: fixturesDirectory + "/golden/breakdown-focus.csv"))
    }

    @Test(arguments: ["Tests/CostGateTests/Fixtures/focus/plan.json", "Tests/CostGateTests/Fixtures/billing/plan.json",
                      "Scenarios/support-chatbot/costgate.json"])
    func chargesSumToTheBreakdownTotal(plan: String) throws {
        let (rows, total) = try Self.records(plan: plan)
        #expect(!rows.isEmpty)
        var billed = 0.0
        for row in rows {
            let cost = try #require(Double(row["BilledCost"] ?? ""))
            billed += cost
            #expect(row["EffectiveCost"] == row["BilledCost"] && row["ListCost"] == row["BilledCost"])
            #expect(row["x_TokenDirection"] != "unsplit", "a record whose parts disagree with its bill: \(row)")
            // ListUnitPrice (USD per 1M) × PricingQuantity (millions of tokens) is the cost.
            let price = try #require(Double(row["ListUnitPrice"] ?? ""))
            let quantity = try #require(Double(row["PricingQuantity"] ?? ""))
            #expect((price * quantity - cost).magnitude <= 1e-9 * max(1, cost), "\(row)")
            #expect(Double(row["ConsumedQuantity"] ?? "") == quantity * 1_000_000 || (quantity * 1_000_000 - Double(row["ConsumedQuantity"]!)!).magnitude < 1e-6)
            for column in ["BilledCost", "ConsumedQuantity", "PricingQuantity", "ListUnitPrice"] {
                #expect(row[column]!.allSatisfy { $0.isNumber || $0 == "." }, "FOCUS numbers are plain decimals: \(column) \(row[column]!)")
            }
            #expect(row["ChargePeriodStart"]!.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil)
            #expect(row["ServiceCategory"] == "AI and Machine Learning" && row["PricingUnit"] == "1000000 Tokens" && row["ConsumedUnit"] == "Tokens")
            let tags = try #require(try parseJSON(row["Tags"] ?? "") as? [String: String])
            #expect(tags.keys.allSatisfy { !$0.isEmpty })
        }
        let expected = try #require(total["cost"] as? Double)
        #expect((billed - expected).magnitude <= 1e-9 * max(1, expected), "FOCUS \(billed) vs breakdown \(expected)")
    }

    @Test func tokensPerDirectionAddUpToTheRecordedTokens() throws {
        let (rows, total) = try Self.records(plan: "Scenarios/support-chatbot/costgate.json")
        func tokens(_ directions: Set<String>) -> Double {
            rows.filter { directions.contains($0["x_TokenDirection"] ?? "") }.reduce(0) { $0 + Double($1["ConsumedQuantity"]!)! }
        }
        #expect(tokens(["input", "cached_input", "cache_write", "cache_write_1h"]) == total["input_tokens"] as? Double)
        #expect(tokens(["output", "reasoning"]) == total["output_tokens"] as? Double)
    }

    @Test func hostileTagsAreQuotedAndNeverFormulas() throws {
        let (rows, _) = try Self.records(plan: "Tests/CostGateTests/Fixtures/focus/plan.json")
        let customers = Set(rows.compactMap { row in (try? parseJSON(row["Tags"]!) as? [String: String])?["customer"] })
        #expect(customers == ["=HYPERLINK(\"http://x\")", "a,b \"quoted\"\nline"])
        #expect(rows.contains { $0["x_Route"] == "reason, \"deep\"" })
        #expect(rows.allSatisfy { !($0["x_Route"]?.hasPrefix("=") ?? false) && !($0["ChargeDescription"]?.hasPrefix("=") ?? false) })
    }

    @Test(arguments: [(Int64(0), "1970-01-01T00:00:00Z"), (951_782_400, "2000-02-29T00:00:00Z"), (-1, "1969-12-31T23:59:59Z"),
                      (1_760_000_000, "2025-10-09T08:53:20Z"), (4_102_444_799, "2099-12-31T23:59:59Z"),
                      // Years below 1000 keep four digits (year 0 is 1 BCE, before it a sign): 0001 and 0999 from Python;
                      // the year 0 and −0005 are the proleptic Gregorian days before year 1.
                      (-62_135_596_800, "0001-01-01T00:00:00Z"), (-30_641_760_000, "0999-01-01T00:00:00Z"),
                      (-62_167_219_200, "0000-01-01T00:00:00Z"), (-62_324_985_600, "-0005-01-01T00:00:00Z")])
    func datesAreUTCInFOCUSsFormat(seconds: Int64, expected: String) {
        // Expected values from Python's datetime (UTC).
        #expect(Format.utcDateTime(seconds) == expected)
    }
}
