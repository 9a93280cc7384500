import Testing
@testable import CostGate
import CostGateTestSupport

/// The GPU-service simulator (`"kind": "service"`): a first-come-first-served queue, batches that take their
/// slowest member's time, no batching delay, and the autoscaler on it.
@Suite struct ServiceLoopTests {
    static func service(batch: Int = 1, replicas: ReplicaPolicy = .fixed(1)) throws -> Deployment {
        let text = "{\"kind\": \"service\", \"model\": \"acme/tagger\", \"instance\": \"aws/g5.xlarge\", \"batch_size\": \(batch)}"
        var deployment = try Deployment.parse(JSONParser.parse(Array(text.utf8), file: "plan.json"), name: "tagger", file: "plan.json")
        deployment.replicas = replicas
        return deployment
    }

    static func request(_ arrival: Double, _ ms: Double) -> SimRequest {
        SimRequest(arrival: arrival, inputTokens: 1, outputTokens: 1, serviceMs: ms)
    }

    @Test func oneAtATimeQueuesInArrivalOrder() throws {
        let result = ServingSimulator.run([Self.request(0, 100), Self.request(0, 100), Self.request(0, 100)], deployment: try Self.service())
        #expect(result.e2eMs.map { ($0 * 1e6).rounded() / 1e6 } == [100, 200, 300])
        #expect(result.ttftMs.map { ($0 * 1e6).rounded() / 1e6 } == [100, 200, 300])
        let noTPOT = result.tpotMs.allSatisfy { $0.isNaN }
        #expect(noTPOT)
        #expect(abs(result.span - 0.3) < 1e-12)
        #expect(result.fleet.utilization == 1)
        // aws/g5.xlarge: one A10G at $1.006 an hour, billed for the span.
        #expect(abs(result.fleet.cost - 0.3 / 3600 * 1.006) < 1e-15)
    }

    @Test func aBatchTakesItsSlowestMemberAndNeverWaitsToFill() throws {
        // The first request finds the replica idle and starts alone; the next two then go together.
        let requests = [Self.request(0, 100), Self.request(0, 300), Self.request(0, 50)]
        let result = ServingSimulator.run(requests, deployment: try Self.service(batch: 2))
        #expect(result.e2eMs.map { ($0 * 1e6).rounded() / 1e6 } == [100, 400, 400])
        #expect(abs(result.fleet.meanBatchSize - (0.1 * 1 + 0.3 * 2) / 0.4) < 1e-12)
        // Busy time is split over a batch's members.
        #expect(abs(result.gpuSeconds[1] - 0.15) < 1e-12 && abs(result.gpuSeconds[0] - 0.1) < 1e-12)
    }

    @Test func requestsWithoutServiceTimesAreRejected() throws {
        let result = ServingSimulator.run([Self.request(0, 0), Self.request(1, 10)], deployment: try Self.service())
        #expect(result.rejected == 1)
        #expect(result.e2eMs[0].isNaN && abs(result.e2eMs[1] - 10) < 1e-9)
    }

    /// Saturating load: utilisation is 1 from the start, so the first replica is added once a whole
    /// 60-second window has been observed (the evaluation at 60 s), and it serves after its 30 s cold start.
    @Test func theUtilisationRuleWaitsForItsWindow() throws {
        let policy = AutoscalePolicy(min: 1, max: 3, metric: .gpuUtilization, scaleUpAt: 0.7, scaleDownAt: 0.3, cooldown: 0, coldStart: 30)
        var windowed = policy
        windowed.scaleUpFor = 60
        windowed.scaleDownFor = 600
        let requests = (0..<3000).map { Self.request(Double($0) * 0.05, 100) }   // 20/s against 10/s per replica
        let result = ServingSimulator.run(requests, deployment: try Self.service(replicas: .autoscale(windowed)))
        let firstAdd = try #require(result.fleet.replicaTimeline.first { $0.replicas == 2 })
        #expect(firstAdd.t == 60)
        let secondAdd = try #require(result.fleet.replicaTimeline.first { $0.replicas == 3 })
        #expect(secondAdd.t >= 120)
        // Without the hold the same load adds a replica at the first evaluation (15 s).
        let eager = ServingSimulator.run(requests, deployment: try Self.service(replicas: .autoscale(policy)))
        #expect(eager.fleet.replicaTimeline.first { $0.replicas == 2 }?.t == 15)
    }

    @Test func serviceTimeDistributions() throws {
        let lognormal = ServiceModel(times: .lognormal(p50: 150, p95: 300))
        #expect(abs(lognormal.serviceMs(recorded: .nan, unit: 0.5) - 150) < 1e-9)
        #expect(abs(lognormal.serviceMs(recorded: .nan, unit: 0.95) - 300) / 300 < 1e-8)
        let list = ServiceModel(times: .list([10, 20, 30, 40]))
        #expect(list.serviceMs(recorded: .nan, unit: 0) == 10 && list.serviceMs(recorded: .nan, unit: 0.74) == 30)
        #expect(ServiceModel().serviceMs(recorded: 42, unit: 0.3) == 42)
    }

    @Test func servicePlanErrorsNameThePath() throws {
        func message(_ text: String) -> String {
            do {
                _ = try Deployment.parse(JSONParser.parse(Array(text.utf8), file: "plan.json"), name: "s", file: "plan.json")
                return ""
            } catch {
                return "\(error)"
            }
        }
        let head = "\"kind\": \"service\", \"instance\": \"aws/g5.xlarge\""
        #expect(message("{\(head), \"engine\": {}}").contains("'deployments.s.engine'"))
        #expect(message("{\(head), \"service_time_ms\": {\"p50\": 200, \"p95\": 100}}").contains("'deployments.s.service_time_ms.p95': expected at least p50 (200)"))
        #expect(message("{\(head), \"service_time_ms\": [10, -1]}").contains("'deployments.s.service_time_ms[1]'"))
        #expect(message("{\(head), \"batch_size\": 0}").contains("'deployments.s.batch_size': expected a batch size from 1 to 4096"))
        #expect(message("{\"kind\": \"servce\", \"gpu\": \"A10G\"}").contains("did you mean"))
        #expect(message("{\(head), \"replicas\": {\"min\": 1, \"max\": 2, \"metric\": \"gpu_utilization\", \"scale_up_at\": 70}}")
            .contains("'deployments.s.replicas.scale_up_at': expected a utilisation from 0 to 1"))
    }
}
