/// An aligned plain-text table for terminals.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    /// Columns aligned right (numbers).
    var rightAligned: Set<Int> = []

    init(_ header: [String], rightAligned: Set<Int> = []) {
        self.header = header
        self.rightAligned = rightAligned
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    func render(indent: String = "  ") -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (index, cell) in cells.enumerated() {
                let padding = String(repeating: " ", count: max(0, widths[index] - cell.count))
                parts.append(rightAligned.contains(index) ? padding + cell : cell + padding)
            }
            var text = indent + parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text + "\n"
        }
        var text = line(header)
        text += indent + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { text += line(row) }
        return text
    }

    /// Replaces control characters so untrusted names cannot move the cursor or recolour the terminal.
    static func clean(_ text: String, limit: Int = 60) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if result.count >= limit { result += "…"; break }
            if scalar.isInvisible { continue }
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { result += "?" } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }
}
