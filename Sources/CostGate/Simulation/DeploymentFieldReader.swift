/// Reads typed members of one plan object, producing `badPlan` errors with full JSON paths.
struct DeploymentFieldReader {
    var file: String
    var base: String
    var value: JSONValue?

    func nested(_ key: String) -> DeploymentFieldReader { DeploymentFieldReader(file: file, base: base + "." + key, value: value?[key]) }

    func string(_ key: String) throws(CostGateError) -> String? {
        guard let field = value?[key], field != .null else { return nil }
        guard let text = field.stringValue, !text.isEmpty else {
            throw .badPlan(file: file, path: base + "." + key, expected: "a non-empty string", found: field.kindDescription)
        }
        return text
    }

    func number(_ key: String, min: Double, max: Double) throws(CostGateError) -> Double? {
        guard let field = value?[key], field != .null else { return nil }
        guard let number = field.doubleValue, number.isFinite, number >= min, number <= max else {
            throw .badPlan(file: file, path: base + "." + key, expected: "a number from \(fmt(min)) to \(fmt(max))",
                           found: field.kindDescription)
        }
        return number
    }

    func int(_ key: String, min: Int, max: Int) throws(CostGateError) -> Int? {
        guard let field = value?[key], field != .null else { return nil }
        guard let number = field.doubleValue, number == number.rounded(), number >= Double(min), number <= Double(max) else {
            throw .badPlan(file: file, path: base + "." + key, expected: "an integer from \(min) to \(max)",
                           found: field.kindDescription)
        }
        return Int(number)
    }

    func bool(_ key: String) throws(CostGateError) -> Bool? {
        guard let field = value?[key], field != .null else { return nil }
        guard let flag = field.boolValue else {
            throw .badPlan(file: file, path: base + "." + key, expected: "true or false", found: field.kindDescription)
        }
        return flag
    }

    func checkKeys(_ known: [String]) throws(CostGateError) {
        for member in value?.objectMembers ?? [] where !known.contains(member.key) {
            throw .unknown("key", member.key, in: "\(file): '\(base)'", known: known)
        }
    }

    private func fmt(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x) }
}
