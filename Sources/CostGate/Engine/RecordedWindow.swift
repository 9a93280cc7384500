import Foundation

/// The minutes a sample's timestamps fall in, to find the longest stretch of their span that holds no record.
///
/// Without `window_hours` a forecast divides by the span of the timestamps, first to last. A span that is mostly one
/// empty stretch is not the time the log covers: one record stamped 0 for a missing time, a stray record from last
/// year or two logs glued together would stretch a day's sample over decades, and the forecast would shrink by the
/// same factor (to $0.00, passing any budget). `Forecaster.scaling` refuses such a span (`emptyStretch`).
///
/// Records are counted by the minute they fall in (`floor(t / 60)`), so the stretch is measured in whole empty
/// minutes; a sample read in arrival order changes minute rarely, so most records only add to the current count.
/// A whole read and a read in blocks add the same timestamps and find the same stretch.
struct RecordedWindow: Sendable {
    /// Records per minute that holds any, but the current one.
    private var minutes: [Int64: Int] = [:]
    private var current = Int64.min
    private var currentCount = 0
    /// Records with a finite timestamp (a joined log's record without one has none).
    private(set) var records = 0

    init() {}

    /// The timestamps of every record of `traffic`.
    init(_ traffic: Traffic) {
        for record in traffic.records { add(record.timestamp) }
    }

    mutating func add(_ timestamp: Double) {
        guard timestamp.isFinite else { return }
        records += 1
        // Timestamps are within ±1e11 s of 1970 (`TrafficField.timestampLimit`), so the minute fits easily.
        let minute = Int64((timestamp / 60).rounded(.down))
        if minute == current {
            currentCount += 1
            return
        }
        if currentCount > 0 { minutes[current, default: 0] += currentCount }
        current = minute
        currentCount = 1
    }

    /// The longest run of empty minutes between two records, with the records on either side of it.
    struct Stretch: Equatable, Sendable {
        /// Its length, in seconds (whole minutes), and the span of the timestamps it lies in.
        var seconds: Double
        var span: Double
        /// The minutes (Unix seconds at their start) of the last record before it and the first after it.
        var lastBefore: Int64
        var firstAfter: Int64
        /// Records before and after it.
        var before: Int
        var after: Int
    }

    /// The longest empty stretch, when it makes `span` (the timestamps' first to last, `Traffic.timeSpan`, which the
    /// caller has found already) no recording window: longer than half the span, and longer
    /// than Poisson arrivals at the sample's own rate (`records` over the span) would leave anywhere in it but once
    /// in a million samples. The second test keeps a handful of records, whose gaps are long by chance, from being
    /// refused: the expected number of gaps longer than g among n arrivals is about n·exp(−n·g/span), below 1e-6 when
    /// g/span > ln(n·1e6)/n (0.35 for 51 records; above 1, so never, for 16 or fewer).
    func emptyStretch(span: Double) -> Stretch? {
        var counts = minutes
        if currentCount > 0 { counts[current, default: 0] += currentCount }
        guard records >= 2, counts.count >= 2, span > 0 else { return nil }
        let sorted = counts.keys.sorted()
        var widest = 0
        var widestGap: Int64 = 0
        for index in 1..<sorted.count {
            let gap = sorted[index] - sorted[index - 1] - 1
            if gap > widestGap {
                widestGap = gap
                widest = index
            }
        }
        let seconds = Double(widestGap) * 60
        let n = Double(records)
        guard widestGap > 0, seconds > span / 2, seconds / span > log(n * 1e6) / n else { return nil }
        let before = sorted[..<widest].reduce(0) { $0 + counts[$1]! }
        return Stretch(seconds: seconds, span: span, lastBefore: sorted[widest - 1] * 60, firstAfter: sorted[widest] * 60,
                       before: before, after: records - before)
    }
}

extension RecordedWindow.Stretch {
    /// What the plan needs, for the error that refuses the span: how empty it is, where, and what to do.
    func expectation(sample: String) -> String {
        func minute(_ seconds: Int64) -> String { String(Format.utcDateTime(seconds).dropLast(4)) + "Z" }
        func records(_ count: Int) -> String { Format.count(Double(count)) + (count == 1 ? " record" : " records") }
        return "a window: the timestamps of \(sample) span \(Self.duration(span)), and \(Self.duration(seconds)) of that hold no record, "
            + "between \(minute(lastBefore)) (\(records(before)) up to that minute) and \(minute(firstAfter)) (\(records(after)) from that minute on), "
            + "so their span is not the time the log covers; give window_hours, or correct the timestamps "
            + "(a time of 0 written for a missing one, or a stray record from another period)"
    }

    /// A length of time in the largest whole unit that leaves at least two: days, hours or minutes.
    static func duration(_ seconds: Double) -> String {
        if seconds >= 2 * 86_400 { return Format.count((seconds / 86_400).rounded(.down)) + " days" }
        if seconds >= 2 * 3600 { return Format.count((seconds / 3600).rounded(.down)) + " hours" }
        let minutes = (seconds / 60).rounded(.down)
        return Format.count(minutes) + (minutes == 1 ? " minute" : " minutes")
    }
}
