import Foundation

extension CommandContext {
    /// Reads a file named on the command line, relative to the current directory; `-` reads standard input.
    /// - Throws: `CostGateError.io` naming the path: no such file, a directory, or unreadable.
    func readArgumentFile(_ path: String) throws(CostGateError) -> Data {
        if path == "-" { return readStdin() }
        let resolved = resolve(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) else {
            throw .io(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw .io(path: path, reason: "is a directory, not a file") }
        guard let data = FileManager.default.contents(atPath: resolved) else {
            throw .io(path: path, reason: "cannot read the file (permission denied?)")
        }
        return data
    }
}
