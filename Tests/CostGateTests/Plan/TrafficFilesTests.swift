import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// `traffic.path` forms: a file, a folder, a glob, a list of these, `-`; `.gz` read transparently; every expanded
/// path confined to the repository; errors name the actual file and line inside a set.
@Suite struct TrafficFilesTests {
    static func line(_ minute: Int, _ input: Int, team: String = "a") -> String {
        #"{"timestamp": "2025-11-01T00:\#(String(format: "%02d", minute)):00Z", "model": "openai/gpt-4o-mini", "input_tokens": \#(input), "output_tokens": 5, "team": "\#(team)"}"# + "\n"
    }

    /// A repository with daily logs (one gzipped by Python's gzip in the fixtures), a hidden file and a subfolder.
    static func repository() throws -> String {
        let root = NSTemporaryDirectory() + "costgate-files-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/logs/sub", withIntermediateDirectories: true)
        try (line(0, 10) + line(1, 11)).write(toFile: root + "/logs/2025-11-02.jsonl", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: fixturesDirectory + "/traffic/gzip/short.jsonl.gz", toPath: root + "/logs/2025-11-01.jsonl.gz")
        try line(2, 99).write(toFile: root + "/logs/.hidden.jsonl", atomically: true, encoding: .utf8)
        try line(3, 77).write(toFile: root + "/logs/sub/x.jsonl", atomically: true, encoding: .utf8)
        try (line(4, 12, team: "b") + "{\"timestamp\": 1, \"input_tokens\": -3, \"output_tokens\": 1}\n")
            .write(toFile: root + "/logs/sub/bad.jsonl", atomically: true, encoding: .utf8)
        return root
    }

    static func load(_ root: String, path: String) throws -> LoadedPlan {
        try #"{"version": 1, "traffic": {"path": \#(path), "window_hours": 1}}"#.write(toFile: root + "/plan.json", atomically: true, encoding: .utf8)
        return try PlanLoader.load("plan.json", from: .workTree(root: root))
    }

    static func read(_ loaded: LoadedPlan, stdin: String = "") throws -> Traffic {
        try loaded.readTraffic(try loaded.trafficFiles(), skipBadRecords: false) { () throws(CostGateError) -> Data in Data(stdin.utf8) }
    }

    @Test func aFolderReadsItsFilesSortedSkippingHiddenOnesAndSubfolders() throws {
        let root = try Self.repository()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let loaded = try Self.load(root, path: #""logs""#)
        #expect(try loaded.trafficFiles() == ["logs/2025-11-01.jsonl.gz", "logs/2025-11-02.jsonl"])
        let traffic = try Self.read(loaded)
        #expect(traffic.records.map(\.inputTokens) == [1, 10, 11])
        #expect(traffic.source == "logs (2 files)")
    }

    @Test func globsMatchNamesInAnyComponent() throws {
        let root = try Self.repository()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try Self.load(root, path: #""logs/*.jsonl""#).trafficFiles() == ["logs/2025-11-02.jsonl"])
        #expect(try Self.load(root, path: #""logs/2025-11-0[12].*""#).trafficFiles() == ["logs/2025-11-01.jsonl.gz", "logs/2025-11-02.jsonl"])
        #expect(try Self.load(root, path: #""l?gs/*/x.jsonl""#).trafficFiles() == ["logs/sub/x.jsonl"])
        // `*` does not match a leading dot.
        #expect(try !Self.load(root, path: #""logs/*""#).trafficFiles().contains("logs/.hidden.jsonl"))
        #expect {
            _ = try Self.load(root, path: #""logs/*.csv""#).trafficFiles()
        } throws: { error in
            guard case CostGateError.io(let path, let reason) = error else { return false }
            return path == "logs/*.csv" && reason == "matches no file"
        }
    }

    @Test func aListKeepsItsOrderAndRefusesAFileNamedTwice() throws {
        let root = try Self.repository()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let loaded = try Self.load(root, path: #"["logs/sub/x.jsonl", "logs/*.gz"]"#)
        #expect(try loaded.trafficFiles() == ["logs/sub/x.jsonl", "logs/2025-11-01.jsonl.gz"])
        #expect(try Self.read(loaded).records.map(\.inputTokens) == [77, 1])
        #expect(throws: CostGateError.self) { _ = try Self.load(root, path: #"["logs", "logs/2025-11-02.jsonl"]"#).trafficFiles() }
    }

    @Test func anErrorNamesTheFileAndLineInsideTheSet() throws {
        let root = try Self.repository()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let loaded = try Self.load(root, path: #"["logs/sub/x.jsonl", "logs/sub/bad.jsonl"]"#)
        #expect {
            _ = try Self.read(loaded)
        } throws: { error in
            guard case CostGateError.badRecord(let file, let line, let field, _, _) = error else { return false }
            return file == "logs/sub/bad.jsonl" && line == 2 && field == "input_tokens"
        }
    }

    @Test func pathsStayInsideTheRepository() throws {
        let root = try Self.repository()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let outside = NSTemporaryDirectory() + "costgate-outside-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: outside) }
        try Self.line(0, 5).write(toFile: outside + "/secret.jsonl", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: root + "/logs/link.jsonl", withDestinationPath: outside + "/secret.jsonl")
        for form in [#""../x.jsonl""#, #""/etc/*""#, #"["logs/2025-11-02.jsonl", "../*"]"#] {
            #expect(throws: CostGateError.self, "\(form)") { _ = try Self.load(root, path: form).trafficFiles() }
        }
        // The glob matches the symbolic link; reading it is refused, since it resolves outside the repository.
        let loaded = try Self.load(root, path: #""logs/*.jsonl""#)
        #expect(try loaded.trafficFiles().contains("logs/link.jsonl"))
        #expect {
            _ = try Self.read(loaded)
        } throws: { error in
            guard case CostGateError.pathEscapesRepository = error else { return false }
            return true
        }
    }

    @Test func aDashReadsStandardInput() throws {
        let root = try Self.repository()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let loaded = try Self.load(root, path: #""-""#)
        #expect(try Self.read(loaded, stdin: Self.line(0, 42)).records.map(\.inputTokens) == [42])
        let result = runCLI(["check", "--plan", "plan.json", "--format", "json"], in: root, stdin: Self.line(0, 42) + Self.line(9, 43))
        #expect(result.status == .success, "\(result.stderr)")
    }

    @Test func aGzNameOnPlainBytesIsAnError() throws {
        #expect {
            _ = try TrafficReader.decompressed(Data("{}".utf8), file: "logs/a.jsonl.gz")
        } throws: { error in
            guard case CostGateError.io(let path, let reason) = error else { return false }
            return path == "logs/a.jsonl.gz" && reason.contains("not gzip data")
        }
    }
}
