import Foundation
import Synchronization
import Testing
@testable import CostGate
import CostGateTestSupport

@Suite struct TokensCommandTests {
    /// Output captured from one in-process run.
    struct Run {
        var status: ExitCode
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], stdin: String = "", in directory: String = NSTemporaryDirectory()) -> Run {
        let out = Mutex("")
        let err = Mutex("")
        let context = CommandContext(environment: [:], currentDirectory: directory,
                                     stdout: { text in out.withLock { $0 += text } },
                                     stderr: { text in err.withLock { $0 += text } },
                                     readStdin: { Data(stdin.utf8) })
        let status = CLI.run(["tokens"] + arguments, context: context)
        return Run(status: status, stdout: out.withLock { $0 }, stderr: err.withLock { $0 })
    }

    static func temporaryFile(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "costgate-tokens-\(UUID().uuidString).txt"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let path = try Self.temporaryFile("Hello world")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = Self.run(["--format", "json", path])
        #expect(result.status == .success)
        #expect(result.stdout == """
        {
          "encoding": "o200k_base",
          "exact": true,
          "files": [
            {
              "path": \(JSONWriter.quote(path)),
              "bytes": 11,
              "tokens": 2
            }
          ],
          "total_tokens": 2
        }

        """)
    }

    @Test func textTableAndTotalForSeveralFilesAndStdin() throws {
        let first = try Self.temporaryFile("Hello world")
        defer { try? FileManager.default.removeItem(atPath: first) }
        let result = Self.run(["--encoding=cl100k_base", first, "-"], stdin: "one two three")
        #expect(result.status == .success)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("file"))
        #expect(lines[1].hasPrefix(first) && lines[1].hasSuffix("  2"))
        #expect(lines[2].hasPrefix("-") && lines[2].hasSuffix("  3"))
        #expect(lines[3] == "total: 5 tokens (cl100k_base, exact)")
    }

    @Test func nonOpenAIModelIsAnEstimate() throws {
        let path = try Self.temporaryFile("Hello world, hello tokens")
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard let model = PriceCatalog.builtIn.models.first(where: { !$0.tokenizerExact }) else { return }
        let result = Self.run(["--model", model.id, "--format", "json", path])
        #expect(result.status == .success)
        #expect(result.stdout.contains("\"exact\": false"))
        #expect(result.stdout.contains("\"ratio\": \(Format.decimal(model.tokenizerRatio))"))
        let text = Self.run(["--model", model.id, path])
        #expect(text.stdout.contains("estimate"))
    }

    @Test(arguments: [
        (["--encoding", "o200k", "x"], "did you mean 'o200k_base'?"),
        (["--encoding", "cl100k_base", "--model", "gpt-4o", "x"], "not both"),
        (["--format", "yaml", "x"], "unknown format 'yaml'"),
        (["--bogus", "x"], "unknown option '--bogus'"),
        ([], "name at least one file"),
        (["/nonexistent/costgate/prompt.txt"], "/nonexistent/costgate/prompt.txt: no such file"),
    ])
    func badInputExitsTwoWithAMessage(arguments: [String], message: String) {
        let result = Self.run(arguments)
        #expect(result.status == .badInput)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}

extension TokensCommandTests {
    /// Runs the built `costgate` binary on a fixture file, as a user would.
    @Test func builtBinaryCountsAFixture() throws {
        let binary = builtBinary
        try #require(FileManager.default.isExecutableFile(atPath: binary), "swift test builds the costgate executable at \(binary)")
        let fixture = TokenizerFixtures.url("mixed.txt").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["tokens", "--encoding", "cl100k_base", "--format", "json", fixture]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let json = try JSONParser.parse([UInt8](data))
        let expected = TokenizerFixtures.longVectors.first { $0.label == "mixed.txt" }?.counts[.cl100kBase]
        #expect(json["total_tokens"]?.doubleValue.map { Int($0) } == expected)
        #expect(json["exact"] == .bool(true))
    }
}
