import Foundation
import Testing
@testable import CostGate

/// `Format.decimal` writes small numbers out from Swift's shortest digits; the `%.Nf` search it replaced stays as
/// the reference, and both must give the same text wherever the search's text reads back; beyond 17 decimals only
/// the new text does.
@Suite struct DecimalExpansionTests {
    @Test func theShortestDigitsGiveWhatTheFormattingSearchGives() {
        var generator = SplitMix64Stream(seed: 0xDEC1_3A1)
        var compared = 0
        for _ in 0..<200_000 {
            // 1 to 17 significant digits at magnitudes from 1e-19 to 1e-5 (where Swift prints an exponent), both
            // signs, read from text so that short decimals (the common case: $0.0000125) are exact doubles.
            let significant = Int(1 + generator.next() % 17)
            var digits = String(1 + generator.next() % 9)
            for _ in 1..<significant { digits += String(generator.next() % 10) }
            let mantissa = digits.count > 1 ? String(digits.first!) + "." + digits.dropFirst() : digits
            let sign = generator.next() % 2 == 0 ? "-" : ""
            let value = Double(sign + mantissa + "e-" + String(5 + generator.next() % 15))!
            let text = "\(value)"
            guard text.contains("e") else { continue }
            let fast = Format.decimalExpansion(value, shortest: text)
            #expect(Double(fast) == value, "\(text) wrote \(fast)")
            // Where the search finds digits that read back (17 decimals or fewer), both texts are the same.
            let reference = Format.decimalExpansion(value)
            guard Double(reference) == value else { continue }
            compared += 1
            #expect(fast == reference, "\(text)")
        }
        // Short mantissas too: costs such as $0.0000125 are the common case.
        for digits in 1...9 {
            for exponent in 5...20 {
                let value = Double(digits) * pow(10, -Double(exponent)) * 1.5
                let text = "\(value)"
                guard text.contains("e") else { continue }
                let fast = Format.decimalExpansion(value, shortest: text)
                #expect(Double(fast) == value, "\(text) wrote \(fast)")
                let reference = Format.decimalExpansion(value)
                if Double(reference) == value { #expect(fast == reference, "\(text)") }
            }
        }
        #expect(compared > 20_000)
    }

    @Test func smallNumbersReadBackWithoutAnExponent() {
        #expect(Format.decimal(1e-07) == "0.0000001")
        #expect(Format.decimal(-1.25e-05) == "-0.0000125")
        #expect(Format.decimal(1.2345678901234567e-05) == "0.000012345678901234568")
        #expect(Double(Format.decimal(1.2345678901234567e-05)) == 1.2345678901234567e-05)
        #expect(Format.decimal(1.5000000000000002e-05) == "0.000015000000000000002")
        #expect(Format.decimal(1e-20) == "0.00000000000000000001")
        #expect(Format.decimal(Double.leastNonzeroMagnitude) == "0." + String(repeating: "0", count: 323) + "5")
    }
}

/// A SplitMix64 stream for test inputs.
private struct SplitMix64Stream {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
