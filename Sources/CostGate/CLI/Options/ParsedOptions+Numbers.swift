/// Typed values: whole numbers in a range, numbers with a lower bound, lists and `KEY=VALUE` pairs, each error
/// stating the bound that was broken.
extension ParsedOptions {
    /// `--name` as a whole number within `range`, nil when not given.
    func int(_ name: String, in range: ClosedRange<Int>) throws(CostGateError) -> Int? {
        guard let text = value(name) else { return nil }
        return try Self.int(text, option: name, in: range)
    }

    /// `--name` as a comma-separated list of whole numbers within `range` (`1,2,4,8`), nil when not given.
    func intList(_ name: String, in range: ClosedRange<Int>) throws(CostGateError) -> [Int]? {
        guard let items = try list(name) else { return nil }
        var numbers: [Int] = []
        var seen: Set<Int> = []
        for item in items {
            let number = try Self.int(item, option: name, in: range)
            // `1` and `01` are one degree: the text check of `list` does not see it.
            guard seen.insert(number).inserted else { throw .usage("--\(name) lists \(number) twice") }
            numbers.append(number)
        }
        return numbers
    }

    /// `--name` as a comma-separated list (`H100,L40S`), nil when not given. An empty list or item, or an item
    /// given twice, is a usage error: `--gpus ''` left nothing to size (and trapped), `--gpus H100,H100` listed
    /// every H100 fleet twice.
    func list(_ name: String) throws(CostGateError) -> [String]? {
        guard let text = value(name) else { return nil }
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        if items.contains(where: \.isEmpty) {
            throw .usage("--\(name) expects a comma-separated list with no empty item, found \(excerpt(text))")
        }
        var seen: Set<String> = []
        for item in items where !seen.insert(item).inserted {
            throw .usage("--\(name) lists \(excerpt(item)) twice")
        }
        return items
    }

    /// `--name` as a finite number of at least `minimum` (or, with `exclusive`, above it), nil when not given.
    func double(_ name: String, atLeast minimum: Double = 0, exclusive: Bool = false) throws(CostGateError) -> Double? {
        guard let text = value(name) else { return nil }
        guard let number = Double(text), number.isFinite, exclusive ? number > minimum : number >= minimum else {
            let bound = (exclusive ? "greater than " : "of at least ") + Format.decimal(minimum)
            throw .usage("--\(name) expects a number \(bound), found \(excerpt(text))")
        }
        return number
    }

    /// `--name` as a finite number within `range`, nil when not given.
    func double(_ name: String, in range: ClosedRange<Double>) throws(CostGateError) -> Double? {
        guard let text = value(name) else { return nil }
        guard let number = Double(text), number.isFinite, range.contains(number) else {
            throw .usage("--\(name) expects a number from \(Format.decimal(range.lowerBound)) to \(Format.decimal(range.upperBound)), found \(excerpt(text))")
        }
        return number
    }

    /// Every value of a repeatable `--name KEY=NUMBER` option, each number above zero (`--slo ttft_p95_ms=800`).
    func positivePairs(_ name: String, example: String) throws(CostGateError) -> [(key: String, value: Double)] {
        var pairs: [(key: String, value: Double)] = []
        for text in all(name) {
            guard let equals = text.firstIndex(of: "=") else {
                throw .usage("--\(name) expects KEY=VALUE such as \(example), found \(excerpt(text))")
            }
            let key = String(text[..<equals])
            let valueText = String(text[text.index(after: equals)...])
            guard let number = Double(valueText), number.isFinite, number > 0 else {
                throw .usage("--\(name) \(key) expects a number greater than 0, found \(excerpt(valueText))")
            }
            pairs.append((key, number))
        }
        return pairs
    }

    private static func int(_ text: String, option: String, in range: ClosedRange<Int>) throws(CostGateError) -> Int {
        guard let number = Int(text), range.contains(number) else {
            let bound = range.upperBound == Int.max ? "of at least \(range.lowerBound)" : "from \(range.lowerBound) to \(range.upperBound)"
            throw .usage("--\(option) expects a whole number \(bound), found \(excerpt(text))")
        }
        return number
    }
}
