// The fuzz build (`run.sh`) enables testing, for the evaluator's internal options; a plain release build does not.
#if COSTGATE_FUZZING
@testable import CostGate
#else
import CostGate
#endif
import Foundation

/// The `pipeline` fuzz target: writes the input's plan and traffic to a scratch repository, runs `costgate check`
/// through the command line (Markdown to stdout, JSON to a file) and, when the check completes, renders the same
/// evaluation in every other report format, checking what a CI step relies on.
enum Pipeline {
    /// The scratch repository, in memory (`/dev/shm`) where there is one: each input rewrites two files, and on a
    /// disk file system truncating and writing them back cost a tenth of each execution.
    static let folder: String = {
        var isDirectory: ObjCBool = false
        let base = FileManager.default.fileExists(atPath: "/dev/shm", isDirectory: &isDirectory) && isDirectory.boolValue
            ? "/dev/shm" : FileManager.default.temporaryDirectory.path
        let path = base + "/costgate-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path + "/.git", withIntermediateDirectories: true)
        return path
    }()

    /// Replaces the file at `path` with `data`, in place. `FileManager.createFile` writes a temporary file,
    /// syncs it to disk and renames it, which took a third of each execution; `check` reads the same bytes either way.
    private static func write(_ data: ArraySlice<UInt8>, to path: String) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { fatalError("cannot write \(path)") }
        defer { close(descriptor) }
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                guard written > 0 else { fatalError("cannot write \(path)") }
                offset += written
            }
        }
    }

    /// Writes the input's plan (up to the first NUL byte) and traffic (after it) to the scratch repository.
    static func writeInputs(_ data: some DataProtocol) {
        let bytes = [UInt8](data)
        let split = bytes.firstIndex(of: 0) ?? bytes.count
        write(bytes[..<split], to: folder + "/costgate.json")
        write(split < bytes.count ? bytes[(split + 1)...] : [], to: folder + "/traffic.jsonl")
    }

    static func run(_ data: Data) {
        writeInputs(data)
        let jsonPath = folder + "/report.json"
        unlink(jsonPath)

        // The command line, as a CI step runs it: the exit status, the messages, Markdown on stdout and the
        // JSON report written atomically beside it.
        let out = Buffer()
        let err = Buffer()
        let context = CommandContext(environment: ["CI": "true"], currentDirectory: folder,
                                     stdout: { out.append($0) }, stderr: { err.append($0) })
        let status = CLI.run(["check", "--format", "markdown", "--json-output", jsonPath], context: context)
        let markdown = out.text
        let json = FileManager.default.contents(atPath: jsonPath)
        switch status {
        case .badInput:
            if !markdown.isEmpty { fatalError("exit 2 with a report written") }
            if json != nil { fatalError("exit 2 with a JSON report written") }
            if err.text.dropLast().unicodeScalars.contains(where: { $0.value < 0x20 }) { fatalError("control character in a message") }
            return
        case .success, .policyFailure:
            if markdown.isEmpty { fatalError("a passing or failing check wrote no report") }
        }
        guard let json, let report = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any] else {
            fatalError("the JSON report does not parse")
        }
        let sides: [Any] = [report["baseline"] as Any] + ((report["candidates"] as? [Any]) ?? [])
        for side in sides {
            guard let cost = (side as? [String: Any])?["monthly_cost"] as? Double, cost.isFinite else {
                fatalError("a report without a finite monthly cost")
            }
        }

        // The same check through the library, rendered in every format: it must reach the same result, and its
        // JSON must be the file's byte for byte (the evaluation is deterministic).
        let quiet = CommandContext(environment: ["CI": "true"], currentDirectory: folder, stdout: { _ in }, stderr: { _ in })
        let evaluation: Evaluation
        do {
            evaluation = try CLI.checkEvaluation([], context: quiet)
        } catch {
            fatalError("the command line passed but the library threw: \(error)")
        }
        if evaluation.exitCode != status { fatalError("the library's exit status differs from the command line's") }
        for entry in Renderers.evaluation.entries {
            let document = entry.renderer.document(evaluation)
            if document.isEmpty { fatalError("\(entry.name) rendered nothing") }
            if entry.name == "json", Data(document.utf8) != json { fatalError("two evaluations of one input wrote different JSON") }
        }
        #if COSTGATE_FUZZING
        compareBlocksWithWholeRead()
        #endif
    }

    #if COSTGATE_FUZZING
    /// A plan whose sample can be read a block at a time reports, in blocks of 64 bytes (a block or more a record),
    /// what a whole read of the sample reports, in every format.
    static func compareBlocksWithWholeRead() {
        guard let plan = try? PlanLoader.load("costgate.json", from: .workTree(root: folder)),
              (try? StreamingEvaluator.sample(for: [plan], policies: plan.plan.policies)) ?? nil != nil else { return }
        func evaluate(blocks: Int?) -> Result<Evaluation, CostGateError> {
            var options = Evaluator.Options()
            options.readsBlocks = blocks != nil
            options.blockBytes = blocks ?? StreamingEvaluator.blockBytes
            var evaluator = Evaluator(options: options)
            return Result { () throws(CostGateError) -> Evaluation in
                try evaluator.evaluate(command: "check", baseline: .init(name: "base", loaded: plan), candidates: [.init(name: "head", loaded: plan)],
                                       policySource: plan, baselineSource: .itself)
            }
        }
        switch (evaluate(blocks: nil), evaluate(blocks: 64)) {
        case (.success(let whole), .success(let blocks)):
            for entry in Renderers.evaluation.entries where entry.renderer.document(whole) != entry.renderer.document(blocks) {
                fatalError("the \(entry.name) report of a sample read in blocks differs from a whole read's")
            }
        case (.failure, .failure):
            return
        case (.success, .failure(let error)):
            fatalError("a whole read passed but blocks failed: \(error)")
        case (.failure(let error), .success):
            fatalError("blocks passed but a whole read failed: \(error)")
        }
    }
    #endif
}
