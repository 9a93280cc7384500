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
}
