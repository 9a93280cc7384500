import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// `costgate calibrate` on `vllm bench serve --save-result` files, and plans that name the result.
@Suite struct CalibrateCommandTests {
    /// A scratch folder holding the calibration fixtures.
    func scratch() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("costgate-calibrate-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for file in ["plan.json", "run-summary.json", "run-detailed.json"] {
            try FileManager.default.copyItem(atPath: fixturesDirectory + "/calibration/" + file, toPath: folder + "/" + file)
        }
        return folder
    }

    /// Runs `costgate calibrate` of the `llama8b` deployment on `run` in `folder`, writing `c.json`.
    @discardableResult
    func calibrate(_ run: String, in folder: String) -> CLIResult {
        let result = runCLI(["calibrate", "--plan", "plan.json", "--deployment", "llama8b", "--output", "c.json", run], in: folder)
        #expect(result.status == .success, "\(result.stderr)")
        return result
    }

    @Test(arguments: ["run-summary.json", "run-detailed.json"])
    func writesACalibrationThatFitsTheRun(_ run: String) throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = calibrate(run, in: folder)
        #expect(result.stdout.contains("calibrated meta-llama/Llama-3.1-8B-Instruct on 1× H100, vllm 0.11.0"))
        let data = try #require(FileManager.default.contents(atPath: folder + "/c.json"))
        let calibration = try Calibration.parse(try JSONParser.parse([UInt8](data), file: "c.json"), file: "c.json")
        #expect(calibration.model == "meta-llama/Llama-3.1-8B-Instruct" && calibration.gpu == "H100")
        #expect(calibration.runs.count == 1 && calibration.runs[0].file == run)
        let after = calibration.fitError(\.after)
        #expect(try #require(after.ttft) <= 0.05)
        #expect(try #require(after.tpot) <= 0.05)
    }

    /// The calibration keeps its profile's host-time form (vLLM ≥ 0.11 overlaps host and GPU time), and a file written
    /// before the form was recorded reads as the added form it was fitted with.
    @Test func theHostTimeFormIsRecorded() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        calibrate("run-summary.json", in: folder)
        let text = try String(contentsOfFile: folder + "/c.json", encoding: .utf8)
        #expect(text.contains("\"overlaps_host_time\": true"))
        let calibration = try Calibration.parse(try JSONParser.parse(Array(text.utf8), file: "c.json"), file: "c.json")
        #expect(calibration.stepTime.overlapsHostTime)
        let older = text.replacingOccurrences(of: "\"overlaps_host_time\": true,", with: "")
        #expect(older != text)
        let read = try Calibration.parse(try JSONParser.parse(Array(older.utf8), file: "old.json"), file: "old.json")
        #expect(!read.stepTime.overlapsHostTime)
        #expect(read.stepTime.bandwidthEfficiency == calibration.stepTime.bandwidthEfficiency)
    }

    @Test func aPlanUsesItsCalibrationAndRefusesItElsewhere() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        calibrate("run-summary.json", in: folder)
        let plan = try String(contentsOfFile: folder + "/plan.json", encoding: .utf8)
        try plan.replacingOccurrences(of: "\"version\": \"0.11.0\"}", with: "\"version\": \"0.11.0\"}, \"calibration\": \"c.json\"")
            .write(toFile: folder + "/good.json", atomically: true, encoding: .utf8)
        let loaded = try PlanLoader.load("good.json", from: .workTree(root: folder))
        let deployment = try #require(loaded.plan.deployment(named: "llama8b"))
        #expect(deployment.calibration?.runs.count == 1)
        try plan.replacingOccurrences(of: "\"engine\": {\"name\": \"vllm\"}}", with: "\"engine\": {\"name\": \"vllm\"}, \"calibration\": \"c.json\"}")
            .write(toFile: folder + "/bad.json", atomically: true, encoding: .utf8)
        #expect {
            _ = try PlanLoader.load("bad.json", from: .workTree(root: folder))
        } throws: { error in
            "\(error)".contains("deployments.llama8b-a100.calibration") && "\(error)".contains("fitted on GPU H100, not A100-80GB")
        }
    }

    @Test func summaryWithoutLatenciesIsABadRecord() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try #"{"completed": 10, "total_input_tokens": 100, "total_output_tokens": 100, "request_rate": 1}"#
            .write(toFile: folder + "/empty.json", atomically: true, encoding: .utf8)
        let result = runCLI(["calibrate", "--plan", "plan.json", "--deployment", "llama8b", "--output", "c.json", "empty.json"],
                            in: folder)
        #expect(result.status != .success)
        #expect(result.stderr.contains("mean_ttft_ms"))
    }

    @Test func engineNameAndVersionPickTheProfile() throws {
        #expect(EngineProfile.profile(engine: .vllm, version: "0.6.3")?.id == "vllm-0.6")
        #expect(EngineProfile.profile(engine: .vllm, version: "0.11.0")?.id == "vllm-0.11")
        #expect(EngineProfile.profile(engine: .vllm, version: nil)?.id == "vllm-0.11")
        #expect(EngineProfile.profile(engine: .sglang, version: "0.5.5.post1")?.id == "sglang-0.5")
        #expect(EngineProfile.profile(engine: .tensorrtLLM, version: "1.2.0rc1")?.id == "tensorrt-llm-1.2")
    }

    /// A result file that trapped `calibrate` before (a count of 1e300 converted to an integer) is an input error:
    /// exit 2, the field named, and no calibration written.
    @Test(arguments: ["1e300", "\"inf\"", "1e18"])
    func aHostileRunCountIsAnInputError(completed: String) throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let summary = try String(contentsOfFile: folder + "/run-summary.json", encoding: .utf8)
        let hostile = summary.replacingOccurrences(of: "\"completed\": 40,", with: "\"completed\": \(completed),")
        #expect(hostile != summary)
        try hostile.write(toFile: folder + "/hostile.json", atomically: true, encoding: .utf8)
        let result = runCLI(["calibrate", "--plan", "plan.json", "--deployment", "llama8b", "--output", "c.json", "hostile.json"], in: folder)
        #expect(result.status == .badInput)
        #expect(result.stderr.contains("hostile.json:1: field 'completed': expected a whole number from 1 to 1,000,000"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/c.json"))
    }
}
