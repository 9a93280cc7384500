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
}
