extension SemanticCache {
    /// Parses `routes.<route>.semantic_cache`; nil when absent.
    static func parse(in route: inout PlanObject, key: String) throws(CostGateError) -> SemanticCache? {
        guard var object = try route.object(key) else { return nil }
        let hitRate: HitRate
        guard let value = object.value("hit_rate") else {
            throw object.error(at: "hit_rate", expected: "a hit rate from 0 to 1, or \"measured\"", found: nil)
        }
        if let text = value.stringValue {
            guard text == "measured" else {
                throw .unknown("hit rate", text, in: "\(object.file): '\(object.childPath("hit_rate"))'", known: ["measured"])
            }
            hitRate = .measured(ttlSeconds: try object.number("ttl_s", in: 0.001...31_536_000, as: "a time to live in seconds"))
        } else {
            guard let fraction = try RouteRouter.fraction(in: &object, key: "hit_rate", what: "a hit rate") else {
                throw object.error(at: "hit_rate", expected: "a hit rate", found: nil)
            }
            if object.value("ttl_s") != nil {
                throw object.error(at: "ttl_s", expected: "no ttl_s with a fixed hit_rate (it applies to \"measured\")", found: nil)
            }
            hitRate = .fixed(fraction)
        }
        guard var embedding = try object.object("embedding") else {
            throw object.error(at: "embedding", expected: "an embedding section with the model every request is embedded with", found: nil)
        }
        guard let model = try embedding.string("model") else {
            throw embedding.error(at: "model", expected: "the embedding model's id", found: nil)
        }
        try embedding.rejectUnknownKeys()
        var price = 0.0
        if var store = try object.object("store") {
            price = try store.number("price_per_hour", in: 0...1_000_000, as: "a price in USD per hour") ?? 0
            try store.rejectUnknownKeys()
        }
        let latency = try object.number("hit_latency_ms", in: 0...86_400_000, as: "a latency in milliseconds")
        try object.rejectUnknownKeys()
        return SemanticCache(hitRate: hitRate, embeddingModel: model, storePricePerHour: price, hitLatencyMs: latency)
    }
}
