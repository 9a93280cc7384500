public import Foundation

/// TEMPORARY: a slow, simple reader used until the byte-level reader lands.
public enum TrafficReader {
    public static func read(_ data: Data, spec: TrafficSpec, file: String, skipBadRecords: Bool) throws(CostGateError) -> Traffic {
        var traffic = Traffic()
        traffic.source = file
        var tagSetIDs: [[Traffic.TagPair]: Int32] = [[]: 0]
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var header: [String] = []
        var firstLine = 1
        if spec.format == .csv {
            header = lines.first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",").map(String.init) } ?? []
            lines.removeFirst()
            firstLine = 2
        }
        func column(_ field: String) -> String { spec.columns[field] ?? field }
        for (offset, rawLine) in lines.enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            let number = offset + firstLine
            var fields: [String: JSONValue] = [:]
            if spec.format == .csv {
                let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                for (index, name) in header.enumerated() where index < cells.count && !cells[index].isEmpty {
                    if let number = Double(cells[index]) { fields[name] = .number(number) } else { fields[name] = .string(cells[index]) }
                }
            } else {
                guard let value = try? JSONParser.parse(Array(line.utf8)), let members = value.objectMembers else {
                    throw .badRecord(file: file, line: number, field: nil, expected: "a JSON object", found: nil)
                }
                for member in members { fields[member.key] = member.value }
            }
            func integer(_ name: String) throws(CostGateError) -> Int64? {
                guard let value = fields[column(name)] else { return nil }
                guard let number = value.doubleValue, number >= 0, number == number.rounded() else {
                    throw .badRecord(file: file, line: number, field: column(name), expected: "a non-negative integer", found: value.kindDescription)
                }
                return Int64(number)
            }
            func string(_ name: String) -> String? { fields[column(name)]?.stringValue ?? spec.defaults[name] }
            guard let input = try integer("input_tokens"), let output = try integer("output_tokens") else {
                throw .badRecord(file: file, line: number, field: "input_tokens", expected: "input_tokens and output_tokens", found: nil)
            }
            var timestamp = 0.0
            if let value = fields[column("timestamp")] {
                if let seconds = value.doubleValue { timestamp = seconds * spec.timestampUnit.seconds }
                else if let text = value.stringValue {
                    let formatter = ISO8601DateFormatter()
                    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
                    let plain = ISO8601DateFormatter()
                    let normalized = text.replacingOccurrences(of: " ", with: "T")
                    let withZone = normalized.hasSuffix("Z") || normalized.contains("+") ? normalized : normalized + "Z"
                    let trimmed = withZone.replacingOccurrences(of: #"(\.\d{3})\d+"#, with: "$1", options: .regularExpression)
                    guard let date = formatter.date(from: trimmed) ?? plain.date(from: trimmed) else {
                        throw .badRecord(file: file, line: number, field: column("timestamp"), expected: "an RFC 3339 timestamp", found: excerpt(text))
                    }
                    timestamp = date.timeIntervalSince1970
                }
            }
            var record = TrafficRecord(timestamp: timestamp, model: traffic.strings.intern(string("model") ?? ""),
                                       route: traffic.strings.intern(string("route") ?? "default"), inputTokens: input, outputTokens: output)
            record.cachedInputTokens = try integer("cached_input_tokens") ?? 0
            record.reasoningTokens = try integer("reasoning_tokens") ?? 0
            record.quality = fields[column("quality")]?.doubleValue ?? .nan
            record.weight = fields[column("weight")]?.doubleValue ?? .nan
            record.isError = string("status") == "error"
            var tags: [Int32: Int32] = [:]
            let mapped = Set(TrafficSpec.canonicalFields.map(column))
            for (key, value) in fields where !mapped.contains(key) {
                if let text = value.stringValue { tags[traffic.strings.intern(key)] = traffic.strings.intern(text) }
            }
            if let members = fields["tags"]?.objectMembers {
                for member in members { if let text = member.value.stringValue { tags[traffic.strings.intern(member.key)] = traffic.strings.intern(text) } }
            }
            for (key, value) in spec.defaults where !TrafficSpec.canonicalFields.contains(key) {
                let keyID = traffic.strings.intern(key)
                if tags[keyID] == nil { tags[keyID] = traffic.strings.intern(value) }
            }
            let pairs = tags.map { Traffic.TagPair(key: $0.key, value: $0.value) }.sorted { $0.key < $1.key }
            if let id = tagSetIDs[pairs] { record.tagSet = id } else {
                record.tagSet = Int32(traffic.tagSets.count)
                tagSetIDs[pairs] = record.tagSet
                traffic.tagSets.append(pairs)
            }
            traffic.records.append(record)
        }
        return traffic
    }
}
