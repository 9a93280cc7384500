import Testing
@testable import CostGate

/// `removingInvisibleCharacters` drops bidi controls and zero-width characters (keeping the zero-width joiner)
/// wherever they are, and returns other text unchanged, ASCII or not.
@Suite struct InvisibleCharactersTests {
    static let invisible: [UInt32] = [0x061C, 0x180E, 0x200B, 0x200C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D,
                                      0x202E, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF]

    @Test func everyInvisibleCharacterGoesAndTheJoinerStays() {
        // Every scalar from U+0000 to U+FFFF (surrogates aside) and a few astral ones, between ASCII letters.
        let scalars = (0...0xFFFF).compactMap(Unicode.Scalar.init) + ["\u{1F600}", "\u{10FFFF}"]
        for scalar in scalars {
            let text = "a" + String(Character(scalar)) + "b"
            let expected = Self.invisible.contains(scalar.value) ? "ab" : text
            #expect(text.removingInvisibleCharacters == expected, "U+\(String(scalar.value, radix: 16))")
        }
        #expect(Set(scalars.filter(\.isInvisible).map(\.value)) == Set(Self.invisible + [0x200D]))
        #expect("\u{200D}".removingInvisibleCharacters == "\u{200D}")
    }

    @Test(arguments: ["", "plain | table |\n", "Zürich — 東京 · 🇨🇭", "e\u{301}", "\u{202E}evil\u{202C} and \u{200B}", "\r\n\t",
                      "\u{FEFF}\u{2066}\u{061C}x\u{2069}\u{2069}\u{200D}\u{180E}", "\u{200B}", "👨\u{200D}👩\u{200D}👧 \u{2060}€\u{202A}"])
    func textKeepsEverythingButTheInvisible(_ text: String) {
        let kept = String(String.UnicodeScalarView(text.unicodeScalars.filter { !Self.invisible.contains($0.value) }))
        #expect(text.removingInvisibleCharacters == kept)
        #expect(text.removingInvisibleCharacters.unicodeScalars.elementsEqual(kept.unicodeScalars))
        #expect(text[...].removingInvisibleCharacters == kept)
    }
}
