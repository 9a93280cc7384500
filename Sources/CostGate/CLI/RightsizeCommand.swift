/// `costgate rightsize`: Find the cheapest GPU fleet that meets latency SLOs.
enum RightsizeCommand: Command {
    static let name = "rightsize"
    static let summary = "Find the cheapest GPU fleet that meets latency SLOs"

    static let options = OptionTable(command: name, options: [
        .value("plan", "P", help: "the plan file"),
        .value("route", "R", help: "the route to size"),
        .repeatable("slo", "NAME=MS", help: "objective, NAME one of {ttft,tpot,e2e}_p{50,90,95,99}_ms (repeatable)"),
        .value("gpus", "LIST", help: "GPU ids to try (default H100,A100-80GB,L40S)"),
        .value("tp", "LIST", help: "tensor-parallel degrees to try (default 1,2,4,8)"),
        .value("max-replicas", "N", help: "largest fleet considered (default 64)"),
        .value("model", "HF_ID", help: "model to self-host when the route uses a hosted API"),
        .format(Renderers.rightsize, placeholder: nil, help: "output format (default text)"),
    ], helpColumn: 27)

    static let help = options.help("""
    Usage: costgate rightsize --plan P --route R --slo NAME=MS [--slo …] [options]

    Replay one route of a plan through the serving simulator for each GPU type, tensor-parallel degree
    and replica count, and print the fleets that meet every SLO, cheapest first, with monthly cost and
    p95 latencies; with a token-priced API route, also the break-even monthly volume.

    """)

    static func run(_ arguments: [String], context: CommandContext) throws -> ExitCode {
        let flags = try options.parse(arguments)
        let renderer = try flags.renderer(in: Renderers.rightsize)
        guard let plan = flags.value("plan") else { throw CostGateError.usage("--plan is required") }
        guard let route = flags.value("route") else { throw CostGateError.usage("--route is required") }
        var slos: [ServiceLevelObjective] = []
        for (name, limit) in try flags.positivePairs("slo", example: "ttft_p95_ms=800") {
            let slo = try ServiceLevelObjective(named: name, limitMs: limit)
            if slos.contains(where: { $0.name == slo.name }) { throw CostGateError.usage("--slo gives \(slo.name) twice") }
            slos.append(slo)
        }
        guard !slos.isEmpty else { throw CostGateError.usage("give at least one --slo, such as --slo ttft_p95_ms=800") }
        var gpus: [GPUSpec] = []
        for id in try flags.list("gpus") ?? ["H100", "A100-80GB", "L40S"] {
            guard let gpu = GPUCatalog.spec(id) else { throw CostGateError.unknown("GPU", id, in: "--gpus", known: GPUCatalog.ids) }
            // Two spellings of one GPU (`H100`, `h100`) would size it twice.
            if gpus.contains(where: { $0.id == gpu.id }) { throw CostGateError.usage("--gpus names \(gpu.id) twice") }
            gpus.append(gpu)
        }
        var degrees = try flags.intList("tp", in: 1...64) ?? [1, 2, 4, 8]
        let maxReplicas = try flags.int("max-replicas", in: 1...10_000) ?? 64

        let workload = try PlanWorkload.requests(planPath: plan, route: route, currentDirectory: context.currentDirectory,
                                                 progress: context.progress)
        let base: Deployment
        if let modelID = flags.value("model") {
            guard let model = ModelCatalog.model(modelID) else {
                throw CostGateError.unknown("model", modelID, in: "--model", known: ModelCatalog.ids)
            }
            base = Deployment(name: route, model: model, gpu: gpus[0])
        } else if let deployment = workload.deployment {
            base = deployment
        } else {
            throw CostGateError.usage("route '\(route)' uses a hosted API; pass --model HF_ID to size a self-hosted fleet")
        }
        if base.kind == .service {
            // Service times were measured on the deployment's own GPU and replica size: only the replica count varies.
            gpus = [base.gpu]
            degrees = [base.gpusPerReplica]
        }
        context.progress?("costgate: simulating \(workload.requests.count) requests on \(gpus.count * degrees.count) GPU × tensor-parallel options…")
        let report = Rightsizer.search(requests: workload.requests, base: base, slos: slos, gpus: gpus,
                                       tensorParallel: degrees, maxReplicas: maxReplicas, monthScale: workload.monthScale,
                                       apiCostPerRequest: workload.apiCostPerRequest)
        context.progress?("")
        context.stdout(renderer.document(RightsizeListing(report: report, route: route, model: base.model.id, slos: slos)))
        return report.options.isEmpty ? .policyFailure : .success
    }
}
