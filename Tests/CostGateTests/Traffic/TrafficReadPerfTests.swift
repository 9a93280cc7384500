import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// Manual read-speed measurement; runs only with `COSTGATE_PERF=1` (see `Tests/Benchmarks/traffic/run.sh`).
///
/// It prints figures and asserts nothing about time; it checks that every line of the file became a record. The peer it reports against is a plain newline
/// count over the same mapped bytes, measured in the same run.
@Suite struct TrafficReadPerfTests {
    static var enabled: Bool { ProcessInfo.processInfo.environment["COSTGATE_PERF"] == "1" }

    @Test(.enabled(if: TrafficReadPerfTests.enabled))
    func TrafficReadPerf() throws {
        let environment = ProcessInfo.processInfo.environment
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let path = environment["COSTGATE_PERF_FILE"] ?? root.appendingPathComponent("Tests/Benchmarks/data/traffic-1000000.jsonl").path
        let spec = TrafficSpec(path: path, format: path.hasSuffix(".csv") ? .csv : .jsonl)
        let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        let megabytes = Double(data.count) / 1_000_000
        let clock = ContinuousClock()

        var lines = 0
        let scan = clock.measure {
            data.withUnsafeBytes { raw in
                var position = raw.baseAddress!
                let end = raw.baseAddress! + raw.count
                while let newline = memchr(position, 0x0A, end - position) {
                    lines += 1
                    position = UnsafeRawPointer(newline) + 1
                }
            }
        }
        var runs: [Duration] = []
        var records = 0
        for _ in 0..<3 {
            var traffic = Traffic()
            runs.append(try clock.measure {
                traffic = try TrafficReader.read(contentsOf: path, displayName: path, spec: spec, skipBadRecords: false)
            })
            records = traffic.records.count
        }
        let best = runs.min()!
        let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) * 1e-18
        let scanSeconds = Double(scan.components.seconds) + Double(scan.components.attoseconds) * 1e-18
        print("""
        TrafficReadPerf: \(path)
          \(records) records, \(String(format: "%.1f", megabytes)) MB, \(lines) lines
          read (best of 3): \(String(format: "%.3f", seconds)) s = \(String(format: "%.0f", Double(records) / seconds)) records/s, \
        \(String(format: "%.0f", megabytes / seconds)) MB/s; runs \(runs.map { String(format: "%.3f", Double($0.components.attoseconds) * 1e-18 + Double($0.components.seconds)) })
          peer (newline count, 1 thread): \(String(format: "%.3f", scanSeconds)) s; read/peer = \(String(format: "%.1f", seconds / scanSeconds))
          cores: \(ProcessInfo.processInfo.activeProcessorCount)
        """)
        // The generator writes one record per line, so a reader that dropped or split lines shows here.
        #expect(records == lines)
        #expect(records > 0)
    }
}
