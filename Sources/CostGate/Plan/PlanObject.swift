/// Reads one JSON object of a plan strictly: typed accessors with the value's path in every error,
/// and a final check that rejects keys nobody asked for (with "did you mean").
struct PlanObject {
    let members: [(key: String, value: JSONValue)]
    let path: String
    let file: String
    private(set) var used: Set<String> = []

    init(_ value: JSONValue, path: String, file: String) throws(CostGateError) {
        guard let members = value.objectMembers else {
            throw .badPlan(file: file, path: path, expected: "an object", found: value.kindDescription)
        }
        self.members = members
        self.path = path
        self.file = file
    }

    func childPath(_ key: String) -> String {
        path.isEmpty ? key : path + "." + key
    }

    mutating func value(_ key: String) -> JSONValue? {
        used.insert(key)
        guard let value = members.first(where: { $0.key == key })?.value else { return nil }
        if case .null = value { return nil }
        return value
    }

    mutating func string(_ key: String) throws(CostGateError) -> String? {
        guard let value = value(key) else { return nil }
        guard let text = value.stringValue else {
            throw .badPlan(file: file, path: childPath(key), expected: "a string", found: value.kindDescription)
        }
        return text
    }

    mutating func number(_ key: String, range: ClosedRange<Double>? = nil, rangeText: String? = nil) throws(CostGateError) -> Double? {
        guard let value = value(key) else { return nil }
        guard let number = value.doubleValue else {
            throw .badPlan(file: file, path: childPath(key), expected: rangeText ?? "a number", found: value.kindDescription)
        }
        if let range, !range.contains(number) {
            throw .badPlan(file: file, path: childPath(key), expected: rangeText ?? "a number in \(range)", found: value.kindDescription)
        }
        return number
    }

    mutating func integer(_ key: String, minimum: Int64 = 0) throws(CostGateError) -> Int64? {
        guard let value = value(key) else { return nil }
        guard let number = value.doubleValue, number == number.rounded(), number >= Double(minimum), number < 9e15 else {
            throw .badPlan(file: file, path: childPath(key), expected: "an integer ≥ \(minimum)", found: value.kindDescription)
        }
        return Int64(number)
    }

    mutating func bool(_ key: String) throws(CostGateError) -> Bool? {
        guard let value = value(key) else { return nil }
        guard let flag = value.boolValue else {
            throw .badPlan(file: file, path: childPath(key), expected: "true or false", found: value.kindDescription)
        }
        return flag
    }

    mutating func object(_ key: String) throws(CostGateError) -> PlanObject? {
        guard let value = value(key) else { return nil }
        return try PlanObject(value, path: childPath(key), file: file)
    }

    mutating func stringMap(_ key: String) throws(CostGateError) -> [String: String] {
        guard var object = try object(key) else { return [:] }
        var result: [String: String] = [:]
        for member in object.members {
            guard let text = try object.string(member.key) else { continue }
            result[member.key] = text
        }
        return result
    }

    /// Throws if the object has a key that was never read.
    func rejectUnknownKeys(_ allowed: [String]? = nil) throws(CostGateError) {
        let known = allowed ?? Array(used)
        for member in members where !known.contains(member.key) {
            throw .unknown("key", member.key, in: "\(file): '\(childPath(member.key))'", known: known.sorted())
        }
    }
}
