extension Forecast {
    /// Recorded outcomes (`outcome`: success / failure) and what each success costs.
    public struct Outcomes: Sendable, Equatable {
        /// Monthly requests whose record says `success`.
        public var successes: Double
        /// Monthly requests whose record carries an outcome.
        public var withOutcome: Double
        /// Monthly cost of the requests that carry an outcome.
        public var monthlyCost: Double

        /// Monthly cost of the requests with an outcome / their successes: with every record labelled, the
        /// monthly cost per successful request. Nil without a success.
        public var costPerSuccess: Double? { successes > 0 ? monthlyCost / successes : nil }

        /// The share of the labelled requests that succeeded.
        public var successRate: Double? { withOutcome > 0 ? successes / withOutcome : nil }

        /// Outcomes already summed and scaled.
        init(successes: Double, withOutcome: Double, monthlyCost: Double) {
            self.successes = successes
            self.withOutcome = withOutcome
            self.monthlyCost = monthlyCost
        }

        /// Sums the records that carry an outcome; nil when none does. `include` restricts to a policy's records.
        init?(traffic: Traffic, weights: [Double], values: [Double], factor: Double, include: ((Int) -> Bool)? = nil) {
            var successes = PreciseSum()
            var labelled = PreciseSum()
            var cost = PreciseSum()
            var any = false
            for index in values.indices where traffic.records[index].outcomeCode != 0 && include?(index) ?? true {
                any = true
                labelled.add(weights[index])
                cost.add(values[index])
                if traffic.records[index].outcomeCode == 1 { successes.add(weights[index]) }
            }
            guard any else { return nil }
            self.successes = successes.value * factor
            self.withOutcome = labelled.value * factor
            self.monthlyCost = cost.value * factor
        }
    }
}
