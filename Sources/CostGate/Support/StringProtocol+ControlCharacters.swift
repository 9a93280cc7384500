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
        // Every such character is U+061C or above, so its UTF-8 starts with a byte of 0xD8 or more: a text without
        // one (ASCII, as most of a report is) has nothing to remove and is not rebuilt a character at a time.
        guard utf8.contains(where: { $0 >= 0xD8 }) else { return String(self) }
        var result = ""
        result.unicodeScalars.reserveCapacity(unicodeScalars.count)
        for scalar in unicodeScalars where !scalar.isInvisible || scalar == "\u{200D}" { result.unicodeScalars.append(scalar) }
        return result
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
