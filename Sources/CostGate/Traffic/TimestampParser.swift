/// Parses timestamps from bytes without `DateFormatter`, which is far too slow for millions of records.
///
/// Accepts RFC 3339 (`2025-03-01T12:00:00Z`, `2025-03-01T12:00:00.123+02:00`) and the space-separated
/// form `2025-03-01 12:00:00.1234567` (no zone means UTC), with up to 9 fractional digits kept.
enum TimestampParser {
    /// Unix seconds for the text, or nil when it is not a valid timestamp.
    static func parse(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        var index = 0
        @inline(__always) func digits(_ width: Int) -> Int? {
            guard index + width <= count else { return nil }
            var value = 0
            for offset in 0..<width {
                let digit = bytes[index + offset] &- 48
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            index += width
            return value
        }
        @inline(__always) func expect(_ byte: UInt8) -> Bool {
            guard index < count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        guard let year = digits(4), expect(UInt8(ascii: "-")), let month = digits(2), expect(UInt8(ascii: "-")),
              let day = digits(2) else { return nil }
        guard index < count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " "): index += 1
        default: return nil
        }
        guard let hour = digits(2), expect(UInt8(ascii: ":")), let minute = digits(2), expect(UInt8(ascii: ":")),
              let second = digits(2) else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
              hour < 24, minute < 60, second <= 60 else { return nil }
        var nanoseconds = 0
        if index < count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            var written = 0
            while index < count, bytes[index] &- 48 < 10 {
                if written < 9 {
                    nanoseconds = nanoseconds * 10 + Int(bytes[index] &- 48)
                    written += 1
                }
                index += 1
            }
            guard written > 0 else { return nil }
            for _ in written..<9 { nanoseconds *= 10 }
        }
        var offsetSeconds = 0
        if index < count {
            switch bytes[index] {
            case UInt8(ascii: "Z"), UInt8(ascii: "z"):
                index += 1
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
                index += 1
                guard let offsetHours = digits(2), expect(UInt8(ascii: ":")), let offsetMinutes = digits(2),
                      offsetHours < 24, offsetMinutes < 60 else { return nil }
                offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
            default:
                return nil
            }
        }
        guard index == count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let whole = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Double(whole) + Double(nanoseconds) / 1e9
    }

    /// Unix seconds for a string (a convenience for tests and small inputs).
    static func parse(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return nil }
            return parse(base, buffer.count)
        }
    }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
