public import Foundation

/// Reads the traffic a plan names: every file its `traffic.path` forms expand to, `-` for standard input.
extension LoadedPlan {
    /// The files of the work tree this plan reads, as absolute paths: the plan and its traffic files (none when
    /// the plan is read from a commit). An output must never replace one of them.
    public func workTreeFiles() -> [String] {
        guard source.commit == nil else { return [] }
        let traffic = ((try? trafficFiles()) ?? []).filter { $0 != "-" }
        return ([path] + traffic).map { (source.root as NSString).appendingPathComponent($0) }
    }

    /// The traffic files in reading order, repository-relative (`-` for standard input).
    ///
    /// - Throws: as `FileSource.expand`, and `CostGateError.badPlan` when two forms name the same file.
    public func trafficFiles() throws(CostGateError) -> [String] {
        var files: [String] = []
        var seen = Set<String>()
        for pattern in plan.traffic.paths {
            let expanded = pattern == "-" ? ["-"] : try source.expand(pattern, relativeTo: directory, namedIn: plan.file)
            for file in expanded {
                guard seen.insert(file).inserted else {
                    throw .badPlan(file: plan.file, path: "traffic.path", expected: "each file named once (it would be read twice)",
                                   found: "'\(source.displayPath(file))' more than once")
                }
                files.append(file)
            }
        }
        return files
    }

    /// Reads and merges the traffic files (`trafficFiles()`), decompressing `.gz` ones.
    ///
    /// - Parameters:
    ///   - files: The files from `trafficFiles()`.
    ///   - skipBadRecords: Skip bad records instead of failing on the first.
    ///   - standardInput: The bytes of standard input, read when a file is `-`.
    public func readTraffic(_ files: [String], skipBadRecords: Bool, standardInput: () throws(CostGateError) -> Data) throws(CostGateError) -> Traffic {
        let names = files.map { $0 == "-" ? "standard input" : source.displayPath($0) }
        var traffic = try TrafficReader.read(files: names, spec: plan.traffic, skipBadRecords: skipBadRecords) { index throws(CostGateError) in
            files[index] == "-" ? try standardInput() : try source.read(files[index], namedIn: plan.file)
        }
        traffic.source = names.count == 1 ? names[0] : "\(plan.traffic.path) (\(names.count) files)"
        if let join = plan.traffic.join, let index = try joinIndex(skipBadRecords: skipBadRecords) {
            try traffic.join(index, spec: join)
        }
        return traffic
    }

    /// The log `traffic.join` names, read and indexed by key (nil when the plan joins nothing).
    func joinIndex(skipBadRecords: Bool) throws(CostGateError) -> JoinIndex? {
        guard let join = plan.traffic.join else { return nil }
        var joinFiles: [String] = []
        for pattern in join.paths { joinFiles += try source.expand(pattern, relativeTo: directory, namedIn: plan.file) }
        let joinNames = joinFiles.map { source.displayPath($0) }
        var lookup = try TrafficReader.read(files: joinNames, spec: join.lookupSpec, skipBadRecords: skipBadRecords) { index throws(CostGateError) in
            try source.read(joinFiles[index], namedIn: plan.file)
        }
        lookup.source = joinNames.count == 1 ? joinNames[0] : "\(join.path) (\(joinNames.count) files)"
        return try JoinIndex(lookup)
    }
}
