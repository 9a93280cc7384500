import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// Reads the full public traces when the development environment has them (skipped elsewhere): the
/// readers must take them as published, with only a column mapping.
@Suite struct TrafficPublicTraceTests {
    /// `../shared/traces` beside the repository, as the README describes; skipped where it is absent.
    static let traces = URL(fileURLWithPath: repositoryRoot).deletingLastPathComponent().appendingPathComponent("shared/traces").path
    static var available: Bool { FileManager.default.fileExists(atPath: traces) }

    @Test(.enabled(if: TrafficPublicTraceTests.available), arguments: [
        ("azure-llm-inference-2023/AzureLLMInferenceTrace_conv.csv", 19_366),
        ("azure-llm-inference-2023/AzureLLMInferenceTrace_code.csv", 8_819),
    ])
    func readsAzureTraces(file: String, records: Int) throws {
        let traffic = try TrafficReader.read(contentsOf: "\(Self.traces)/\(file)", displayName: file,
                                             spec: TrafficCSVTests.azureSpec, skipBadRecords: false)
        #expect(traffic.records.count == records)
        let span = try #require(traffic.timeSpan)
        #expect(span.latest - span.earliest > 3400 && span.latest - span.earliest < 3600)
    }

    @Test(.enabled(if: TrafficPublicTraceTests.available), arguments: [
        ("mooncake-fast25/conversation_trace.jsonl", 12_031),
        ("mooncake-fast25/synthetic_trace.jsonl", 3_993),
    ])
    func readsMooncakeTraces(file: String, records: Int) throws {
        let spec = TrafficSpec(path: file, format: .jsonl, columns: ["input_tokens": "input_length", "output_tokens": "output_length"],
                               timestampUnit: .ms)
        let traffic = try TrafficReader.read(contentsOf: "\(Self.traces)/\(file)", displayName: file, spec: spec, skipBadRecords: false)
        #expect(traffic.records.count == records)
        #expect(traffic.records.allSatisfy { $0.hashCount > 0 })
    }

    @Test func readsAnEmptyFileAsNoRecords() throws {
        let path = NSTemporaryDirectory() + "costgate-empty-\(getpid()).jsonl"
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: CostGateError.io(path: "empty.jsonl", reason: "no readable records in empty.jsonl")) {
            try TrafficReader.read(contentsOf: path, displayName: "empty.jsonl", spec: TrafficTestSupport.jsonl(), skipBadRecords: true)
        }
    }
}
