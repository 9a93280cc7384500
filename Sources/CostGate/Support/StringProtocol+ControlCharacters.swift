extension StringProtocol {
    /// The text with every control character (C0, DEL, C1), bidi control and zero-width character written as
    /// `\u{XX}`, so text from an input file shown in a message cannot move the cursor, retitle the terminal,
    /// reorder what a reader sees or hide characters.
    var escapingControlCharacters: String {
        var result = ""
        result.unicodeScalars.reserveCapacity(unicodeScalars.count)
        for scalar in unicodeScalars {
            if scalar.isInvisibleOrControl {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The text without bidi controls and zero-width characters (line breaks and tabs kept), so no output
    /// format can reorder what a reader sees or hide characters in it.
    ///
    /// The zero-width joiner stays: emoji sequences need it and `Markdown.escape` puts it after `@` and `#`
    /// (every name is stripped of its own joiners before that).
    var removingInvisibleCharacters: String {
        var text = String(self)
        let kept: [UInt8]? = text.withUTF8 { bytes in
            // Every such character is U+061C or above, so its UTF-8 starts with a byte of 0xD8 or more: a text without
            // one (ASCII, as most of a report is) has nothing to remove. Otherwise the text is copied a run of bytes at
            // a time between the invisible characters' byte sequences (the text is valid UTF-8, so a sequence that
            // starts at a lead byte is that character).
            var start = 0
            var result: [UInt8]?
            var index = 0
            while index < bytes.count {
                guard bytes[index] >= 0xD8 else {
                    index += 1
                    continue
                }
                let length = Self.invisibleLength(bytes, at: index)
                guard length > 0 else {
                    index += 1
                    continue
                }
                if result == nil { result = []; result!.reserveCapacity(bytes.count) }
                result!.append(contentsOf: bytes[start..<index])
                index += length
                start = index
            }
            result?.append(contentsOf: bytes[start...])
            return result
        }
        return kept.map { String(decoding: $0, as: UTF8.self) } ?? text
    }

    /// The length of the UTF-8 of the invisible character (a bidi control or a zero-width character but the joiner,
    /// as `Unicode.Scalar.isInvisible` lists them) starting at `index`, or 0.
    private static func invisibleLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let count = bytes.count - index
        switch bytes[index] {
        case 0xD8: // U+061C
            return count >= 2 && bytes[index + 1] == 0x9C ? 2 : 0
        case 0xE1: // U+180E
            return count >= 3 && bytes[index + 1] == 0xA0 && bytes[index + 2] == 0x8E ? 3 : 0
        case 0xE2:
            guard count >= 3 else { return 0 }
            let second = bytes[index + 1]
            let third = bytes[index + 2]
            if second == 0x80 {
                // U+200B...U+200F but U+200D (E2 80 8D), U+202A...U+202E.
                return (0x8B...0x8F).contains(third) && third != 0x8D || (0xAA...0xAE).contains(third) ? 3 : 0
            }
            // U+2060...U+2064, U+2066...U+2069.
            return second == 0x81 && ((0xA0...0xA4).contains(third) || (0xA6...0xA9).contains(third)) ? 3 : 0
        case 0xEF: // U+FEFF
            return count >= 3 && bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF ? 3 : 0
        default:
            return 0
        }
    }
}

extension Unicode.Scalar {
    /// Control characters, bidi controls and zero-width characters.
    var isInvisibleOrControl: Bool {
        switch value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        default: return isInvisible
        }
    }

    /// Bidi controls and zero-width characters.
    var isInvisible: Bool {
        switch value {
        case 0x061C, 0x180E, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF: return true
        default: return false
        }
    }
}
