/// Splits `--flag value` / `--flag=value` / `--switch` arguments for the simulator commands.
struct SimFlagReader {
    private(set) var values: [String: [String]] = [:]
    private(set) var switches: Set<String> = []

    /// Reads `arguments`, accepting only the named flags (which take a value) and switches (which do not).
    init(_ arguments: [String], command: String, flags: [String], switches known: [String]) throws(CostGateError) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("--") else {
                throw .usage("\(command): unexpected argument \(excerpt(argument)); see 'costgate \(command) --help'")
            }
            var name = String(argument.dropFirst(2))
            var inline: String?
            if let equals = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if known.contains(name), inline == nil {
                switches.insert(name)
            } else if flags.contains(name) {
                if let inline {
                    values[name, default: []].append(inline)
                } else {
                    guard index + 1 < arguments.count else { throw .usage("\(command): --\(name) needs a value") }
                    index += 1
                    values[name, default: []].append(arguments[index])
                }
            } else {
                throw .unknown("option", "--" + name, in: "costgate \(command)", known: (flags + known).map { "--" + $0 })
            }
            index += 1
        }
    }

    func string(_ name: String) -> String? { values[name]?.last }

    func int(_ name: String, min: Int = 0, max: Int = Int.max) throws(CostGateError) -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text), value >= min, value <= max else {
            throw .usage("--\(name) expects an integer from \(min) to \(max), found \(excerpt(text))")
        }
        return value
    }

    func double(_ name: String, min: Double = 0) throws(CostGateError) -> Double? {
        guard let text = string(name) else { return nil }
        guard let value = Double(text), value.isFinite, value >= min else {
            throw .usage("--\(name) expects a number of at least \(min), found \(excerpt(text))")
        }
        return value
    }
}
