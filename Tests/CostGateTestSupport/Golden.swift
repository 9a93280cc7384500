public import Foundation
public import Testing

/// Golden-file comparison shared by every suite.
public enum Golden {
    /// Compares `actual` with the golden file at `url`, printing a unified diff on mismatch.
    ///
    /// With `COSTGATE_RECORD=1` in the environment the golden file is (re)written instead, and the test still
    /// fails with a note naming the file: a recording run never passes, so it cannot hide a change.
    public static func assertGolden(_ actual: String, at url: URL, sourceLocation: SourceLocation = #_sourceLocation) {
        let name = url.lastPathComponent
        if ProcessInfo.processInfo.environment["COSTGATE_RECORD"] == "1" {
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                let previous = try? String(contentsOf: url, encoding: .utf8)
                try actual.write(to: url, atomically: true, encoding: .utf8)
                let change = previous == actual ? "unchanged" : (previous == nil ? "created" : "rewritten")
                Issue.record("recorded \(name) (\(change)); run again without COSTGATE_RECORD to check it",
                             sourceLocation: sourceLocation)
            } catch {
                Issue.record("could not record \(url.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(url.path); run with COSTGATE_RECORD=1 to create it",
                         sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let message = "output differs from \(name) (re-record with COSTGATE_RECORD=1):\n"
                + diff(expected: expected, actual: actual)
            Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        }
    }

    /// `diff -U5` of the two texts, or a first-difference note if `diff` cannot run.
    public static func diff(expected: String, actual: String) -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("costgate-golden-\(UUID().uuidString)")
        let expectedURL = directory.appendingPathComponent("expected")
        let actualURL = directory.appendingPathComponent("actual")
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try expected.write(to: expectedURL, atomically: true, encoding: .utf8)
            try actual.write(to: actualURL, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["diff", "-U5", expectedURL.path, actualURL.path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        } catch {
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let first = Array(zip(expectedLines, actualLines)).firstIndex { $0 != $1 } ?? min(expectedLines.count, actualLines.count)
            return "first difference at line \(first + 1)"
        }
    }
}
