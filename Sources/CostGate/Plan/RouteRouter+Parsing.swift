extension RouteRouter {
    /// Parses `routes.<route>.router`, checking shares, rules, escalation targets and cycles; nil when absent.
    static func parse(in route: inout PlanObject, key: String) throws(CostGateError) -> RouteRouter? {
        guard var object = try route.object(key) else { return nil }
        var classifier: Classifier?
        if var entry = try object.object("classifier") {
            guard let model = try entry.string("model") else {
                throw entry.error(at: "model", expected: "the classifier's model id", found: nil)
            }
            let prompt = try entry.integer("prompt_tokens", in: 0...1_000_000_000, as: "a number of tokens") ?? 0
            let output = try entry.integer("output_tokens", in: 0...1_000_000_000, as: "a number of tokens") ?? 0
            try entry.rejectUnknownKeys()
            classifier = Classifier(model: model, promptTokens: prompt, outputTokens: output)
        }
        guard let list = object.value("tiers") else {
            throw object.error(at: "tiers", expected: "a list of tiers", found: nil)
        }
        guard let elements = list.arrayValue, !elements.isEmpty else {
            throw object.error(at: "tiers", expected: "a non-empty list of tiers", found: list.kindDescription)
        }
        let tiersPath = object.childPath("tiers")
        // Names first, so an escalation can name a tier that comes later.
        var names: [String] = []
        for (index, element) in elements.enumerated() {
            var tier = try PlanObject(element, path: "\(tiersPath)[\(index)]", file: object.file)
            guard let name = try tier.string("name") else {
                throw tier.error(at: "name", expected: "the tier's name", found: nil)
            }
            if names.contains(name) {
                throw tier.error(at: "name", expected: "a name no other tier of this router has", found: "'\(name)'")
            }
            names.append(name)
        }
        var tiers: [Tier] = []
        var escalationRates: [ExactFraction?] = []
        for (index, element) in elements.enumerated() {
            var tier = try PlanObject(element, path: "\(tiersPath)[\(index)]", file: object.file)
            _ = tier.value("name")
            guard let model = try tier.string("model") else {
                throw tier.error(at: "model", expected: "the tier's model id", found: nil)
            }
            let share = try fraction(in: &tier, key: "share", what: "a share")
            let rules = try parseRules(in: &tier)
            var escalation: Escalation?
            if var entry = try tier.object("escalate") {
                guard let target = try entry.string("to") else {
                    throw entry.error(at: "to", expected: "the name of the tier to escalate to", found: nil)
                }
                guard let targetIndex = names.firstIndex(of: target) else {
                    throw .unknown("tier", target, in: "\(object.file): '\(entry.childPath("to"))'", known: names)
                }
                guard targetIndex != index else {
                    throw entry.error(at: "to", expected: "another tier than the one escalating", found: "'\(target)'")
                }
                guard let rate = try fraction(in: &entry, key: "rate", what: "an escalation rate") else {
                    throw entry.error(at: "rate", expected: "the share of the tier's requests that escalate, from 0 to 1", found: nil)
                }
                try entry.rejectUnknownKeys()
                escalation = Escalation(target: targetIndex, rate: rate)
            }
            try tier.rejectUnknownKeys()
            if share == nil, rules.isEmpty {
                throw .badPlan(file: object.file, path: tier.path, expected: "a share, a when rule, or both", found: nil)
            }
            tiers.append(Tier(name: names[index], model: model, share: share, rules: rules, escalation: escalation))
            escalationRates.append(escalation?.rate)
        }
        try object.rejectUnknownKeys()
        // Shares split what no rule took, so they must account for all of it, exactly as decimals.
        let shared = tiers.compactMap(\.share)
        guard !shared.isEmpty else {
            throw .badPlan(file: object.file, path: tiersPath, expected: "at least one tier with a share (it takes the records no rule matches)", found: nil)
        }
        var sum = ExactFraction.zero
        for share in shared { sum = sum.plus(share) ?? sum }
        guard sum == .one else {
            throw .badPlan(file: object.file, path: tiersPath, expected: "shares that sum to exactly 1",
                           found: shared.map(\.text).joined(separator: " + ") + " = " + sum.text)
        }
        for start in tiers.indices {
            var seen: [Int] = [start]
            var current = start
            while let next = tiers[current].escalation?.target {
                if seen.contains(next) {
                    let cycle = (seen.drop { $0 != next } + [next]).map { tiers[$0].name }.joined(separator: " → ")
                    throw .badPlan(file: object.file, path: "\(tiersPath)[\(current)].escalate.to", expected: "escalations without a cycle", found: cycle)
                }
                seen.append(next)
                current = next
            }
        }
        return RouteRouter(classifier: classifier, tiers: tiers)
    }

    /// A share from 0 to 1 with at most six decimals, held exactly.
    static func fraction(in object: inout PlanObject, key: String, what: String) throws(CostGateError) -> ExactFraction? {
        guard let value = object.value(key) else { return nil }
        guard case .number(_, let text) = value, let fraction = ExactFraction(text: text) else {
            throw object.error(at: key, expected: PlanObject.rangeText(what, "0", "1", note: "at most six decimals"), found: value.kindDescription)
        }
        return fraction
    }

    /// Parses `when`: numeric fields with `lt`, `le`, `gt`, `ge`, `eq`; any other key is a tag.
    private static func parseRules(in tier: inout PlanObject) throws(CostGateError) -> [Rule] {
        guard var object = try tier.object("when") else { return [] }
        var rules: [Rule] = []
        for member in object.members {
            let path = object.childPath(member.key)
            if let field = NumericField(rawValue: member.key) {
                var bounds = try PlanObject(member.value, path: path, file: object.file)
                for bound in bounds.members {
                    guard let comparison = Comparison(rawValue: bound.key) else {
                        throw .unknown("comparison", bound.key, in: "\(object.file): '\(bounds.childPath(bound.key))'",
                                       known: Comparison.allCases.map(\.rawValue))
                    }
                    guard let limit = try bounds.number(bound.key) else {
                        throw bounds.error(at: bound.key, expected: "a finite number", found: "null")
                    }
                    rules.append(.field(field, comparison, limit))
                }
                if bounds.members.isEmpty {
                    throw .badPlan(file: object.file, path: path, expected: "at least one of lt, le, gt, ge, eq", found: "{}")
                }
                _ = object.value(member.key)
            } else if let list = member.value.arrayValue {
                var values: [String] = []
                for (index, element) in list.enumerated() {
                    guard let text = element.stringValue, !text.isEmpty else {
                        throw .badPlan(file: object.file, path: "\(path)[\(index)]", expected: "a tag value (a non-empty string)", found: element.kindDescription)
                    }
                    values.append(text)
                }
                guard !values.isEmpty else {
                    throw .badPlan(file: object.file, path: path, expected: "a non-empty list of tag values", found: "[]")
                }
                _ = object.value(member.key)
                rules.append(.tag(key: member.key, values: values))
            } else {
                guard let text = member.value.stringValue, !text.isEmpty else {
                    throw .badPlan(file: object.file, path: path,
                                   expected: "a tag value or list of values, or (for \(NumericField.allCases.map(\.rawValue).joined(separator: ", "))) an object of comparisons",
                                   found: member.value.kindDescription)
                }
                _ = object.value(member.key)
                rules.append(.tag(key: member.key, values: [text]))
            }
        }
        if object.members.isEmpty {
            throw .badPlan(file: object.file, path: object.path, expected: "at least one rule", found: "{}")
        }
        return rules
    }
}
