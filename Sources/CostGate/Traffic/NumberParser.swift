
/// Parses JSON numbers (RFC 8259 grammar) from bytes, exactly.
///
/// Integers are read directly. Decimals with at most 15 significant digits and a small exponent are
/// converted with one correctly rounded multiplication or division by an exact power of ten; anything
/// else falls back to the standard library's correctly rounded `Double(String)`.
enum NumberParser {
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Parses a number starting at `start`; returns it and the index after it, or nil when the grammar is broken.
    @inline(__always)
    static func parse(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) -> (ParsedNumber, Int)? {
        var index = start
        var negative = false
        if index < end && bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        guard index < end, isDigit(bytes[index]) else { return nil }
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var truncated = false
        var isInteger = true
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < end, isDigit(bytes[index]) {
                if significant < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(bytes[index] &- 48)
                    significant += 1
                } else {
                    exponent += 1
                    truncated = true
                }
                index += 1
            }
        }
        if index < end && bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard index < end, isDigit(bytes[index]) else { return nil }
            while index < end, isDigit(bytes[index]) {
                let digit = bytes[index] &- 48
                if significant < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                    if mantissa != 0 { significant += 1 }
                    exponent -= 1
                } else if digit != 0 {
                    truncated = true
                }
                index += 1
            }
        }
        if index < end && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            isInteger = false
            index += 1
            var exponentNegative = false
            if index < end && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            guard index < end, isDigit(bytes[index]) else { return nil }
            var written = 0
            while index < end, isDigit(bytes[index]) {
                if written < 100_000 { written = written * 10 + Int(bytes[index] &- 48) }
                index += 1
            }
            exponent += exponentNegative ? -written : written
        }
        if isInteger && !truncated {
            if mantissa <= UInt64(Int64.max) {
                let integer = negative ? -Int64(mantissa) : Int64(mantissa)
                return (ParsedNumber(value: Double(integer), integer: integer), index)
            }
            if negative && mantissa == UInt64(Int64.max) + 1 {
                return (ParsedNumber(value: Double(Int64.min), integer: Int64.min), index)
            }
        }
        if !truncated && mantissa < (1 << 53) && exponent >= -22 && exponent <= 22 {
            var value = Double(mantissa)
            value = exponent >= 0 ? value * powersOfTen[exponent] : value / powersOfTen[-exponent]
            return (ParsedNumber(value: negative ? -value : value, integer: nil), index)
        }
        let text = String(decoding: UnsafeBufferPointer(start: bytes + start, count: index - start), as: UTF8.self)
        guard let value = Double(text) else { return nil }
        return (ParsedNumber(value: value, integer: nil), index)
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- 48 < 10 }
}
