import Testing
@testable import CostGate

/// `CSV.field`'s shortcut for printable ASCII gives what the general path gives, for every kind of cell.
@Suite struct CSVFieldTests {
    @Test func theASCIIShortcutAgreesWithTheGeneralPath() {
        let alphabet = Array("ab9.,\"=+-@ \t\r\n'é\u{200B}")
        var state: UInt64 = 0x5EED
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        var cells = ["", "0.000015", "openai/gpt-4o", "=SUM(A1)", "+1", "-3", "@user", "a,b", "say \"hi\"", "tab\tin", "é"]
        for _ in 0..<20_000 {
            cells.append(String((0..<Int(next() % 8)).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }))
        }
        for cell in cells {
            for neutralizing in [false, true] {
                #expect(CSV.field(cell, neutralizingFormulas: neutralizing) == CSV.generalField(cell, neutralizingFormulas: neutralizing),
                        "\(cell.debugDescription) \(neutralizing)")
            }
        }
        #expect(CSV.field("=1+1", neutralizingFormulas: true) == "'=1+1")
        #expect(CSV.field("a,b") == "\"a,b\"")
    }
}
