import Foundation
import Testing
@testable import CostGate

/// The window a forecast takes from the timestamps is refused when one empty stretch is most of it: a stray record
/// (a time of 0 for a missing one, last year's) would otherwise spread a day's sample over decades and shrink the
/// forecast to nothing.
@Suite struct RecordedWindowTests {
    /// 2025-10-06T00:00:00Z.
    static let day = 1_759_708_800.0

    static func window(_ timestamps: [Double]) -> RecordedWindow {
        var window = RecordedWindow()
        for timestamp in timestamps { window.add(timestamp) }
        return window
    }

    /// The empty stretch that refuses the span of `timestamps`, first to last, as `Forecaster.scaling` asks for it.
    static func stretch(_ timestamps: [Double]) -> RecordedWindow.Stretch? {
        window(timestamps).emptyStretch(span: timestamps.max()! - timestamps.min()!)
    }

    /// A record every `step` seconds through one day.
    static func aDay(every step: Double = 60) -> [Double] {
        stride(from: day, to: day + 86_400, by: step).map { $0 }
    }

    @Test func aStrayRecordAtTheEpochIsFoundWithTheRecordsOnEitherSide() throws {
        let stretch = try #require(Self.stretch([0] + Self.aDay()))
        #expect(stretch.before == 1 && stretch.after == 1440)
        #expect(stretch.lastBefore == 0 && stretch.firstAfter == Int64(Self.day))
        #expect(stretch.seconds == Self.day - 60 && stretch.span == Self.day + 86_400 - 60)
        #expect(stretch.expectation(sample: "traffic.jsonl")
            == "a window: the timestamps of traffic.jsonl span 20,367 days, and 20,366 days of that hold no record, between "
            + "1970-01-01T00:00Z (1 record up to that minute) and 2025-10-06T00:00Z (1,440 records from that minute on), so their span is "
            + "not the time the log covers; give window_hours, or correct the timestamps (a time of 0 written for a missing one, "
            + "or a stray record from another period)")
    }

    @Test func aStrayRecordAfterTheRestIsFoundToo() throws {
        let stretch = try #require(Self.stretch(Self.aDay() + [Self.day + 365 * 86_400]))
        #expect(stretch.before == 1440 && stretch.after == 1)
        #expect(stretch.lastBefore == Int64(Self.day) + 86_400 - 60)
    }

    /// The order the records come in does not matter, nor do records without a time.
    @Test func orderAndTimelessRecordsDoNotMatter() throws {
        var timestamps = [0] + Self.aDay(every: 97) + [.nan]
        let sorted = try #require(Self.stretch(timestamps))
        var random = SystemRandomNumberGenerator()
        timestamps.shuffle(using: &random)
        #expect(Self.stretch(timestamps) == sorted)
        #expect(Self.window(timestamps).records == timestamps.count - 1)
    }

    /// Nights and weekends without traffic are gaps, not most of the span.
    @Test func quietHoursAreNoStretch() {
        // Nine to five on seven days in a row: each night is 16 of the 152 hours.
        var office: [Double] = []
        for day in 0..<7 {
            let morning = Self.day + Double(day) * 86_400 + 9 * 3600
            office += stride(from: morning, to: morning + 8 * 3600, by: 30).map { $0 }
        }
        #expect(Self.stretch(office) == nil)
        #expect(Self.stretch(Self.aDay()) == nil)
    }

    /// A gap must be more than half the span: one just under half is kept.
    @Test func aGapOfHalfTheSpanIsKept() throws {
        let first = Self.aDay()
        // The same day again after 23 empty hours: the span is 71 hours, the gap 23.
        let second = first.map { $0 + 2 * 86_400 - 3600 }
        #expect(Self.stretch(first + second) == nil)
        // After three empty days, the gap is three fifths of the span (72 of 120 hours).
        let later = first.map { $0 + 4 * 86_400 }
        let stretch = try #require(Self.stretch(first + later))
        #expect(stretch.before == 1440 && stretch.after == 1440 && stretch.seconds == 3 * 86_400)
    }

    /// A few records have long gaps by chance: with 16 or fewer no gap is refused, however long; the bound falls as
    /// the records grow (ln(n·1e6)/n of the span).
    @Test func fewRecordsAreNotRefused() throws {
        #expect(Self.stretch([Self.day, Self.day + 1e9]) == nil)
        let sixteen = (0..<15).map { Self.day + Double($0) * 60 } + [Self.day + 1e9]
        #expect(Self.stretch(sixteen) == nil)
        let seventeen = (0..<16).map { Self.day + Double($0) * 60 } + [Self.day + 1e9]
        #expect(Self.stretch(seventeen) != nil)
        // 30 records over an hour, then one 40 minutes after the last: 39 empty minutes of 98, under half the span.
        let spread = (0..<30).map { Self.day + Double($0) * 120 } + [Self.day + 29 * 120 + 2400]
        #expect(Self.stretch(spread) == nil)
    }

    /// Durations read in the largest unit that leaves two of them.
    @Test(arguments: [(59.0, "0 minutes"), (60, "1 minute"), (7199, "119 minutes"), (7200, "2 hours"), (172_799, "47 hours"),
                      (172_800, "2 days"), (1e10, "115,740 days")])
    func durations(seconds: Double, text: String) {
        #expect(RecordedWindow.Stretch.duration(seconds) == text)
    }
}
