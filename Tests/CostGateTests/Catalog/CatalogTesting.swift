import Foundation
import Synchronization
import Testing
@testable import CostGate
import CostGateTestSupport

/// Helpers for the catalog tests: an in-process CLI run with captured output, and golden-file comparison.
enum CatalogTesting {
    /// What one in-process `costgate` run wrote and returned.
    struct Run {
        var status: ExitCode
        var stdout: String
        var stderr: String
    }

    /// Runs `costgate arguments` in-process with captured streams, a fixed environment and no network.
    static func run(_ arguments: [String]) -> Run {
        let out = Mutex("")
        let err = Mutex("")
        let context = CommandContext(
            environment: ["CI": "true"],
            currentDirectory: FileManager.default.temporaryDirectory.path,
            stdout: { text in out.withLock { $0 += text } },
            stderr: { text in err.withLock { $0 += text } }
        )
        let status = CLI.run(arguments, context: context)
        return Run(status: status, stdout: out.withLock { $0 }, stderr: err.withLock { $0 })
    }

    /// The source-tree directory of golden files (written back there when `COSTGATE_RECORD=1`).
    static var goldenDirectory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Fixtures/golden")
    }

    /// Compares `actual` with the golden file `name` in `Fixtures/golden`.
    static func assertGolden(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        Golden.assertGolden(actual, at: goldenDirectory.appendingPathComponent(name), sourceLocation: sourceLocation)
    }
}
