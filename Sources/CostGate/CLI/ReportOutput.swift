import Foundation

/// Writes a report to stdout or, atomically, to `--output FILE`: the file appears whole or not at all.
enum ReportOutput {
    static func emit(_ text: String, to path: String?, context: CommandContext) throws(CostGateError) {
        guard let path else {
            context.stdout(text)
            return
        }
        let full = context.resolve(path)
        let url = URL(fileURLWithPath: full)
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).costgate-\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try TemporaryFileGuard.guarding(temporary.path) {
                try Data(text.utf8).write(to: temporary)
                // rename(2) replaces the target atomically on the same file system.
                guard rename(temporary.path, full) == 0 else {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
                }
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .io(path: path, reason: "cannot write the report (\(error.localizedDescription))")
        }
    }

    /// Writes a large output to `path` piece by piece, as atomically as `emit`: the pieces go to a temporary file
    /// beside it, renamed over `path` once `write` returns; on any error, or a signal, the temporary file is removed.
    ///
    /// - Parameter write: Produces the output, calling its argument with each piece in order.
    static func stream(to path: String, context: CommandContext,
                       _ write: ((String) throws(CostGateError) -> Void) throws(CostGateError) -> Void) throws(CostGateError) {
        let full = context.resolve(path)
        let url = URL(fileURLWithPath: full)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).costgate-\(ProcessInfo.processInfo.processIdentifier).tmp")
        let cannotWrite = { (reason: String) in CostGateError.io(path: path, reason: "cannot write the output (\(reason))") }
        var failure: CostGateError?
        TemporaryFileGuard.guarding(temporary.path) {
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
                  let handle = FileHandle(forWritingAtPath: temporary.path) else {
                failure = cannotWrite(String(cString: strerror(errno)))
                return
            }
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
