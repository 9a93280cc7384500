import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// `costgate sample` end to end on the support chatbot's log: the sample's forecast, through `check`, is
/// close to the full log's, and its interval covers the full log's figure.
@Suite struct SampleCommandTests {
    private func scratch() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("costgate-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/.git", withIntermediateDirectories: true)
        for name in ["traffic.jsonl", "costgate.json"] {
            try FileManager.default.copyItem(atPath: repositoryRoot + "/Scenarios/support-chatbot/" + name, toPath: folder + "/" + name)
        }
        // The sample's plan: the same routes and prices, reading the sample; the log's window is 24 h.
        let plan = try String(contentsOfFile: folder + "/costgate.json", encoding: .utf8)
            .replacingOccurrences(of: #""path": "traffic.jsonl", "format": "jsonl", "sample_rate": 0.1, "window_hours": 24"#,
                                  with: #""path": "sample.jsonl", "format": "jsonl", "window_hours": 24"#)
            .replacingOccurrences(of: #""$schema": "../../Sources/CostGate/Resources/costgate.schema.json","#, with: "")
        try plan.write(toFile: folder + "/sample-plan.json", atomically: true, encoding: .utf8)
        return folder
    }

    private func baseline(_ json: String) throws -> (cost: Double, low: Double, high: Double) {
        let report = try #require(try parseJSON(json) as? [String: Any])
        let side = try #require(report["baseline"] as? [String: Any])
        return (try #require(side["monthly_cost"] as? Double), try #require(side["monthly_cost_low"] as? Double),
                try #require(side["monthly_cost_high"] as? Double))
    }

    @Test func theSampleForecastsTheFullLogsMonth() throws {
        let folder = try scratch()
        let sampled = runCLI(["sample", "--rate", "0.1", "--by", "route", "--seed", "3", "--output", "sample.jsonl", "--format", "json"], in: folder)
        #expect(sampled.status == .success, "\(sampled.stderr)")
        let summary = try #require(try parseJSON(sampled.stdout) as? [String: Any])
        #expect(summary["kept"] as? Double == 1_917 && summary["records"] as? Double == 19_167)
        #expect(try String(contentsOfFile: folder + "/sample.jsonl", encoding: .utf8).split(separator: "\n").count == 1_917)

        let full = try baseline(runCLI(["check", "--format", "json"], in: folder).stdout)
        let checked = runCLI(["check", "--plan", "sample-plan.json", "--format", "json"], in: folder)
        #expect(checked.status == .success, "\(checked.stderr)")
        let sample = try baseline(checked.stdout)
        #expect(sample.low <= full.cost && full.cost <= sample.high, "full \(full), sample \(sample)")
        #expect(abs(sample.cost - full.cost) / full.cost < 0.05, "full \(full.cost), sample \(sample.cost)")
    }

    /// The log named as FILE or given on standard input gives the same sample as the plan's own file.
    @Test func fileAndStandardInputGiveTheSameSample() throws {
        let folder = try scratch()
        let log = try String(contentsOfFile: folder + "/traffic.jsonl", encoding: .utf8)
        let arguments = ["sample", "--rate", "0.05", "--by", "team", "--seed", "7", "--format", "json"]
        #expect(runCLI(arguments + ["--output", "a.jsonl"], in: folder).status == .success)
        #expect(runCLI(arguments + ["--output", "b.jsonl", "traffic.jsonl"], in: folder).status == .success)
        #expect(runCLI(arguments + ["--output", "c.jsonl", "-"], in: folder, stdin: log).status == .success)
        let samples = try ["a", "b", "c"].map { try String(contentsOfFile: folder + "/\($0).jsonl", encoding: .utf8) }
        #expect(!samples[0].isEmpty && samples[0] == samples[1] && samples[1] == samples[2])
        let missing = runCLI(arguments + ["--output", "d.jsonl", "nope.jsonl"], in: folder)
        #expect(missing.status == .badInput && missing.stderr.contains("nope.jsonl: no such file"))
    }

    @Test func badArgumentsAreUsageErrors() throws {
        let folder = try scratch()
        #expect(runCLI(["sample", "--output", "x.jsonl"], in: folder).stderr.contains("sample needs --rate"))
        #expect(runCLI(["sample", "--rate", "0", "--output", "x.jsonl"], in: folder).stderr.contains("above 0 and at most 1"))
        let unknown = runCLI(["sample", "--rate", "0.1", "--by", "custmer", "--output", "x.jsonl"], in: folder)
        #expect(unknown.status == .badInput && unknown.stderr.contains("did you mean 'customer'"), "\(unknown.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/x.jsonl"))
    }

    /// Read in blocks of a few kilobytes (a large log is read 64 MiB at a time), the log gives the same sample,
    /// byte for byte, as read in one block: by route and customer, by a tag key that only a late block holds, by model.
    @Test func blocksGiveTheSameSampleAsOneRead() throws {
        let folder = try scratch()
        var lines = try String(contentsOfFile: folder + "/traffic.jsonl", encoding: .utf8).split(separator: "\n").map(String.init)
        lines[lines.count - 5] = String(lines[lines.count - 5].dropLast()) + #", "late_tag": "x"}"#
        try (lines.joined(separator: "\n") + "\n").write(toFile: folder + "/traffic.jsonl", atomically: true, encoding: .utf8)
        for by in [["--by", "route", "--by", "customer"], ["--by", "late_tag"], ["--by", "model"]] {
            let arguments = ["sample", "--rate", "0.07", "--seed", "5", "--format", "json"] + by
            let one = runCLI(arguments + ["--output", "one.jsonl"], in: folder)
            let many = runCLI(arguments + ["--output", "many.jsonl"], in: folder, trafficBlockBytes: 4_096)
            #expect(one.status == .success && many.status == .success, "\(one.stderr) \(many.stderr)")
            let a = try String(contentsOfFile: folder + "/one.jsonl", encoding: .utf8)
            let b = try String(contentsOfFile: folder + "/many.jsonl", encoding: .utf8)
            #expect(!a.isEmpty && a == b, "\(by)")
            // The strata's spreads are merged block by block (Chan's update): equal to rounding, not to the bit.
            let strata = try [one, many].map { try #require((try parseJSON($0.stdout) as? [String: Any])?["strata"] as? [[String: Any]]) }
            #expect(strata[0].count == strata[1].count && strata[0].count > 1)
            for (x, y) in zip(strata[0], strata[1]) {
                #expect(x["records"] as? Int == y["records"] as? Int && x["kept"] as? Int == y["kept"] as? Int && x["key"] as? [String] == y["key"] as? [String])
                let spread = try [x, y].map { try #require($0["cost_sd_usd"] as? Double) }
                #expect(abs(spread[0] - spread[1]) <= 1e-12 * spread[0], "\(by) \(spread)")
            }
        }
        // A bad line in a later block is named by its line in the file, and nothing is written.
        lines[15_000] = #"{"timestamp": 1, "input_tokens": -1, "output_tokens": 1}"#
        try (lines.joined(separator: "\n") + "\n").write(toFile: folder + "/traffic.jsonl", atomically: true, encoding: .utf8)
        let bad = runCLI(["sample", "--rate", "0.1", "--output", "bad.jsonl"], in: folder, trafficBlockBytes: 4_096)
        #expect(bad.status == .badInput && bad.stderr.contains("traffic.jsonl:15001"), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/bad.jsonl"))
    }

    /// The built binary maps standard input when it is a file and spools it to a temporary file when it is a pipe
    /// (`MappedFile.mapStandardInput`): both give the sample of the file named as an argument, and leave no file.
    @Test func theBinaryReadsStandardInputFromAFileOrAPipe() throws {
        try #require(FileManager.default.isExecutableFile(atPath: builtBinary), "swift test builds the costgate executable")
        let folder = try scratch()
        let arguments = ["sample", "--rate", "0.05", "--by", "route", "--seed", "2", "--format", "json"]
        #expect(runCLI(arguments + ["--output", "named.jsonl", "traffic.jsonl"], in: folder).status == .success)
        let spoolFolder = folder + "/spool"
        try FileManager.default.createDirectory(atPath: spoolFolder, withIntermediateDirectories: true)
        func run(output: String, input: Any) throws -> Int32 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: builtBinary)
            process.arguments = arguments + ["--output", output, "-"]
            process.currentDirectoryURL = URL(fileURLWithPath: folder)
            process.environment = ["CI": "true", "TMPDIR": spoolFolder]
            process.standardInput = input
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            if let pipe = input as? Pipe {
                // Should the child end early, a write to the closed pipe must fail, not end the test process.
                signal(SIGPIPE, SIG_IGN)
                let log = try Data(contentsOf: URL(fileURLWithPath: folder + "/traffic.jsonl"))
                pipe.fileHandleForWriting.write(log)
                try pipe.fileHandleForWriting.close()
            }
            process.waitUntilExit()
            return process.terminationStatus
        }
        let file = try #require(FileHandle(forReadingAtPath: folder + "/traffic.jsonl"))
        #expect(try run(output: "from-file.jsonl", input: file) == 0)
        #expect(try run(output: "from-pipe.jsonl", input: Pipe()) == 0)
        let samples = try ["named", "from-file", "from-pipe"].map { try String(contentsOfFile: folder + "/\($0).jsonl", encoding: .utf8) }
        #expect(!samples[0].isEmpty && samples[0] == samples[1] && samples[0] == samples[2])
        #expect(try FileManager.default.contentsOfDirectory(atPath: spoolFolder).isEmpty)
    }
}
