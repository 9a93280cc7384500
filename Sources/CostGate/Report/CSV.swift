import Foundation

/// RFC 4180 CSV cells.
enum CSV {
    /// `text` as one CSV cell, quoted when it holds a comma, quote or line break.
    ///
    /// With `neutralizingFormulas`, a cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR
    /// first) is prefixed with `'`.
    static func field(_ text: String, neutralizingFormulas: Bool = false) -> String {
        // Printable ASCII without a comma or quote (most cells: numbers, ids, dates) has nothing to remove or quote.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ",") && $0 != UInt8(ascii: "\"") }) {
            if neutralizingFormulas, let first = text.utf8.first, "=+-@".utf8.contains(first) { return "'" + text }
            return text
        }
        return generalField(text, neutralizingFormulas: neutralizingFormulas)
    }

    /// `field` for any text: invisible characters removed, then the formula prefix and the quotes as needed.
    static func generalField(_ text: String, neutralizingFormulas: Bool) -> String {
        var value = text.removingInvisibleCharacters.replacingOccurrences(of: "\u{200D}", with: "")
        if neutralizingFormulas, let first = value.first, "=+-@\t\r".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
