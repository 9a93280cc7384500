/// Makes untrusted text (route names, tags, policy names) harmless inside GitHub/GitLab Markdown.
///
/// Nothing from the traffic or the plan may open HTML, start a mention (`@team`), reference an issue (`#12`),
/// break a table (`|`, newlines) or format text. Characters that carry meaning become HTML entities or are
/// backslash-escaped; control characters are dropped; long values are cut.
public enum Markdown {
    /// Escapes `text` for use inside a table cell or a sentence.
    public static func escape(_ text: String, limit: Int = 80) -> String {
        var result = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit { result += "…"; break }
            count += 1
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "@": result += "&#64;"
            case "#": result += "&#35;"
            case "|": result += "&#124;"
            case "`": result += "&#96;"
            case "\\", "*", "_", "[", "]", "(", ")", "{", "}", "~", "!", "+", "-", ".", ":", "=", "$", "%", "^":
                result += "\\" + String(scalar)
            case "\n", "\r", "\t", "\u{2028}", "\u{2029}":
                result += " "
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
                    || (0x2066...0x2069).contains(scalar.value) || scalar.value == 0x200E || scalar.value == 0x200F {
                    continue
                }
                result.unicodeScalars.append(scalar)
            }
        }
        return result.isEmpty ? "(empty)" : result
    }

    /// A Markdown table; every cell must already be escaped.
    public static func table(_ header: [String], _ rows: [[String]], alignRight: Set<Int> = []) -> String {
        var text = "| " + header.joined(separator: " | ") + " |\n|"
        for index in header.indices { text += alignRight.contains(index) ? "---:|" : "---|" }
        text += "\n"
        for row in rows { text += "| " + row.joined(separator: " | ") + " |\n" }
        return text
    }
}
