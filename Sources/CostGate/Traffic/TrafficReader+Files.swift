public import Foundation

/// Reading a set of traffic files (a folder, a glob, a list) into one sample.
extension TrafficReader {
    /// Reads each file in turn and merges them in order. Each file is read (and `.gz` decompressed) only when its
    /// turn comes, so one is in memory at a time besides the merged records; errors name the file and its line.
    ///
    /// - Parameters:
    ///   - files: The names to show (one per file), in reading order.
    ///   - spec: The plan's `traffic` section.
    ///   - skipBadRecords: Skip bad records instead of failing on the first.
    ///   - load: The bytes of the file at an index of `files`.
    /// - Throws: the first file's error; `CostGateError.io` when no file holds a record.
    public static func read(files: [String], spec: TrafficSpec, skipBadRecords: Bool,
                            load: (Int) throws(CostGateError) -> Data) throws(CostGateError) -> Traffic {
        if files.count == 1 { return try read(try load(0), spec: spec, file: files[0], skipBadRecords: skipBadRecords) }
        var traffic = Traffic()
        for (index, name) in files.enumerated() {
            let data = try load(index)
            // One empty file in a folder of daily logs is not an error; an empty set is.
            let part = Gzip.isGzip(data)
                ? try readGzip(data, spec: spec, file: name, skipBadRecords: skipBadRecords, allowEmpty: true)
                : try read(try decompressed(data, file: name), spec: spec, file: name, skipBadRecords: skipBadRecords,
                           chunkCount: nil, allowEmpty: true)
            traffic.append(part)
        }
        guard !traffic.records.isEmpty else {
            var reason = "no readable records in any of its \(files.count) files"
            if let first = traffic.skipped.examples.first { reason += " (\(traffic.skipped.count) skipped; the first: \(first))" }
            throw .io(path: spec.path, reason: reason)
        }
        return traffic
    }

    /// `data`, decompressed when it is gzip (by its magic bytes); a `.gz` name on other bytes is an error.
    static func decompressed(_ data: Data, file: String) throws(CostGateError) -> Data {
        if Gzip.isGzip(data) { return try Gzip.decompress(data, file: file) }
        if file.lowercased().hasSuffix(".gz") { throw .io(path: file, reason: "has a .gz name but is not gzip data (no 1f 8b magic bytes)") }
        return data
    }
}
