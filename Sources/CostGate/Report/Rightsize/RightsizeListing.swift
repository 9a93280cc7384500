/// What `costgate rightsize` prints: the fleets that meet the SLOs for one route, and those that cannot.
public struct RightsizeListing: Sendable {
    /// The search's result.
    public var report: Rightsizer.Report
    /// The route sized.
    public var route: String
    /// The model served.
    public var model: String
    /// The objectives every fleet had to meet.
    public var slos: [ServiceLevelObjective]

    /// Creates a listing.
    public init(report: Rightsizer.Report, route: String, model: String, slos: [ServiceLevelObjective]) {
        self.report = report
        self.route = route
        self.model = model
        self.slos = slos
    }

    /// The options table's header, shared by text and Markdown.
    static let header = ["GPU", "TP", "replicas", "monthly cost", "GPU-h/month", "util", "TTFT p95", "TPOT p95", "E2E p95"]

    /// The options table's rows, cheapest first.
    var rows: [[String]] {
        report.options.map { option in
            [option.deployment.gpu.id, "\(option.deployment.tensorParallel)", Self.replicas(option.deployment.replicas),
             Format.money(option.monthlyCost), Format.count(option.monthlyGPUHours), Format.wholePercent(option.utilization),
             Format.milliseconds(option.ttft.p95), Format.milliseconds(option.tpot.p95), Format.milliseconds(option.e2e.p95)]
        }
    }

    /// "SLOs: ttft_p95_ms ≤ 500.0".
    var objectives: String { "SLOs: " + slos.map(\.description).joined(separator: ", ") }

    /// The break-even sentence against the hosted API, when the route has one.
    var breakEven: String? {
        guard let b = report.breakEven else { return nil }
        let cheaper = b.apiMonthlyCost < b.fleetMonthlyCost ? "the API is cheaper" : "self-hosting is cheaper"
        return "Break-even vs the hosted API (\(Format.unitCost(b.apiCostPerRequest))/request): "
            + "\(Format.count(b.breakEvenMonthlyRequests)) requests/month; at the forecast "
            + "\(Format.count(b.monthlyRequests)) requests/month the API costs \(Format.money(b.apiMonthlyCost)) "
            + "vs \(Format.money(b.fleetMonthlyCost)) for the cheapest fleet: \(cheaper)."
    }

    private static func replicas(_ policy: ReplicaPolicy) -> String {
        switch policy {
        case .fixed(let n): return "\(n)"
        case .autoscale(let p): return "\(p.min)–\(p.max) auto"
        }
    }
}
