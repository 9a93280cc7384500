public import Foundation

/// Everything a command may touch of the outside world, passed in so tests run commands in-process.
public struct CommandContext: Sendable {
    /// The process environment (read for `CI`, `NO_COLOR`, `COSTGATE_*`; never printed).
    public var environment: [String: String]
    /// The directory relative paths on the command line resolve against.
    public var currentDirectory: String
    /// Writes to standard output.
    public var stdout: @Sendable (String) -> Void
    /// Writes to standard error.
    public var stderr: @Sendable (String) -> Void
    /// Reads all of standard input (for `-` arguments).
    public var readStdin: @Sendable () -> Data
    /// Whether standard error is a terminal (progress is shown only then, and never when `CI` is set).
    public var stderrIsTerminal: Bool
    /// Standard input as a mapped file (`MappedFile.mapStandardInput`), for `costgate sample` to read a large log
    /// piped in without holding it; nil (tests) to use `readStdin`.
    public var mapStdin: (@Sendable () throws -> Data)?
    /// Bytes of a traffic log that `costgate sample` reads into records at a time (`TrafficReader.blockBytes`);
    /// tests lower it to read small logs in many blocks.
    public var trafficBlockBytes = TrafficReader.blockBytes

    /// Creates a context.
    public init(
        environment: [String: String],
        currentDirectory: String,
        stdout: @escaping @Sendable (String) -> Void,
        stderr: @escaping @Sendable (String) -> Void,
        readStdin: @escaping @Sendable () -> Data = { Data() },
        stderrIsTerminal: Bool = false
    ) {
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.stdout = stdout
        self.stderr = stderr
        self.readStdin = readStdin
        self.stderrIsTerminal = stderrIsTerminal
    }

    /// Whether long work may draw progress on stderr.
    public var showsProgress: Bool {
        let ci = environment["CI"]?.lowercased()
        return stderrIsTerminal && ci != "true" && ci != "1"
    }

    /// Receives each stage of long work: the line replaces the last one on stderr; nil when progress is not shown.
    public var progress: (@Sendable (String) -> Void)? {
        guard showsProgress else { return nil }
        let stderr = self.stderr
        return { stderr("\r\u{1B}[K" + $0) }
    }

    /// Resolves a command-line path against the current directory.
    public func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return (currentDirectory as NSString).appendingPathComponent(path)
    }
}
