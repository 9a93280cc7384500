import Foundation

/// `costgate rightsize`: Find the cheapest GPU fleet that meets latency SLOs.
enum RightsizeCommand: Command {
    static let name = "rightsize"
    static let summary = "Find the cheapest GPU fleet that meets latency SLOs"
    static let help = """
    Usage: costgate rightsize --plan P --route R --slo NAME=MS [--slo …] [options]

    Replay one route of a plan through the serving simulator for each GPU type, tensor-parallel degree
    and replica count, and print the fleets that meet every SLO, cheapest first, with monthly cost and
    p95 latencies; with a token-priced API route, also the break-even monthly volume.

    Options:
      --plan P                 the plan file
      --route R                the route to size
      --slo NAME=MS            objective, NAME one of {ttft,tpot,e2e}_p{50,90,95,99}_ms (repeatable)
      --gpus LIST              GPU ids to try (default H100,A100-80GB,L40S)
      --tp LIST                tensor-parallel degrees to try (default 1,2,4,8)
      --max-replicas N         largest fleet considered (default 64)
      --model HF_ID            model to self-host when the route uses a hosted API
      --format text|markdown|json   output format (default text)

    """

    static func run(_ arguments: [String], context: CommandContext) throws -> ExitCode {
        let flags = try SimFlagReader(arguments, command: name, flags: [
            "plan", "route", "slo", "gpus", "tp", "max-replicas", "model", "format",
        ], switches: [])
        guard let plan = flags.string("plan") else { throw CostGateError.usage("rightsize: --plan is required") }
        guard let route = flags.string("route") else { throw CostGateError.usage("rightsize: --route is required") }
        var slos: [ServiceLevelObjective] = []
        for text in flags.values["slo"] ?? [] { slos.append(try ServiceLevelObjective.parse(text)) }
        guard !slos.isEmpty else { throw CostGateError.usage("rightsize: give at least one --slo, such as --slo ttft_p95_ms=800") }
        var gpus: [GPUSpec] = []
        for id in (flags.string("gpus") ?? "H100,A100-80GB,L40S").split(separator: ",").map(String.init) {
            guard let gpu = GPUCatalog.spec(id) else { throw CostGateError.unknown("GPU", id, in: "--gpus", known: GPUCatalog.ids) }
            gpus.append(gpu)
        }
        var degrees: [Int] = []
        for text in (flags.string("tp") ?? "1,2,4,8").split(separator: ",") {
            guard let tp = Int(text), tp >= 1, tp <= 64 else { throw CostGateError.usage("--tp expects integers such as 1,2,4,8") }
            degrees.append(tp)
        }
        let maxReplicas = try flags.int("max-replicas", min: 1, max: 10_000) ?? 64
        let format = flags.string("format") ?? "text"
        guard ["text", "markdown", "json"].contains(format) else {
            throw CostGateError.unknown("format", format, in: "--format", known: ["text", "markdown", "json"])
        }

        let workload = try PlanWorkload.requests(planPath: context.resolve(plan), route: route, context: context)
        let base: Deployment
        if let modelID = flags.string("model") {
            guard let model = ModelCatalog.model(modelID) else {
                throw CostGateError.unknown("model", modelID, in: "--model", known: ModelCatalog.ids)
            }
            base = Deployment(name: route, model: model, gpu: gpus[0])
        } else if let deployment = workload.deployment {
            base = deployment
        } else {
            throw CostGateError.usage("rightsize: route '\(route)' uses a hosted API; pass --model HF_ID to size a self-hosted fleet")
        }
        if context.showsProgress {
            context.stderr("costgate: simulating \(workload.requests.count) requests on \(gpus.count * degrees.count) GPU × tensor-parallel options…")
        }
        let report = Rightsizer.search(requests: workload.requests, base: base, slos: slos, gpus: gpus,
                                       tensorParallel: degrees, maxReplicas: maxReplicas, monthScale: workload.monthScale,
                                       apiCostPerRequest: workload.apiCostPerRequest)
        if context.showsProgress { context.stderr("\r\u{1B}[K") }
        context.stdout(RightsizeRenderer.render(report, route: route, model: base.model.id, slos: slos, format: format))
        return report.options.isEmpty ? .policyFailure : .success
    }
}
