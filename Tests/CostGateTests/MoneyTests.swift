import Testing
@testable import CostGate
import CostGateTestSupport

@Suite struct MoneyTests {
    @Test(arguments: [
        (0.0, "$0.00"), (1234.565, "$1,234.56"), (1234.575, "$1,234.58"), (-3.1, "-$3.10"), (1_000_000, "$1,000,000.00"),
    ])
    func formatsCents(value: Double, expected: String) {
        #expect(Format.money(value) == expected)
    }

    /// Beyond 2^53 cents a double holds no cents, and beyond 1.8e306 dollars `usd * 100` overflowed to infinity and
    /// trapped: a policy `max` of 1e308 crashed every human report. Whole dollars are written there.
    @Test(arguments: [
        (1e308, "$100,000,000,000,000,001,097,906,362,944,045,541,740,492,309,677,311,846,336,810,682,903,157,585,404,911,491,537,163,328,978,494,688,899,061,249,669,721,172,515,611,590,283,743,140,088,328,307,009,198,146,046,031,271,664,502,933,027,185,697,489,699,588,559,043,338,384,466,165,001,178,426,897,626,212,945,177,628,091,195,786,707,458,122,783,970,171,784,415,105,291,802,893,207,873,272,974,885,715,430,223,118,336.00"),
        (-Double.greatestFiniteMagnitude, "-$179,769,313,486,231,570,814,527,423,731,704,356,798,070,567,525,844,996,598,917,476,803,157,260,780,028,538,760,589,558,632,766,878,171,540,458,953,514,382,464,234,321,326,889,464,182,768,467,546,703,537,516,986,049,910,576,551,282,076,245,490,090,389,328,944,075,868,508,455,133,942,304,583,236,903,222,948,165,808,559,332,123,348,274,797,826,204,144,723,168,738,177,180,919,299,881,250,404,026,184,124,858,368.00"),
        (0x1p53 / 100, "$90,071,992,547,410.00"),
        (90_071_992_547_409.9, "$90,071,992,547,409.91"),
        (.infinity, "n/a"),
    ])
    func formatsWholeDollarsWhereCentsRunOut(value: Double, expected: String) {
        #expect(Format.money(value) == expected)
        #expect(Format.moneyChange(value).hasSuffix(expected.replacingOccurrences(of: "-", with: "")))
    }

    /// A policy limit of ±1e308 (any finite limit is allowed) through every report format of `check`: the command
    /// line once, for its exit status and its default report, then its evaluation written in every format (one check
    /// per format took 20 runs of the scenario).
    @Test(arguments: ["1e308", "-1e308"])
    func anEnormousPolicyLimitIsReportedInEveryFormat(limit: String) throws {
        let folder = repositoryRoot + "/Scenarios/support-chatbot"
        let arguments = ["--set", "policies.0.max=" + limit]
        let expected: ExitCode = limit.hasPrefix("-") ? .policyFailure : .success
        let result = runCLI(["check"] + arguments, in: folder)
        #expect(result.status == expected, "\(result.stderr)")
        // 1e308 is written out in full: the double nearest to it, to the cent.
        #expect(result.stdout.contains("monthly budget") && result.stdout.contains("$100,000,000,000,000,001,097,906,362,944"))
        let context = CommandContext(environment: [:], currentDirectory: folder, stdout: { _ in }, stderr: { _ in })
        let evaluation = try CLI.checkEvaluation(arguments, context: context)
        #expect(evaluation.exitCode == expected)
        for entry in Renderers.evaluation.entries {
            #expect(!entry.renderer.document(evaluation).isEmpty, "\(entry.name)")
        }
    }

    @Test func changesCarryASignAndNoChangeNone() {
        #expect(Format.moneyChange(1240) == "+$1,240.00")
        #expect(Format.moneyChange(-0.004) == "$0.00")
        #expect(Format.unitCostChange(0.0012) == "+$0.001200")
        #expect(Format.unitCostChange(-0.001252) == "-$0.001252")
        #expect(Format.unitCostChange(0) == "$0.00")
        #expect(Format.unitCostChange(-0.0) == "$0.00")
        #expect(Format.unitCostChange(nil) == "")
    }

    @Test func preciseSumKeepsSmallTerms() {
        var sum = PreciseSum()
        sum.add(1e16)
        for _ in 0..<1000 { sum.add(1) }
        sum.add(-1e16)
        #expect(sum.value == 1000)
    }

    @Test func rateIsExactPicodollars() {
        let rates = TokenRates(input: 0.15, cached: 0.075, output: 0.60)
        // 1000 input of which 400 cached, 200 output: 600*150000 + 400*75000 + 200*600000
        #expect(rates.picodollars(input: 1000, cached: 400, output: 200, reasoning: 0) == Int64(90_000_000 + 30_000_000 + 120_000_000))
    }
}
