/// Makes untrusted text safe in HTML and SVG, and writes the few elements the HTML report uses.
///
/// Text and attribute values escape `&`, `<`, `>`, `"` and `'`, so nothing from the traffic or the plan can
/// open an element, end an attribute or start an entity; control, bidi and zero-width characters are dropped
/// as in every format. The output is also well-formed XML, which lets tests parse it.
enum HTML {
    /// `text` escaped for an element's content or a quoted attribute value.
    /// - Parameters:
    ///   - text: untrusted text.
    ///   - limit: the most characters kept; longer text ends with "…".
    static func escape(_ text: String, limit: Int = 200) -> String {
        var result = ""
        for character in Markdown.sanitized(text, limit: limit) {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A table; every cell must already be escaped. Columns in `alignRight` are numbers, aligned right.
    static func table(_ header: [String], _ rows: [[String]], alignRight: Set<Int> = []) -> String {
        func cells(_ row: [String], tag: String) -> String {
            row.enumerated().map { index, cell in
                "<\(tag)\(alignRight.contains(index) ? " class=\"num\"" : "")>\(cell)</\(tag)>"
            }.joined()
        }
        var text = "<table>\n<thead><tr>" + cells(header, tag: "th") + "</tr></thead>\n<tbody>\n"
        for row in rows { text += "<tr>" + cells(row, tag: "td") + "</tr>\n" }
        return text + "</tbody>\n</table>\n"
    }

    /// A number for an SVG coordinate: one decimal, no locale.
    static func coordinate(_ value: Double) -> String { Format.fixed(value, digits: 1) }
}
