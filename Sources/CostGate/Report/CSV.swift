import Foundation

/// RFC 4180 CSV cells.
enum CSV {
    /// `text` as one CSV cell, quoted when it holds a comma, quote or line break.
    ///
    /// With `neutralizingFormulas`, a cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR
    /// first) is prefixed with `'`.
    static func field(_ text: String, neutralizingFormulas: Bool = false) -> String {
        var value = text.removingInvisibleCharacters.replacingOccurrences(of: "\u{200D}", with: "")
        if neutralizingFormulas, let first = value.first, "=+-@\t\r".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
