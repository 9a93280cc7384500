/// A parsed JSON document, kept in source order so plans patch, validate and print deterministically.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number with the text it was written as, so prices keep every digit the user wrote.
    case number(Double, text: String)
    case string(String)
    case array([JSONValue])
    /// An object as ordered key/value pairs (keys are unique; the parser rejects duplicates).
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a, _), .number(let b, _)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// Creates a number value from a double.
    public static func number(_ value: Double) -> JSONValue {
        .number(value, text: Format.decimal(value))
    }

    /// The member named `key`, if this is an object that has one.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The object's members, or nil.
    public var objectMembers: [(key: String, value: JSONValue)]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The string, or nil.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The number, or nil.
    public var doubleValue: Double? {
        if case .number(let value, _) = self { return value }
        return nil
    }

    /// The boolean, or nil.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The array, or nil.
    public var arrayValue: [JSONValue]? {
        if case .array(let values) = self { return values }
        return nil
    }

    /// A short description of the value's kind and content, for error messages.
    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return "\(value)"
        // As written, cut like a string: a 400-digit number in a plan is not echoed whole.
        case .number(_, let text): return "number " + (text.count > 40 ? text.prefix(40) + "…" : text)
        case .string(let text): return "string \(excerpt(text))"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// Returns a copy with `value` stored at the dotted `path`, creating objects on the way. In a list, a segment of
    /// digits names the entry at that index (`policies.0.max`); `PlanLoader.patched` rejects any other.
    public func setting(_ path: [String], to value: JSONValue) -> JSONValue {
        guard let head = path.first else { return value }
        let rest = Array(path.dropFirst())
        if case .array(var elements) = self, let index = Self.listIndex(head), elements.indices.contains(index) {
            elements[index] = elements[index].setting(rest, to: value)
            return .array(elements)
        }
        var members = objectMembers ?? []
        if let index = members.firstIndex(where: { $0.key == head }) {
            members[index].value = members[index].value.setting(rest, to: value)
        } else {
            members.append((head, JSONValue.object([]).setting(rest, to: value)))
        }
        return .object(members)
    }

    /// The index a path segment of ASCII digits names (`0`, `12`), nil for any other segment.
    static func listIndex(_ segment: String) -> Int? {
        guard !segment.isEmpty, segment.utf8.count <= 9, segment.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int(segment)
    }
}
