import Foundation

/// Writes a report to stdout or, atomically, to `--output FILE`: the file appears whole or not at all.
enum ReportOutput {
    static func emit(_ text: String, to path: String?, context: CommandContext) throws(CostGateError) {
        guard let path else {
            context.stdout(text)
            return
        }
        try stream(to: path, context: context) { write throws(CostGateError) in try write(text) }
    }

    /// Refuses an output `path` that is one of the `inputs` (the same file, whatever the spelling): `sample --output
    /// traffic.jsonl traffic.jsonl` replaced the log it sampled, `--output costgate.json` the plan.
    ///
    /// - Parameter option: The option that named `path`, for the message (`--output`).
    static func refuse(_ path: String, option: String, replacing inputs: [String], context: CommandContext) throws(CostGateError) {
        var output = stat()
        guard stat(context.resolve(path), &output) == 0 else { return }
        for input in inputs {
            var read = stat()
            if stat(input, &read) == 0, read.st_dev == output.st_dev, read.st_ino == output.st_ino {
                throw .usage("\(option) \(excerpt(path)) is a file this command reads; writing there would replace it")
            }
        }
    }

    /// Writes an output to `path` piece by piece, atomically: the pieces go to a temporary file beside it, renamed
    /// over `path` once `write` returns; on any error, or a signal, the temporary file is removed.
    ///
    /// - Parameter write: Produces the output, calling its argument with each piece in order.
    static func stream(to path: String, context: CommandContext,
                       _ write: ((String) throws(CostGateError) -> Void) throws(CostGateError) -> Void) throws(CostGateError) {
        let full = context.resolve(path)
        let url = URL(fileURLWithPath: full)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).costgate-\(ProcessInfo.processInfo.processIdentifier).tmp")
        let cannotWrite = { (reason: String) in CostGateError.io(path: path, reason: "cannot be written (\(reason))") }
        var failure: CostGateError?
        TemporaryFileGuard.guarding(temporary.path) {
            // open(2) directly: FileManager.createFile would write (and sync) a temporary file of its own first.
            let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                failure = cannotWrite(String(cString: strerror(errno)))
                return
            }
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            do throws(CostGateError) {
                try write { piece throws(CostGateError) in
                    do {
                        try handle.write(contentsOf: Data(piece.utf8))
                    } catch {
                        throw cannotWrite(error.localizedDescription)
                    }
                }
                try? handle.close()
                // rename(2) replaces the target atomically on the same file system.
                guard rename(temporary.path, full) == 0 else { throw cannotWrite(String(cString: strerror(errno))) }
            } catch {
                try? handle.close()
                failure = error
            }
        }
        if let failure {
            try? FileManager.default.removeItem(at: temporary)
            throw failure
        }
    }
}
