extension RouteConfig {
    /// Whether the route has a router or a semantic cache, priced by `ArchitectureReplayer`.
    public var hasArchitecture: Bool { router != nil || semanticCache != nil }

    /// Refuses combinations the architecture pricing does not define: a router beside a route model or a
    /// self-hosted deployment, and a semantic cache in front of a deployment (billed as GPU time, not calls).
    func checkArchitecture(path: String, file: String) throws(CostGateError) {
        if router != nil, model != nil {
            throw .badPlan(file: file, path: path + ".model", expected: "no model on a route with a router (each tier names its model)", found: model)
        }
        if hasArchitecture, let deployment {
            throw .badPlan(file: file, path: path + ".deployment", expected: "no deployment on a route with a router or semantic_cache (tiers and caches are priced per call)",
                           found: deployment)
        }
    }
}
