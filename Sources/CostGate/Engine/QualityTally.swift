/// The quality scores of some records, weighted: the one place mean quality and cost per quality are computed,
/// for a whole forecast and for a policy's subset alike.
struct QualityTally {
    /// Σ weight × score over the scored records.
    private var weightedScores = PreciseSum()
    /// Σ weight over the scored records.
    private var weights = PreciseSum()

    /// Adds one record; an unscored record (NaN) adds nothing.
    mutating func add(score: Double, weight: Double) {
        guard !score.isNaN else { return }
        weightedScores.add(weight, times: score)
        weights.add(weight)
    }

    /// The weight of the scored records.
    var scoredWeight: Double { weights.value }

    /// The weighted mean score, nil when nothing is scored.
    var mean: Double? { weights.value > 0 ? weightedScores.value / weights.value : nil }

    /// `monthlyCost / (factor · Σ w·q)`: the cost of one quality-weighted request, nil without scores.
    func costPerQuality(monthlyCost: Double, factor: Double) -> Double? {
        weightedScores.value > 0 ? monthlyCost / (factor * weightedScores.value) : nil
    }
}
