import CostGate
import Foundation

var context = CommandContext(
    environment: ProcessInfo.processInfo.environment,
    currentDirectory: FileManager.default.currentDirectoryPath,
    stdout: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
    stderr: { text in FileHandle.standardError.write(Data(text.utf8)) },
    readStdin: { FileHandle.standardInput.readDataToEndOfFile() },
    stderrIsTerminal: isatty(STDERR_FILENO) != 0
)
context.mapStdin = { try MappedFile.mapStandardInput() }
let status = CLI.run(Array(CommandLine.arguments.dropFirst()), context: context)
exit(status.rawValue)
