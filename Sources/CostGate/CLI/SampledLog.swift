import Foundation

/// The log `costgate sample` reads, a block at a time, once per pass: a file named on the command line (mapped, its
/// pages handed back as they are parsed), standard input (mapped, or spooled to a temporary file first when it is a
/// pipe), or the files the plan names. With `traffic.join`, the joined log is read whole and indexed once
/// (`JoinIndex`), and each block is joined with the index.
struct SampledLog {
    /// The log's name in messages.
    let name: String
    private let source: Source
    private let spec: TrafficSpec
    private let skipBadRecords: Bool
    private let blockBytes: Int
    /// The plan's `traffic.join` with the joined log's index, applied to every block.
    private let join: (TrafficJoin, JoinIndex)?

    private enum Source {
        case bytes(Data)
        case files(LoadedPlan, [String], standardInput: Data?)
    }

    /// The log `file` names (`-` for standard input), else the plan's traffic files.
    init(file: String?, loaded: LoadedPlan, skipBadRecords: Bool, context: CommandContext) throws(CostGateError) {
        spec = loaded.plan.traffic
        self.skipBadRecords = skipBadRecords
        blockBytes = context.trafficBlockBytes
        if let join = loaded.plan.traffic.join, let index = try loaded.joinIndex(skipBadRecords: skipBadRecords) {
            self.join = (join, index)
        } else {
            join = nil
        }
        if let file {
            name = file == "-" ? "standard input" : file
            source = .bytes(file == "-" ? try Self.standardInput(context) : try Self.map(file, context: context))
            return
        }
        let files = try loaded.trafficFiles()
        let standardInput = files.contains("-") ? try Self.standardInput(context) : nil
        name = files.count == 1 ? (files[0] == "-" ? "standard input" : loaded.source.displayPath(files[0])) : spec.path
        source = .files(loaded, files, standardInput: standardInput)
    }

    /// Calls `body` with each block of records in log order and the position in the log of its first record.
    func forEachBlock(_ body: (Traffic, Int) throws(CostGateError) -> Void) throws(CostGateError) {
        var first = 0
        func read(_ data: Data, name: String) throws(CostGateError) {
            try TrafficReader.readBlocks(data, spec: spec, file: name, skipBadRecords: skipBadRecords, blockBytes: blockBytes) { block throws(CostGateError) in
                var block = block
                if let (spec, index) = join { try block.join(index, spec: spec, recordOffset: first) }
                try body(block, first)
                first += block.records.count
            }
        }
        switch source {
        case .bytes(let data):
            try read(data, name: name)
        case .files(let loaded, let files, let standardInput):
            for file in files {
                if file == "-" {
                    try read(standardInput ?? Data(), name: "standard input")
                } else {
                    try read(try loaded.source.read(file, namedIn: loaded.plan.file), name: loaded.source.displayPath(file))
                }
            }
        }
    }

    /// Standard input, mapped (or spooled to a temporary file and mapped) where the context can.
    private static func standardInput(_ context: CommandContext) throws(CostGateError) -> Data {
        guard let mapStdin = context.mapStdin else { return context.readStdin() }
        do {
            return try mapStdin()
        } catch {
            throw .io(path: "standard input", reason: "cannot be read (\(error.localizedDescription))")
        }
    }

    /// The file at `path` (relative to the working directory), mapped.
    private static func map(_ path: String, context: CommandContext) throws(CostGateError) -> Data {
        let resolved = context.resolve(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) else { throw .io(path: path, reason: "no such file") }
        guard !isDirectory.boolValue else { throw .io(path: path, reason: "is a directory, not a file") }
        do {
            return try MappedFile.map(resolved)
        } catch {
            throw .io(path: path, reason: "cannot read the file (\(error.localizedDescription))")
        }
    }
}
