extension LoadedPlan {
    /// The plan with `basePrices` built from the price files it names, top first: `prices.files` (negotiated rates
    /// in the plan's `models` syntax), the plan's LiteLLM copy (which replaces the bundled snapshot), the built-in
    /// rows, then the bundled snapshot when the plan names no copy. A plan that names no file keeps
    /// `PriceCatalog.standard`.
    public func resolvingPrices() throws(CostGateError) -> LoadedPlan {
        let settings = plan.prices
        guard settings.namesFiles else { return self }
        var catalog = PriceCatalog([])
        for path in settings.files {
            let (data, display) = try readFile(path)
            var bytes = [UInt8](data)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            let json = try JSONParser.parse(bytes, file: display)
            guard let members = json.objectMembers else {
                throw .badPlan(file: display, path: "", expected: "an object of models (the plan's 'models' syntax)", found: json.kindDescription)
            }
            var rows: [ModelPrice] = []
            for member in members {
                var row = try PlanParser.parseModel(member.value, id: member.key, path: member.key, file: display)
                row.date = "price file"
                row.source = display
                rows.append(row)
            }
            catalog.addBeneath(rows.map { ($0, true) })
        }
        if let path = settings.litellm {
            let (data, display) = try readFile(path)
            catalog.addBeneath(try LiteLLMPriceMap.parse([UInt8](data), file: display, version: "unknown", date: "unknown", origin: display))
        }
        catalog.addBeneath(PriceCatalog.builtIn.models.map { ($0, true) })
        if settings.litellm == nil { catalog.addBeneath(LiteLLMPriceMap.bundled) }
        var copy = self
        copy.plan.basePrices = catalog
        return copy
    }
}
