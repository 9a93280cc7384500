/// Why one record could not be read; the chunk's line number is added when the chunks are merged.
struct RecordIssue: Error, Sendable {
    /// 1-based line within the chunk.
    var line: Int
    var field: String?
    var expected: String
    var found: String?

    init(line: Int = 0, field: String?, expected: String, found: String?) {
        self.line = line
        self.field = field
        self.expected = expected
        self.found = found
    }

    /// The user-facing error, with the line counted from the start of the file.
    func error(file: String, lineOffset: Int) -> CostGateError {
        .badRecord(file: file, line: line + lineOffset, field: field, expected: expected, found: found)
    }
}
