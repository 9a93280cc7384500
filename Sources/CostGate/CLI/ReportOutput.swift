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
            try Data(text.utf8).write(to: temporary)
            if FileManager.default.fileExists(atPath: full) {
                _ = try FileManager.default.replaceItemAt(url, withItemAt: temporary)
            } else {
                try FileManager.default.moveItem(at: temporary, to: url)
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .io(path: path, reason: "cannot write the report (\(error.localizedDescription))")
        }
    }
}
