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

    /// `monthlyCost / (requests · mean)`: the cost of one quality-weighted request, nil without scores.
    /// `requests` counts every record the cost covers, scored or not: records without a score are taken at the
    /// mean score of those with one. Dividing all of the cost by the scored records' Σ w·q alone, as before,
    /// inflated the figure by one over the share of traffic that is scored, and moved it whenever that share did.
    func costPerQuality(monthlyCost: Double, requests: Double) -> Double? {
        guard let mean, mean > 0, requests > 0 else { return nil }
        return monthlyCost / (requests * mean)
    }
}
