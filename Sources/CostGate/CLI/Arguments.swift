/// A small, strict option scanner: `--name value`, `--name=value`, flags, and positional arguments.
struct Arguments {
    private(set) var values: [String: [String]] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positional: [String] = []

    /// Scans `arguments` for a command that takes the options in `valued` and the flags in `flagNames`.
    init(_ arguments: [String], command: String, valued: [String], flags flagNames: [String]) throws(CostGateError) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                positional += arguments[index...]
                break
            }
            guard argument.hasPrefix("--"), argument.count > 2 else {
                positional.append(argument)
                continue
            }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if flagNames.contains(name) {
                guard inlineValue == nil else { throw .usage("--\(name) takes no value") }
                flags.insert(name)
            } else if valued.contains(name) {
                if let inlineValue {
                    values[name, default: []].append(inlineValue)
                } else {
                    guard index < arguments.count else { throw .usage("--\(name) needs a value") }
                    values[name, default: []].append(arguments[index])
                    index += 1
                }
            } else {
                throw .unknown("option", "--" + name, in: "costgate \(command)", known: (valued + flagNames).map { "--" + $0 })
            }
        }
    }

    /// The last value of `--name`.
    func value(_ name: String) -> String? { values[name]?.last }

    /// Every value of a repeatable option.
    func all(_ name: String) -> [String] { values[name] ?? [] }

    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The report format, checked against the allowed ones.
    func format<F: RawRepresentable & CaseIterable>(_ type: F.Type, default fallback: F) throws(CostGateError) -> F where F.RawValue == String {
        guard let name = value("format") else { return fallback }
        guard let format = F(rawValue: name) else {
            throw .unknown("format", name, in: "--format", known: F.allCases.map(\.rawValue))
        }
        return format
    }
}
