import Foundation
import Synchronization
import Testing
@testable import CostGate
import CostGateTestSupport

@Suite struct SimulateCommandTests {
    final class Output: Sendable {
        let text = Mutex("")
    }

    func run(_ arguments: [String]) -> (ExitCode, String, String) {
        let out = Output(), err = Output()
        let context = CommandContext(environment: [:], currentDirectory: "/",
                                     stdout: { s in out.text.withLock { $0 += s } },
                                     stderr: { s in err.text.withLock { $0 += s } })
        let code = CLI.run(arguments, context: context)
        return (code, out.text.withLock { $0 }, err.text.withLock { $0 })
    }

    @Test func simulatesPoissonLoadAsJSON() throws {
        let (code, out, _) = run(["simulate", "--model", "meta-llama/Llama-3.1-8B-Instruct", "--gpu", "H100", "--rate", "5",
                                  "--requests", "300", "--lengths", "sharegpt", "--prefix-caching", "--format", "json"])
        #expect(code == .success)
        let json = try JSONParser.parse(Array(out.utf8), file: "out")
        #expect(json["completed"]?.doubleValue == 300)
        #expect((json["ttft_ms"]?["p95"]?.doubleValue ?? 0) > 0)
    }

    @Test func simulatesClosedLoopAsText() {
        let (code, out, _) = run(["simulate", "--model", "meta-llama/Llama-3.1-8B-Instruct", "--gpu", "A100-80GB",
                                  "--concurrency", "4", "--requests", "20", "--input-len", "128", "--output-len", "64"])
        #expect(code == .success)
        #expect(out.contains("TTFT ms") && out.contains("4 concurrent clients"))
    }

    @Test func rejectsBadFlags() {
        #expect(run(["simulate", "--model", "meta-llama/Llama-3.1-8B-Instruct", "--gpu", "H100"]).0 == .badInput)
        let (code, _, err) = run(["simulate", "--model", "meta-llama/Llama-3.1-8B-Instruct", "--gpu", "H10", "--rate", "1"])
        #expect(code == .badInput && err.contains("H100"))
        #expect(run(["simulate", "--modle", "x"]).2.contains("--model"))
    }

    /// A rate of 1e-300 requests/s put the arrivals 1e300 seconds apart and printed a 300-digit duration; a price
    /// of 1e308 was echoed as the 309 digits of the double. Both are input errors that state the bound and quote
    /// what was typed.
    @Test(arguments: [
        (["--rate", "1e-300"], "--rate expects a number from 0.000001 to 1000000, found '1e-300'"),
        (["--rate", "2e6"], "--rate expects a number from 0.000001 to 1000000"),
        (["--rate", "1", "--price-per-gpu-hour", "1e308"], "expected a price per GPU-hour in USD from 0 to 1000, found number 1e308"),
        (["--rate", "1", "--gpu-memory-utilization", "7e300"], "found number 7e300"),
    ])
    func outOfRangeNumbersStateTheBound(extra: [String], message: String) {
        let (code, out, err) = run(["simulate", "--model", "meta-llama/Llama-3.1-8B-Instruct", "--gpu", "H100", "--requests", "3"] + extra)
        #expect(code == .badInput && out.isEmpty)
        #expect(err.contains(message), "\(err)")
    }
}
