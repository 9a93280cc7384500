/// A weighted mean accumulated one value at a time; nil when nothing was added.
struct WeightedMean {
    private var sum = PreciseSum()
    private var weight = PreciseSum()

    mutating func add(_ value: Double, weight w: Double) {
        guard value.isFinite, w > 0 else { return }
        sum.add(w, times: value)
        weight.add(w)
    }

    var value: Double? { weight.value > 0 ? sum.value / weight.value : nil }
}
