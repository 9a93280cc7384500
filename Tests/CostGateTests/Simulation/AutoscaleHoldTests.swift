import Testing
@testable import CostGate

/// The autoscaler's window means are running sums (O(1) an evaluation). They must decide as the window summed
/// afresh at every evaluation does: a year of 15-second ticks under one-day windows took 27 s that way
/// (900 requests, `Scenarios/cv-service-autoscale`'s plan) and takes 0.25 s now, with the same report.
@Suite struct AutoscaleHoldTests {
    /// The rule summed afresh, newest value first, as the hold did before its running sums.
    struct Reference {
        var history: [(t: Double, value: Double)] = []
        var since: Double = 0
        var lastAction = -Double.infinity

        mutating func decide(_ value: Double, now: Double, policy: AutoscalePolicy) -> AutoscaleHold.Decision {
            history.append((now, value))
            guard now - lastAction >= policy.cooldown else { return .stay }
            if let mean = mean(policy.scaleUpFor, now: now, current: value), mean > policy.scaleUpAt { return .up }
            if let mean = mean(policy.scaleDownFor, now: now, current: value), mean < policy.scaleDownAt { return .down }
            return .stay
        }

        func mean(_ seconds: Double, now: Double, current: Double) -> Double? {
            guard seconds > 0 else { return current }
            guard now - since >= seconds else { return nil }
            var sum = 0.0
            var count = 0
            for entry in history.reversed() {
                guard entry.t > now - seconds else { break }
                sum += entry.value
                count += 1
            }
            return count > 0 ? sum / Double(count) : nil
        }

        mutating func acted(at now: Double) {
            lastAction = now
            since = now
            history.removeAll()
        }
    }

    /// Random metrics (utilisations, and small multiples of a half as queue depths are, which tie with their
    /// thresholds exactly) under random windows, cooldowns and ticks: every decision is the reference's.
    @Test(arguments: 0..<24)
    func runningSumsDecideAsTheWindowSummedAfresh(seed: UInt64) {
        var random = SplitMix64Generator(seed: seed)
        var policy = AutoscalePolicy()
        let halves = seed % 2 == 1
        policy.scaleUpAt = halves ? 2 : 0.7
        policy.scaleDownAt = halves ? 1 : 0.3
        policy.scaleUpFor = [0, 15, 60, 300, 3_600][Int(random.next() % 5)]
        policy.scaleDownFor = [0, 30, 600, 86_400][Int(random.next() % 4)]
        policy.cooldown = [0, 60, 300][Int(random.next() % 3)]
        var hold = AutoscaleHold(start: 0)
        var reference = Reference()
        var now = 0.0
        var decisions = 0
        for step in 0..<20_000 {
            now += step % 7 == 0 ? 15 : Double(random.next() % 60) + 0.25
            let value = halves ? Double(random.next() % 8) / 2 : Double(random.next() % 1_000_001) / 1_000_000
            let decision = hold.decide(value, now: now, policy: policy)
            let expected = reference.decide(value, now: now, policy: policy)
            if decision != expected {
                Issue.record("seed \(seed), step \(step): \(decision), the reference says \(expected)")
                return
            }
            if decision != .stay {
                hold.acted(at: now)
                reference.acted(at: now)
                decisions += 1
            }
        }
        #expect(decisions > 0, "the run never scaled, so it compared nothing but holds")
    }

    /// SplitMix64 as a generator, for reproducible random cases.
    struct SplitMix64Generator: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            return SplitMix64.mix(state)
        }
    }
}
