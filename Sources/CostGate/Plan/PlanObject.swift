import Foundation

/// Reads one JSON object of a plan strictly; the one reader every plan section goes through.
///
/// Its rules hold for every field: strings are non-empty, numbers are finite and inside a range the message
/// states with both bounds, names outside a fixed set get "did you mean", and every error names the file and
/// the value's JSON path (`deployments.llama8b.engine.max_num_seqs`). A final `rejectUnknownKeys` refuses keys
/// nobody asked for, so a typo is an error rather than a silently ignored setting.
struct PlanObject {
    let members: [(key: String, value: JSONValue)]
    let path: String
    let file: String
    private(set) var used: Set<String> = []

    /// The largest integer a JSON number holds exactly (2^53): the upper bound of counts with no natural limit.
    static let largestInteger: Int64 = 9_007_199_254_740_992

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

    /// A `badPlan` error at `key` (or at this object when nil), for checks that span several fields.
    func error(at key: String?, expected: String, found: String?) -> CostGateError {
        .badPlan(file: file, path: key.map(childPath) ?? path, expected: expected, found: found)
    }

    /// The raw value of `key`, nil when absent or null; marks the key as known.
    mutating func value(_ key: String) -> JSONValue? {
        used.insert(key)
        guard let value = members.first(where: { $0.key == key })?.value else { return nil }
        if case .null = value { return nil }
        return value
    }

    /// A non-empty string.
    mutating func string(_ key: String) throws(CostGateError) -> String? {
        guard let value = value(key) else { return nil }
        guard let text = value.stringValue, !text.isEmpty else {
            throw error(at: key, expected: "a non-empty string", found: value.kindDescription)
        }
        return text
    }

    /// A finite number in `range`; `what` names it in the message ("a sample rate from 0.000000001 to 1").
    mutating func number(_ key: String, in range: ClosedRange<Double>, as what: String = "a number",
                         note: String? = nil) throws(CostGateError) -> Double? {
        guard let value = value(key) else { return nil }
        guard let number = value.doubleValue, number.isFinite, range.contains(number) else {
            throw error(at: key, expected: Self.rangeText(what, Self.format(range.lowerBound), Self.format(range.upperBound), note: note),
                        found: value.kindDescription)
        }
        return number
    }

    /// A finite number with no natural bounds (a policy limit can be any amount, negative deltas included).
    mutating func number(_ key: String) throws(CostGateError) -> Double? {
        guard let value = value(key) else { return nil }
        guard let number = value.doubleValue, number.isFinite else {
            throw error(at: key, expected: "a finite number", found: value.kindDescription)
        }
        return number
    }

    /// A whole number in `range`.
    mutating func integer(_ key: String, in range: ClosedRange<Int64>, as what: String = "an integer",
                          note: String? = nil) throws(CostGateError) -> Int64? {
        guard let value = value(key) else { return nil }
        guard let number = value.doubleValue, number.isFinite, number == number.rounded(),
              number >= Double(range.lowerBound), number <= Double(range.upperBound) else {
            throw error(at: key, expected: Self.rangeText(what, String(range.lowerBound), String(range.upperBound), note: note),
                        found: value.kindDescription)
        }
        return Int64(number)
    }

    /// A whole number in `range`, as `Int`.
    mutating func int(_ key: String, in range: ClosedRange<Int>, as what: String = "an integer") throws(CostGateError) -> Int? {
        try integer(key, in: Int64(range.lowerBound)...Int64(range.upperBound), as: what).map { Int($0) }
    }

    mutating func bool(_ key: String) throws(CostGateError) -> Bool? {
        guard let value = value(key) else { return nil }
        guard let flag = value.boolValue else {
            throw error(at: key, expected: "true or false", found: value.kindDescription)
        }
        return flag
    }

    /// One of a fixed set of names (case-insensitive), mapped to its value; "did you mean" otherwise.
    mutating func choice<T>(_ key: String, kind: String, _ options: KeyValuePairs<String, T>) throws(CostGateError) -> T? {
        guard let text = try string(key) else { return nil }
        guard let match = options.first(where: { $0.key.lowercased() == text.lowercased() }) else {
            throw .unknown(kind, text, in: "\(file): '\(childPath(key))'", known: options.map(\.key))
        }
        return match.value
    }

    /// One of an enumeration's raw values (exact), with "did you mean" otherwise.
    mutating func choice<T: RawRepresentable & CaseIterable>(_ key: String, kind: String, as type: T.Type = T.self)
        throws(CostGateError) -> T? where T.RawValue == String
    {
        guard let text = try string(key) else { return nil }
        guard let parsed = T(rawValue: text) else {
            throw .unknown(kind, text, in: "\(file): '\(childPath(key))'", known: T.allCases.map(\.rawValue))
        }
        return parsed
    }

    mutating func object(_ key: String) throws(CostGateError) -> PlanObject? {
        guard let value = value(key) else { return nil }
        return try PlanObject(value, path: childPath(key), file: file)
    }

    /// An object whose values are all non-empty strings.
    mutating func stringMap(_ key: String) throws(CostGateError) -> [String: String] {
        guard var object = try object(key) else { return [:] }
        var result: [String: String] = [:]
        for member in object.members {
            guard let text = try object.string(member.key) else { continue }
            result[member.key] = text
        }
        return result
    }

    /// Throws if the object has a key that was never read (or, when given, is not in `allowed`).
    func rejectUnknownKeys(_ allowed: [String]? = nil) throws(CostGateError) {
        let known = allowed ?? Array(used)
        for member in members where !known.contains(member.key) {
            throw .unknown("key", member.key, in: "\(file): '\(childPath(member.key))'", known: known.sorted())
        }
    }

    /// "`what` from `low` to `high` (`note`)": every range message has this one shape.
    static func rangeText(_ what: String, _ low: String, _ high: String, note: String?) -> String {
        "\(what) from \(low) to \(high)" + (note.map { " (\($0))" } ?? "")
    }

    /// A bound as plain decimal digits (no exponent, no locale), so `1e-9` reads `0.000000001`.
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let text = String(value)
        guard text.contains("e") else { return text }
        var fixed = String(format: "%.15f", value)
        while fixed.hasSuffix("0") { fixed.removeLast() }
        return fixed
    }
}
